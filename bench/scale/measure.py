"""Timing the pages in-process with Django's test client, in a process set up for one database."""

from __future__ import annotations

import json
import os
import statistics
import time
from dataclasses import asdict
from pathlib import Path

from bench.scale.context import Context, Page, select_context
from bench.scale.targets import log
from bench.scale.url_pages import collect_pages


def _fetch(client, url: str, *, rows: dict | None = None) -> tuple[int, int]:
    """(status, bytes) of a GET; with ``rows``, a CSV or XLSX download's data rows go into rows["rows"]."""
    response = client.get(url)
    # The test client closes the response itself (a streaming one once it is read through). The body is
    # kept only when its rows are counted (not in the timed runs).
    if not response.streaming:
        body = response.content
    elif rows is not None:
        body = b"".join(response.streaming_content)
    else:
        return response.status_code, sum(len(chunk) for chunk in response.streaming_content)
    if rows is not None and response.status_code == 200:
        rows["rows"] = _data_rows(response.get("Content-Type", ""), body)
    return response.status_code, len(body)


def _data_rows(content_type: str, body: bytes) -> int | None:
    """The rows under the header of a CSV or XLSX file (for its target: TARGET_FILE_MS_PER_ROW), else None."""
    import csv
    import io

    if content_type.startswith("text/csv"):
        return max(sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1, 0)
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        return max(sum(1 for _ in sheet.iter_rows(values_only=True)) - 1, 0)
    return None


def login_clients(ctx: Context) -> dict:
    from django.test import Client

    clients = {}
    for who, user in ctx.users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[who] = client
    return clients


def measure_page(client, page: Page, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = asdict(page)
    started = time.perf_counter()
    rows: dict = {}
    try:
        status, size = _fetch(client, page.url, rows=rows)
    except Exception as error:
        result.update(status=f"error: {type(error).__name__}: {error}")
        return result
    # Not timed: counting the rows reads the file.
    warm = time.perf_counter() - started
    result.update(status=status, bytes=size)
    if rows.get("rows") is not None:
        result["rows"] = rows["rows"]
    if status >= 400 or runs == 0:
        return result
    n = runs if warm < 1 else (3 if warm < 5 else 1)
    times = []
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        _fetch(client, page.url)
        times.append(time.perf_counter() - started)
    # Read now: the log is emptied by the next request.
    queries = list(captured.captured_queries)
    for _ in range(n - 1):
        started = time.perf_counter()
        _fetch(client, page.url)
        times.append(time.perf_counter() - started)
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:3]
    result.update(
        ms=statistics.median(times) * 1000,
        runs=len(times),
        queries=len(queries),
        sql_ms=sum(float(q["time"]) for q in queries) * 1000,
        slow_sql=[(float(q["time"]) * 1000, q["sql"]) for q in slowest],
    )
    return result


# The uncached meeting page and the trivial view: requests before timing, then batches of requests.
COMPANION_WARM_UP = 20
COMPANION_BATCHES = 7
COMPANION_BATCH = 20


def measure_companions(ctx: Context, clients: dict) -> dict:
    """The meeting page's CPU time per uncached render, and the participant XLSX of the largest meeting."""
    from django.urls import reverse

    out = {}
    for key, url in (("meeting_page", ctx.public_meeting.get_absolute_url()), ("trivial_view", reverse("robots"))):
        client = clients["anonymous"]
        for _ in range(COMPANION_WARM_UP):
            _fetch(client, url)
        # The median of several batches: one batch moves by a quarter with the VM's neighbours.
        cpus, walls = [], []
        for _ in range(COMPANION_BATCHES):
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(COMPANION_BATCH):
                _fetch(client, url)
            cpus.append((time.process_time() - cpu) / COMPANION_BATCH * 1000)
            walls.append((time.perf_counter() - wall) / COMPANION_BATCH * 1000)
        out[key] = {
            "cpu_ms": statistics.median(cpus),
            "wall_ms": statistics.median(walls),
            "cpu_ms_range": [min(cpus), max(cpus)],
            "requests": COMPANION_BATCHES * COMPANION_BATCH,
        }
    url = reverse(
        "registration:staff_meeting_export", kwargs={"code": ctx.huge_meeting.code, "kind": "deltagere", "fmt": "xlsx"}
    )
    walls, cpus = [], []
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        status, size = _fetch(clients["secretariat"], url)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if walls[-1] > 20:
            break
    out["xlsx"] = {
        "registrations": ctx.huge_registrations,
        "status": status,
        "bytes": size,
        "s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
        "runs": len(walls),
    }
    return out


def explain(results: list[dict], n: int) -> list[dict]:
    """EXPLAIN ANALYZE of the slowest SELECT of the n pages that spend the most time in SQL."""
    from django.db import connection

    timed = sorted((r for r in results if "ms" in r), key=lambda r: r["sql_ms"], reverse=True)[:n]
    plans = []
    for result in timed:
        for ms, sql in result["slow_sql"]:
            statement = sql
            if statement.startswith("DECLARE"):
                statement = statement.split(" FOR ", 1)[1]
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(
                {
                    "page": result["label"],
                    "page_ms": result["ms"],
                    "page_sql_ms": result["sql_ms"],
                    "query_ms": ms,
                    "sql": sql,
                    "plan": plan,
                }
            )
            break
    return plans


def table_counts() -> dict[str, int]:
    from meetings.models import Meeting
    from members.models import Membership, User
    from netvaerk.models import Network
    from outbox.models import OutgoingEmail
    from registration.models import Registration

    return {
        "networks": Network.objects.count(),
        "meetings": Meeting.objects.count(),
        "registrations": Registration.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "emails": OutgoingEmail.objects.count(),
    }


def run_measure(
    *, name: str, out: str, runs: int, only: list[str], explain_n: int, companions: bool, shapes: str | None = None
) -> None:
    """In a process set up for one database: find the pages, time them, write the results as JSON."""
    import logging

    # "Not Found" and "Method Not Allowed" of the pages that are then left out would fill the screen.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    ctx = select_context()
    if shapes:
        ctx.demo_shapes = json.loads(Path(shapes).read_text())
    pages = collect_pages(ctx)
    if only:
        pages = [p for p in pages if any(text.lower() in p.label.lower() for text in only)]
    clients = login_clients(ctx)
    log(f"{name}: {len(pages)} pages")
    load_before = os.getloadavg()[0]
    results = []
    for k, page in enumerate(pages, 1):
        result = measure_page(clients[page.who], page, runs)
        if page.optional and result["status"] == 404:
            continue
        results.append(result)
        figure = f"{result['ms']:8.1f} ms {result['queries']:4d} q" if "ms" in result else f"{result['status']!s:>17}"
        log(f"  [{name} {k}/{len(pages)}] {figure}  {page.section:7} {page.label}")
    data = {
        "name": name,
        "load": [load_before, os.getloadavg()[0]],
        "counts": table_counts(),
        "pages": results,
        "not_found": ctx.not_found,
        "shapes": ctx.shapes,
        "companions": measure_companions(ctx, clients) if companions else {},
        "explain": explain(results, explain_n) if explain_n else [],
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))
