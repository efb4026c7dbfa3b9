"""Data scale: every admin, staff, members' and public page on ten years of data (PostgreSQL).

Builds (or reuses) a database with ten years of a secretariat's history - 65
networks, 3,017 meetings, 300,000 registrations, 5,000 members, 600,000
outgoing emails and what goes with them - and a database with the demo data,
then requests every page in-process with Django's test client against both
(DEBUG off, page cache off, several runs per page, the median) and prints one
row per page: demo time and SQL queries, ten-year time and queries, growth,
target and result.

Pages are found, not listed: every ModelAdmin in ``admin.site`` (its
changelist by default, with a search on its search fields, with each choice
of each list filter - first, middle and last of a long list - and drilled into
its date hierarchy; its change form and its autocomplete fields), every URL
pattern under ``personale/`` (with every list and format of a meeting), the
members' area (``mine-sider/`` and the group space) and the public pages. A
pattern whose parameters the benchmark cannot fill is listed as not timed.

Who asks: the admin and staff pages a secretariat user (group "Sekretariat");
an admin the secretariat may not see, a superuser. My pages: the member with
the most registrations; the group space: the coordinator of the network with
the most members; public pages: an anonymous visitor.

Targets (issue 19): admin, staff and members' pages under 300 ms median (a
CSV or XLSX download at least that, or 0.15 ms a data row: the issue's own rate
for files, 3 s for 20,000 rows), public pages under 50 ms uncached, query counts
equal to the demo's; the
uncached meeting page under 8 ms of CPU per render; the participant XLSX of a
meeting with 20,000 registrations under 3 s. The script exits 1 when a target
is missed (so it can be run before a release), 0 with --report-only.

The ten-year database: registrations follow each meeting's capacity (waiting
list, cancellations, attendance and no-shows of past meetings, workshops,
dietary needs only where the 30-day retention has not removed them yet);
personal data is kept for all ten years, the worst case for the pages (with
the default retention of 365 days older registrations and their emails would
be anonymised, which makes the tables smaller). Rows go in with COPY; the
build is reused while the database carries this script's marker (version,
scale, seed); --rebuild builds it again. New migrations are applied to a
reused database, so an index added later is measured without a rebuild.

Run:  .venv/bin/python bench/data_scale.py [--rebuild] [--runs 5] [--only TEXT] [--report-only]
      [--explain 10] [--json FILE] [--markdown FILE] [--scale 1.0]
Needs PostgreSQL at 127.0.0.1:5432 (BENCH_PG overrides the server URL); the
databases are bench_scale (ten years) and bench_scale_demo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import manage  # noqa: E402
from bench.scale.build import build  # noqa: E402
from bench.scale.databases import database_env, ensure_big_database, ensure_demo_database, measure_database  # noqa: E402
from bench.scale.measure import run_measure  # noqa: E402
from bench.scale.report import compare, render_companions, render_table  # noqa: E402
from bench.scale.targets import DEFAULT_SEED  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the ten-year data (default 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rebuild", action="store_true", help="build the ten-year database again")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (3 over 1 s, 1 over 5 s)")
    parser.add_argument("--only", action="append", default=[], help="only pages whose label contains this text")
    parser.add_argument("--explain", type=int, default=0, help="EXPLAIN ANALYZE the slowest query of the N slowest")
    parser.add_argument("--report-only", action="store_true", help="exit 0 even when a target is missed")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--markdown", help="also write the tables to this file")
    # Internal: the build and the measuring run in their own process, set up for one database.
    parser.add_argument("--build-into", help=argparse.SUPPRESS)
    parser.add_argument("--measure-from", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--companions", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--shapes", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.build_into or args.measure_from:
        import django

        django.setup()
        if args.build_into:
            build(scale=args.scale, seed=args.seed)
        else:
            run_measure(
                name=args.name,
                out=args.out,
                runs=args.runs,
                only=args.only,
                explain_n=args.explain,
                companions=args.companions,
                shapes=args.shapes,
            )
        return 0

    big_url, built_s = ensure_big_database(scale=args.scale, seed=args.seed, rebuild=args.rebuild)
    demo_url = ensure_demo_database()
    manage("collectstatic", "--noinput", "-v0", env=database_env(demo_url))
    demo = measure_database(demo_url, "demo", args, companions=False)
    big = measure_database(big_url, "ten-year", args, companions=True, shapes=demo.get("shapes"))

    rows, skipped = compare(demo, big)
    table = render_table(rows)
    companions, companions_ok = render_companions(big)
    counts = " · ".join(f"{key} {value:,}" for key, value in big["counts"].items())
    demo_counts = " · ".join(f"{key} {value:,}" for key, value in demo["counts"].items())
    failed = [row for row in rows if row["failed"]]
    timed = [row for row in rows if row["big"] and "ms" in row["big"]]
    summary = [
        f"ten-year database: {counts}" + (f" (built in {built_s:.0f} s)" if built_s else ""),
        f"demo database: {demo_counts}",
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, load average (1 min) at the start and end of the "
        f"demo run {demo['load'][0]:.1f}/{demo['load'][1]:.1f}, of the ten-year run {big['load'][0]:.1f}/{big['load'][1]:.1f}",
        f"{len(timed)} pages timed, {len(failed)} missed a target "
        f"({sum('SLOW' in r['result'] for r in rows)} slow, {sum('QUERIES' in r['result'] for r in rows)} with "
        f"other query counts than the demo, {sum('ERROR' in r['result'] for r in rows)} errors)",
    ]
    not_found = sorted(set(big["not_found"]) | set(demo["not_found"])) + skipped
    print()
    print(table)
    print()
    print(companions)
    print()
    print("\n".join(summary))
    if not_found:
        print("\nnot timed:\n" + "\n".join(f"  {line}" for line in not_found))
    for plan in big["explain"]:
        print(
            f"\n--- {plan['page']}: page {plan['page_ms']:.0f} ms, SQL {plan['page_sql_ms']:.0f} ms, "
            f"slowest query {plan['query_ms']:.0f} ms"
        )
        print(plan["sql"][:2000])
        print(plan["plan"])
    ok = not failed and companions_ok
    print(f"\ntargets {'MET' if ok else 'NOT MET'}")
    if args.markdown:
        Path(args.markdown).write_text(
            f"{table}\n\n{companions}\n\n" + "\n".join(f"- {line}" for line in summary) + "\n"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"demo": demo, "ten_year": big, "built_s": built_s}, ensure_ascii=False, indent=1, default=str)
        )
    return 0 if ok or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
