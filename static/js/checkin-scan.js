// The door page's scanner (templates/registration/_check_in_scanner.html).
//
// A check-in code reaches the page in two ways: a USB or Bluetooth scanner types it into the search
// field and presses Enter, or the phone's camera reads the QR code through the browser's
// BarcodeDetector (the vendored barcode-detector polyfill, on zxing-wasm, where the browser has none).
// Either way the code is posted to the staff-only scan endpoint, and its answer is shown in green,
// amber or red. Without JavaScript the search still finds the code's holder.
const CODE = /^[2-9A-HJ-NP-Z]{10}$/;
const SYMBOL = { green: "✓", amber: "!", red: "✕" };
const SAME_CODE_PAUSE_MS = 4000; // a badge held in front of the camera is asked about once

const root = document.getElementById("checkin-scanner");
if (root) {
  scanner(root);
}

function scanner(root) {
  const form = document.getElementById("checkin-scan-form");
  const result = document.getElementById("checkin-result");
  const search = document.getElementById("id_q");
  const toggle = document.getElementById("checkin-camera-toggle");
  const camera = document.getElementById("checkin-camera");
  const video = document.getElementById("checkin-video");
  let detector = null;
  let stream = null;
  let timer = null;
  let last = "";
  let lastAt = 0;

  function show(colour, message, summary) {
    result.className = `checkin-result checkin-result--${colour}`;
    result.textContent = `${SYMBOL[colour] || ""} ${message}${summary ? ` · ${summary}` : ""}`;
    root.dataset.last = colour;
    if (navigator.vibrate) {
      navigator.vibrate(colour === "green" ? 80 : [80, 60, 80]);
    }
  }

  async function send(code) {
    const data = new FormData(form);
    data.set("code", code);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const answer = await response.json();
      show(answer.colour, answer.message, answer.summary);
    } catch {
      show("red", root.dataset.failed);
    }
  }

  // A scanner types the code and Enter into the focused search field: ask the server instead of searching.
  if (search && search.form) {
    search.form.addEventListener("submit", (event) => {
      const value = search.value.trim();
      if (!CODE.test(value)) {
        return;
      }
      event.preventDefault();
      search.value = "";
      send(value).finally(() => search.focus());
    });
    search.focus();
  }

  function seen(raw) {
    const code = (raw || "").trim();
    const now = Date.now();
    if (code === last && now - lastAt < SAME_CODE_PAUSE_MS) {
      return;
    }
    last = code;
    lastAt = now;
    if (CODE.test(code)) {
      send(code);
    } else {
      show("red", root.dataset.notCode);
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", resolve);
      script.addEventListener("error", reject);
      document.head.append(script);
    });
  }

  async function makeDetector() {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          root.dataset.detector = "native";
          return new window.BarcodeDetector({ formats: ["qr_code"] });
        }
      } catch {
        // fall through to the polyfill
      }
    }
    await loadScript(root.dataset.polyfill);
    const api = window.BarcodeDetectionAPI;
    const wasm = root.dataset.wasm;
    // The WebAssembly from our own static files, not the package's default CDN.
    api.prepareZXingModule({
      overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? wasm : prefix + path) },
    });
    root.dataset.detector = "polyfill";
    return new api.BarcodeDetector({ formats: ["qr_code"] });
  }

  async function scan() {
    if (!stream) {
      return;
    }
    if (video.readyState >= 2) {
      try {
        for (const barcode of await detector.detect(video)) {
          seen(barcode.rawValue);
        }
      } catch {
        // a frame that cannot be read: try the next one
      }
    }
    timer = setTimeout(scan, 200);
  }

  async function start() {
    toggle.disabled = true;
    try {
      detector = detector || (await makeDetector());
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      camera.hidden = false;
      await video.play();
      toggle.textContent = root.dataset.stopLabel;
      root.dataset.camera = "on";
      scan();
    } catch {
      stop();
      show("red", root.dataset.cameraFailed);
    } finally {
      toggle.disabled = false;
    }
  }

  function stop() {
    clearTimeout(timer);
    if (stream) {
      for (const track of stream.getTracks()) {
        track.stop();
      }
    }
    stream = null;
    video.srcObject = null;
    camera.hidden = true;
    toggle.textContent = root.dataset.startLabel;
    root.dataset.camera = "off";
  }

  if (toggle && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => (stream ? stop() : start()));
  }
}
