"""Sign-up burst through the real HTTP stack (gunicorn + PostgreSQL).

500 distinct sign-ups plus 50 repeats of the same addresses from 200
concurrent clients against a meeting with 50 seats. Each client loads the
meeting page (CSRF cookie and token) and posts the form, as a browser does.
Then the same burst runs with 16 web workers, so that many sign-ups are in
flight at once: with the seat lock, and without it (bench/unlocked_wsgi.py
replaces the lock function in the benchmark's own gunicorn workers; the
portal has no switch for it), to show that the burst really races.

Run:  .venv/bin/python bench/registration_burst.py
Needs PostgreSQL at 127.0.0.1:5432 (BENCH_PG overrides the server URL) and
Redis at 127.0.0.1:6379 (BENCH_REDIS overrides; database 14 is flushed).
BENCH_DB names the scratch database (default netvaerk_bench_burst; dropped
and created for each run). BENCH_DISTINCT, BENCH_REPEATS and BENCH_CLIENTS
make a smaller burst (defaults 500, 50 and 200; 50 seats). BENCH_GROUP_SIZE=3
posts the same addresses as groups of 3 (a booker and 2 colleagues in one post,
"colleagues in one go"); the targets are the same, counted per person.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_REDIS, flush_redis, fresh_database, gunicorn, manage, percentile  # noqa: E402

SEATS = 50
DISTINCT = int(os.environ.get("BENCH_DISTINCT", 500))
REPEATS = int(os.environ.get("BENCH_REPEATS", 50))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 200))
GROUP_SIZE = max(1, int(os.environ.get("BENCH_GROUP_SIZE", 1)))
RACE_WORKERS = 16
DATABASE = os.environ.get("BENCH_DB", "netvaerk_bench_burst")
UNLOCKED_APP = "bench.unlocked_wsgi:application"

CREATE_MEETING = """
import datetime as dt
from django.utils import timezone
from meetings.models import Meeting
from netvaerk.models import Organiser
org, _ = Organiser.objects.get_or_create(name="Bench")
start = timezone.now() + dt.timedelta(days=20)
m = Meeting.objects.create(title="Burst", organiser=org, status="published", starts_at=start,
    ends_at=start + dt.timedelta(hours=3), registration_deadline=start - dt.timedelta(days=1), capacity=%d)
