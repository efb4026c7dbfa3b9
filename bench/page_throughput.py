"""Throughput of the public pages through gunicorn (2 workers), PostgreSQL and Redis.

Loads, in the same run, a trivial view (/robots.txt), the meeting page, the
network page and the meeting list with wrk (16 connections each), and prints
requests per second, p50 and p95 latency and each page's throughput relative
to the trivial view. Then it changes the meeting in another process and
checks that the page shows the change (cache invalidation; a process reads the
shared page version at most every PAGE_CACHE_VERSION_CHECK_SECONDS, 0.25 s).

Run:  .venv/bin/python bench/page_throughput.py   (needs `apt-get install wrk`,
PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379; REDIS_URL overrides; BENCH_DB names
the scratch database, default netvaerk_bench_pages, dropped and created again)
Targets (issue 19): each page at least 0.8 of the trivial view's throughput, p95 under 50 ms.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fresh_database, gunicorn, manage  # noqa: E402

DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = 16
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")
DATABASE = os.environ.get("BENCH_DB", "netvaerk_bench_pages")

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
"""


def wrk(url: str, script: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", DURATION, "-s", script, "--timeout", "5s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, seconds, p50, p95, errors = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\S+)", out).groups()
    return {"rps": int(requests) / float(seconds), "p50": float(p50), "p95": float(p95), "errors": int(errors)}


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk")
        return 2
    url = fresh_database(DATABASE)
    env = {"DATABASE_URL": url, "REDIS_URL": REDIS_URL}
    manage("load_demo", env=env)
    code = manage(
        "shell",
        "-v",
        "0",
        "--no-imports",
        "-c",
        "from meetings.models import Meeting; print(Meeting.objects.get(title='Aktive boligområder i Albertslund').code)",
        env=env,
    ).strip()
    pages = {
        "trivial view (/robots.txt)": "/robots.txt",
        "meeting page": f"/moeder/{code}/",
        "network page": "/netvaerk/lokalsamfund-medborgerskab/",
        "meeting list": "/moeder/",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script, gunicorn(env, workers=2) as base:
        script.write(LUA)
        script.flush()
        for path in pages.values():  # warm up
            urllib.request.urlopen(base + path).read()
        results = {name: wrk(base + path, script.name) for name, path in pages.items()}
        # Cache invalidation: a change made by another process shows on the page.
        manage(
            "shell",
            "-v",
            "0",
            "--no-imports",
            "-c",
            f"from meetings.models import Meeting; m = Meeting.objects.get(code='{code}'); "
            "m.title = 'Ændret titel ' + m.title; m.save()",
            env=env,
        )
        changed_at = time.monotonic()
        fresh = urllib.request.urlopen(base + pages["meeting page"]).read().decode()
        visible_after = time.monotonic() - changed_at
    trivial = results["trivial view (/robots.txt)"]["rps"]
    print(f"\n{CONNECTIONS} connections, {DURATION} per page, gunicorn 2 workers, PostgreSQL, Redis cache")
    print(f"{'page':30} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6} {'errors':>6}")
    ok = True
    for name, figures in results.items():
        ratio = figures["rps"] / trivial
        print(
            f"{name:30} {figures['rps']:8.0f} {figures['p50']:8.1f} {figures['p95']:8.1f} {ratio:6.2f} {figures['errors']:6d}"
        )
        if name != "trivial view (/robots.txt)":
            ok &= ratio >= 0.8 and figures["p95"] < 50 and figures["errors"] == 0
    visible = "Ændret titel" in fresh
    print(
        f"\nchanged meeting visible on the next request ({visible_after * 1000:.0f} ms after the saving process ended): "
        f"{'yes' if visible else 'NO'}"
    )
    ok &= visible
    print(f"target (each page >= 0.8 x trivial, p95 < 50 ms, change visible): {'MET' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
