"""Email throughput: N emails through the outbox, Redis, Celery and a local SMTP sink.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netvaerk \\
    REDIS_URL=redis://127.0.0.1:6379/0 \\
    .venv/bin/python bench/email_throughput.py [--count 5000] [--concurrency 2]

Starts a real SMTP server (aiosmtpd) in this process and a real worker
(`celery -A config worker -Q mail,default -c 2 --pool prefork`), queues the
emails with email_queue() in transactions of --batch emails (as a reminder
job would), waits until the sink has them all and prints messages per second
end to end (first email queued to last email received), duplicates and
losses. Target: at least 100 messages/s, 0 lost. The database is migrated if
needed; the benchmark's rows are deleted afterwards unless --keep.
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

from bench._common import mail_stack, require_postgres_and_redis  # noqa: E402

os.environ.setdefault("DEBUG", "0")  # DEBUG keeps every SQL query in memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--batch", type=int, default=100, help="emails per transaction")
    parser.add_argument("--timeout", type=float, default=60, help="give up after this many seconds without progress")
    parser.add_argument("--loglevel", default="info", help="worker log level")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's outbox rows")
    args = parser.parse_args()

    require_postgres_and_redis()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Count

    from netvaerk.tests.redis_celery import process_cpu_seconds
    from outbox.enums import EmailStatus
    from outbox.models import OutgoingEmail
    from outbox.queue import email_queue
    from outbox.registry import demo_organiser_context

    call_command("migrate", verbosity=0)
    run = uuid.uuid4().hex[:8]
    with mail_stack(name="email", run=run, concurrency=args.concurrency, loglevel=args.loglevel) as (sink, worker):
        try:
            context = {**demo_organiser_context(), "message": "Påmindelse: netværksmødet er på torsdag kl. 9.30."}
            load_before = os.getloadavg()[0]
            cpu_worker, cpu_sink = worker.cpu_seconds(), process_cpu_seconds(sink.proc.pid)
            cpu_self = time.process_time()
            started = time.monotonic()
            for first in range(0, args.count, args.batch):
                with transaction.atomic():
                    for n in range(first, min(first + args.batch, args.count)):
                        email_queue(
                            to=f"deltager{n}@example.org",
                            template="test_message",
                            context={**context, "recipient_name": f"Deltager {n}"},
                            language="da" if n % 5 else "en",
                            idempotency_key=f"bench:{run}:{n}",
                        )
            queued = time.monotonic()
            cpu_self = time.process_time() - cpu_self

            last_count, last_progress = 0, time.monotonic()
            while (count := sink.count()) < args.count:
                if count != last_count:
                    last_count, last_progress = count, time.monotonic()
                elif time.monotonic() - last_progress > args.timeout:
                    print(f"No progress for {args.timeout:.0f}s; stopping the wait.", file=sys.stderr)
                    break
                time.sleep(0.05)
            delivered = time.monotonic()
            cpu_worker = worker.cpu_seconds() - cpu_worker
            cpu_sink = process_cpu_seconds(sink.proc.pid) - cpu_sink
            load_after = os.getloadavg()[0]
            time.sleep(2)  # let a doubled message arrive before counting
        finally:
            worker.stop(graceful=True)

        rows = OutgoingEmail.objects.filter(idempotency_key__startswith=f"bench:{run}:")
        expected = set(rows.values_list("message_id", flat=True))
        received = [mid for mid in sink.message_ids() if mid in expected]
        distinct = set(received)
        counts = rows.order_by().values("status").annotate(n=Count("id"))
        statuses = {row["status"]: row["n"] for row in counts}

    lost = len(expected - distinct)
    duplicates = len(received) - len(distinct)
    seconds = delivered - started
    print(f"emails:          {args.count} ({args.concurrency} worker processes, batches of {args.batch})")
    print(f"queueing:        {queued - started:.2f} s ({args.count / (queued - started):.0f} emails/s into the outbox)")
    print(f"end to end:      {seconds:.2f} s")
    print(f"messages/second: {len(distinct) / seconds:.1f}")
    print(f"delivered:       {len(distinct)}")
    print(f"duplicates:      {duplicates}")
    print(f"lost:            {lost}")
    print(f"outbox statuses: {statuses}")
    per_email = 1000 / args.count
    print(
        f"CPU per email:   queueing {cpu_self * per_email:.1f} ms, worker {cpu_worker * per_email:.1f} ms, "
        f"SMTP sink {cpu_sink * per_email:.1f} ms (PostgreSQL and Redis not counted)"
    )
    print(f"load average:    {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} CPUs")
    if not args.keep:
        rows.delete()
    ok = lost == 0 and len(distinct) / seconds >= 100 and statuses.get(EmailStatus.SENT) == args.count
    print("target (>= 100 msg/s, 0 lost):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