print(m.code)
"""

COUNT = """
from django.db.models import Count
from django.db.models.functions import Lower
from registration.models import Registration
qs = Registration.objects.filter(meeting__code="%s")
c = qs.filter(status="confirmed").count(); w = qs.filter(status="waiting").count()
d = qs.active().values(e=Lower("email")).annotate(n=Count("id")).filter(n__gt=1).count()
print(c, w, d, qs.count())
"""


def sign_up(base: str, code: str, email: str | list[str]) -> tuple[int, float]:
    """Load the page and post the form as a browser does (CSRF cookie and token), without following the redirect.

    Plain http.client with the cookie copied by hand: the client shares the
    two cores with the server, so it is kept as light as a load generator
    should be (urllib's opener and cookie jar cost about twice the CPU).
    """
    url = urllib.parse.urlsplit(base)
    path = f"/moeder/{code}/"
    start = time.perf_counter()
    try:
        with contextlib.closing(http.client.HTTPConnection(url.hostname, url.port, timeout=60)) as conn:
            conn.request("GET", path)
            response = conn.getresponse()
            page = response.read().decode()
            cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        group = email if isinstance(email, list) else [email]
        fields = {"csrfmiddlewaretoken": token, "name": "Bench Deltager", "email": group[0], "privacy": "on"}
        for n, colleague in enumerate(group[1:], start=1):
            fields.update({f"c{n}-name": f"Bench Kollega {n}", f"c{n}-email": colleague})
        body = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": base + path,
        }
        with contextlib.closing(http.client.HTTPConnection(url.hostname, url.port, timeout=60)) as conn:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
    except Exception:  # noqa: BLE001 - counted as an error
        status = 0
    return status, time.perf_counter() - start


def burst(base: str, code: str) -> dict:
    emails = [f"deltager{i}@bench.example" for i in range(DISTINCT)]
    jobs = emails + [e.upper() for e in emails[:REPEATS]]
    if GROUP_SIZE > 1:
        # A booker and colleagues per post; the repeats come again as groups too.
        def groups(addresses):
            return [addresses[i : i + GROUP_SIZE] for i in range(0, len(addresses), GROUP_SIZE)]

        jobs = groups(emails) + groups([e.upper() for e in emails[:REPEATS]])
    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda email: sign_up(base, code, email), jobs))
    wall = time.perf_counter() - start
    latencies = [latency for _status, latency in results]
    errors = sum(1 for status, _ in results if status != 302)
    return {
        "wall": wall,
        "errors": errors,
        "p95": percentile(latencies, 95),
        "p50": percentile(latencies, 50),
        "requests": len(jobs),
    }


def run(label: str, workers: int = 3, app: str = "config.wsgi:application") -> dict:
    url = fresh_database(DATABASE)
    flush_redis(BENCH_REDIS)
    # As in production: Redis is the cache and the broker. The emails each
    # sign-up stores in the outbox are queued there for a worker, which would
    # run on its own machine and is not part of this measurement.
    env = {"DATABASE_URL": url, "REDIS_URL": BENCH_REDIS, "REGISTRATION_RATE_LIMIT": "1000000/m"}
    code = manage("shell", "-v", "0", "--no-imports", "-c", CREATE_MEETING % SEATS, env=env).strip()
    with gunicorn(env, workers=workers, threads=1, app=app) as base:
        figures = burst(base, code)
    confirmed, waiting, duplicates, total = map(
        int, manage("shell", "-v", "0", "--no-imports", "-c", COUNT % code, env=env).split()
    )
    figures.update(confirmed=confirmed, waiting=waiting, duplicates=duplicates, rows=total)
    print(f"\n{label}")
    print(
        f"  sign-ups sent      {figures['requests']} posts ({DISTINCT} distinct + {REPEATS} repeats, groups of {GROUP_SIZE}, {CLIENTS} clients, {SEATS} seats, {workers} web workers)"
    )
    print(f"  confirmed          {confirmed}")
    print(f"  waiting            {waiting}")
    print(f"  duplicates         {duplicates}")
    print(f"  errors             {figures['errors']}")
    print(f"  wall time          {figures['wall']:.2f} s")
    print(f"  registrations/s    {total / figures['wall']:.1f}")
    print(f"  latency p50 / p95  {figures['p50'] * 1000:.0f} ms / {figures['p95'] * 1000:.0f} ms (page load + post)")
    return figures


def main() -> int:
    # As the Procfile runs it: WEB_CONCURRENCY=3 synchronous workers.
    locked = run("With the seat lock (production behaviour)")
    # Many workers put many sign-ups in flight at the same instant; with the
    # lock that changes nothing, without it seats around the capacity are
    # sold twice. This is what shows that the burst really races.
    crowded = run(f"With the seat lock and {RACE_WORKERS} web workers", workers=RACE_WORKERS)
    unlocked = run(
        f"Without the lock ({UNLOCKED_APP}) and {RACE_WORKERS} web workers", workers=RACE_WORKERS, app=UNLOCKED_APP
    )
    print(f"\n  overbooking without the lock: {unlocked['confirmed'] - SEATS} seats over the capacity of {SEATS}")
    print(f"  overbooking with the lock and {RACE_WORKERS} workers: {crowded['confirmed'] - SEATS}")
    ok = (
        locked["confirmed"] == SEATS
        and locked["waiting"] == DISTINCT - SEATS
        and locked["duplicates"] == 0
        and locked["errors"] == 0
        and locked["p95"] < 3
        and crowded["confirmed"] == SEATS
        and crowded["waiting"] == DISTINCT - SEATS
        and crowded["duplicates"] == 0
    )
    target = f"{SEATS} confirmed, {DISTINCT - SEATS} waiting, 0 duplicates, 0 errors, p95 < 3 s"
    print(f"\n  target ({target}): {'MET' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
