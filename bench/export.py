"""Participant list export with 20,000 registrations (PostgreSQL).

Creates a scratch database, one meeting with three workshops and 20,000
registrations (bulk_create), then downloads the participant list through the
real view as CSV (streamed) and XLSX (openpyxl write-only) and prints, per
format and column set: total time, time to the first byte, SQL queries,
file size, the CPU time of this process (steadier than wall time on a busy
machine), and the peak of extra Python memory (tracemalloc, measured in a
second run because tracing slows the code down).

Targets: CSV under 2 s and 30 MB extra; XLSX under 15 s and 80 MB extra.

Run:  .venv/bin/python bench/export.py [--rows 20000]
Needs PostgreSQL at 127.0.0.1:5432 (BENCH_PG overrides the server URL).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import bench_env, fresh_database  # noqa: E402

DB_NAME = "netvaerk_bench_export"
TARGETS = {"csv": (2.0, 30), "xlsx": (15.0, 80)}


def setup_django(url: str) -> None:
    os.environ.update(bench_env({"DATABASE_URL": url}))
    import django

    django.setup()


def create_data(rows: int):
    import datetime as dt

    from django.utils import timezone

    from meetings.models import Meeting, Workshop
    from members.models import User
    from netvaerk.models import Organiser
    from registration.enums import Diet, RegistrationStatus
    from registration.models import Registration

    organiser, _ = Organiser.objects.get_or_create(name="Bench")
    start = timezone.now() + dt.timedelta(days=30)
    meeting = Meeting.objects.create(
        title="Stor konference om boligsocialt arbejde",
        organiser=organiser,
        status="published",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=6),
        registration_deadline=start - dt.timedelta(days=3),
        capacity=None,
    )
    workshops = [Workshop.objects.create(meeting=meeting, title=f"Workshop {n}", room=f"Sal {n}") for n in range(3)]
    now = timezone.now()
    diets = Diet.values
    batch = []
    for index in range(rows):
        consent = index % 4 == 0
        batch.append(
            Registration(
                meeting=meeting,
                status=RegistrationStatus.CONFIRMED if index % 10 else RegistrationStatus.WAITING,
                name=f"Deltager Ærø Østergård {index:05d}",
                email=f"deltager{index}@example.dk",
                phone="+45 12 34 56 78",
                organisation=f"Boligforeningen Åbyhøj afd. {index % 300}",
                job_title="Boligsocial medarbejder",
                workshop_first=workshops[index % 3],
                workshop_second=workshops[(index + 1) % 3],
                workshop=workshops[index % 3],
                diets=[diets[index % len(diets)]] if consent else [],
                diet_note="Ingen koriander" if consent and index % 8 == 0 else "",
                sensitive_consent_at=now if consent else None,
                comment='=HYPERLINK("http://evil.example")' if index % 1000 == 0 else "",
                privacy_accepted_at=now,
                confirmed_at=now,
                waiting_since=now if index % 10 == 0 else None,
            )
        )
    Registration.objects.bulk_create(batch, batch_size=2000)
    user = User.objects.create_superuser(email="bench@netvaerk.example", password="bench-password-2026")
    return meeting, user


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def download(meeting, user, fmt: str) -> tuple[float, float, int, int, float]:
    """(seconds in total, seconds to the first byte, bytes, queries, CPU seconds) for one download via the view."""
    from django.db import connection
    from django.test import RequestFactory

    from registration import views_staff

    request = RequestFactory().get(f"/personale/moeder/{meeting.code}/lister/deltagere.{fmt}")
    request.user = user
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        cpu = time.process_time()
        start = time.perf_counter()
        response = views_staff.meeting_export(request, code=meeting.code, kind="deltagere", fmt=fmt)
        first = None
        size = 0
        for chunk in response:
            if first is None:
                first = time.perf_counter() - start
            size += len(chunk)
        total = time.perf_counter() - start
        cpu = time.process_time() - cpu
        response.close()
    return total, first or total, size, counter.count, cpu


def measure(meeting, user, fmt: str) -> dict:
    download(meeting, user, fmt)  # warm-up: imports, template and connection set-up
    total, first, size, queries, cpu = download(meeting, user, fmt)
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _peak = tracemalloc.get_traced_memory()
    traced_total, _first, _size, _queries, _cpu = download(meeting, user, fmt)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "total": total,
        "cpu": cpu,
        "first": first,
        "size": size,
        "queries": queries,
        "peak_mb": (peak - base) / 1024 / 1024,
        "traced_total": traced_total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()

    url = fresh_database(DB_NAME)
    setup_django(url)
    t0 = time.perf_counter()
    meeting, user = create_data(args.rows)
    print(f"{args.rows} registrations created with bulk_create in {time.perf_counter() - t0:.1f} s")

    from registration.enums import ExportKind
    from registration.exports.lists import ParticipantsExport
    from registration.models import ExportPreference

    all_columns = [column.key for column in ParticipantsExport.all_columns()]
    column_sets = [("default 8 columns", None), (f"all {len(all_columns)} columns", all_columns)]
    failed = False
    print()
    print(
        f"{'format':6} {'columns':16} {'rows':>6} {'time':>8} {'CPU':>7} {'1st byte':>9} {'peak extra':>11}"
        f" {'size':>9} {'SQL':>4}"
    )
    for label, columns in column_sets:
        ExportPreference.objects.filter(user=user).delete()
        if columns:
            ExportPreference.objects.create(
                user=user, kind=ExportKind.PARTICIPANTS, columns=columns, options={"scope": "all"}
            )
        else:
            ExportPreference.objects.create(
                user=user, kind=ExportKind.PARTICIPANTS, columns=[], options={"scope": "all"}
            )
        for fmt in ("csv", "xlsx"):
            result = measure(meeting, user, fmt)
            max_time, max_mb = TARGETS[fmt]
            ok = result["total"] < max_time and result["peak_mb"] < max_mb
            failed |= not ok
            print(
                f"{fmt:6} {label:16} {args.rows:>6} {result['total']:>7.2f}s {result['cpu']:>6.2f}s"
                f" {result['first'] * 1000:>7.0f}ms "
                f"{result['peak_mb']:>8.1f} MB {result['size'] / 1024 / 1024:>6.1f} MB {result['queries']:>4}"
                f"  {'OK' if ok else 'MISSED'} (target < {max_time:g} s, < {max_mb} MB;"
                f" {result['traced_total']:.2f} s under tracemalloc)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
