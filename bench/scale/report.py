"""The comparison of the demo and ten-year figures: the verdict per page and the tables."""

from __future__ import annotations

from bench.scale.targets import TARGET_FILE_MS_PER_ROW, TARGET_MEETING_PAGE_CPU_MS, TARGET_MS, TARGET_XLSX_S


def _fmt_ms(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _broken(side: dict | None) -> bool:
    return side is not None and (str(side["status"]).startswith("error") or str(side["status"]).startswith("5"))


def _target(section: str, big: dict | None) -> float:
    """The page target of the section; for a CSV or XLSX file, its rows at the file rate if that is more."""
    rows = (big or {}).get("rows") or 0
    return max(TARGET_MS[section], round(rows * TARGET_FILE_MS_PER_ROW))


def compare(demo: dict, big: dict) -> tuple[list[dict], list[str]]:
    """Table rows (pages timed on the ten-year database, and errors), and the pages not timed with why."""
    demo_pages = {(p["section"], p["label"]): p for p in demo["pages"]}
    big_pages = {(p["section"], p["label"]): p for p in big["pages"]}
    rows, skipped = [], []
    for key in list(big_pages) + [key for key in demo_pages if key not in big_pages]:
        d, b = demo_pages.get(key), big_pages.get(key)
        section, label = key
        row = {"section": section, "label": label, "target": _target(section, b), "demo": d, "big": b}
        errors = [f"ERROR {side['status']}"[:80] for side in (d, b) if _broken(side)]
        if b is None or "ms" not in b:
            if errors:
                rows.append({**row, "result": " + ".join(errors), "failed": True})
            else:
                why = f"ten years: {b['status'] if b else 'no such page'}, demo: {d['status'] if d else 'no such page'}"
                skipped.append(f"{section}: {label} ({why})")
            continue
        problems = errors
        if b["ms"] >= row["target"]:
            problems.append("SLOW")
        if d is not None and "queries" in d and d["queries"] != b["queries"]:
            problems.append("QUERIES")
        result = " + ".join(problems) if problems else "ok"
        if b["status"] != 200:
            result += f" ({b['status']})"
        if d is None or "ms" not in d:
            result += " (no demo figure)"
        rows.append({**row, "result": result, "failed": bool(problems)})
    order = {"admin": 0, "staff": 1, "members": 2, "public": 3}
    rows.sort(key=lambda row: order[row["section"]])
    return rows, skipped


def render_table(rows: list[dict]) -> str:
    lines = [
        "| page | demo ms | demo queries | ten-year ms | ten-year queries | growth | target | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        d, b = row["demo"] or {}, row["big"] or {}
        growth = f"{b['ms'] / d['ms']:.1f}x" if "ms" in d and "ms" in b and d["ms"] > 0 else "-"
        lines.append(
            f"| {row['section']}: {row['label']} | {_fmt_ms(d.get('ms'))} | {d.get('queries', '-')} "
            f"| {_fmt_ms(b.get('ms'))} | {b.get('queries', '-')} | {growth} | < {row['target']:g} ms | {row['result']} |"
        )
    return "\n".join(lines)


def render_companions(big: dict) -> tuple[str, bool]:
    c = big["companions"]
    page, trivial, xlsx = c["meeting_page"], c["trivial_view"], c["xlsx"]
    page_ok = page["cpu_ms"] < TARGET_MEETING_PAGE_CPU_MS
    xlsx_ok = xlsx["status"] == 200 and xlsx["s"] < TARGET_XLSX_S
    text = "\n".join(
        [
            "| measure | ten years | target | result |",
            "|---|---:|---:|---|",
            f"| uncached meeting page, CPU per render (median of {_batches(page)}; wall {page['wall_ms']:.1f} ms) "
            f"| {page['cpu_ms']:.1f} ms "
            f"| < {TARGET_MEETING_PAGE_CPU_MS:g} ms | {'ok' if page_ok else 'SLOW'} |",
            f"| trivial view (/robots.txt), CPU per request, for scale ({_batches(trivial)}) "
            f"| {trivial['cpu_ms']:.1f} ms | - | - |",
            f"| participant XLSX of the largest meeting, {xlsx['registrations']:,} registrations "
            f"({xlsx['bytes'] / 1e6:.1f} MB, CPU {xlsx['cpu_s']:.1f} s, median of {xlsx['runs']}) | {xlsx['s']:.1f} s "
            f"| < {TARGET_XLSX_S:g} s | {'ok' if xlsx_ok else 'SLOW'} |",
        ]
    )
    return text, page_ok and xlsx_ok


def _batches(measure: dict) -> str:
    """How a companion was measured: its batches' range (older result files have none)."""
    if "cpu_ms_range" not in measure:
        return "one batch"
    low, high = measure["cpu_ms_range"]
    return f"batches {low:.1f}-{high:.1f} ms, {measure['requests']} requests"
