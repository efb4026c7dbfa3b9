// Copies the BarcodeDetector polyfill (npm: barcode-detector, built on zxing-wasm) into static/vendor/,
// where the door page's scanner loads it in browsers without a native BarcodeDetector.
// The copied files are committed, so the site runs without npm; run `npm run vendor` after changing
// the version in package.json (and `npm install`), then commit static/vendor/barcode-detector/.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const target = join(root, "static", "vendor", "barcode-detector");
const version = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;

mkdirSync(target, { recursive: true });
const files = [
  // The IIFE "ponyfill": window.BarcodeDetectionAPI.{BarcodeDetector, prepareZXingModule}; it never
  // replaces a native BarcodeDetector.
  ["barcode-detector/dist/iife/ponyfill.js", "barcode-detector.js"],
  // The reader's WebAssembly, served from our own origin (the package's default is a CDN).
  ["zxing-wasm/dist/reader/zxing_reader.wasm", "zxing_reader.wasm"],
  ["barcode-detector/LICENSE", "LICENSE-barcode-detector"],
  ["zxing-wasm/LICENSE", "LICENSE-zxing-wasm"],
];
for (const [from, to] of files) {
  copyFileSync(join(modules, from), join(target, to));
}
writeFileSync(
  join(target, "VERSIONS.txt"),
  `barcode-detector ${version("barcode-detector")}\nzxing-wasm ${version("zxing-wasm")}\n` +
    "Copied by scripts/vendor-barcode-detector.mjs (npm run vendor). zxing_reader.wasm contains ZXing-C++ (Apache-2.0).\n",
);
console.log(`vendored barcode-detector ${version("barcode-detector")} into ${target}`);
