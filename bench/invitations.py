"""Invitations: publish a meeting to a network of 5,000 members and subscribers, through a real worker and SMTP sink.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netvaerk \\
    REDIS_URL=redis://127.0.0.1:6379/0 \\
    .venv/bin/python bench/invitations.py [--members 2500] [--subscribers 2500] [--concurrency 2]

Builds a network with --members active members (accounts) and --subscribers confirmed
subscribers, a draft meeting, starts a real SMTP server (aiosmtpd, own process) and a real worker
(`celery -A config worker`, prefork), then publishes the meeting the way the admin does
(save + meeting_saved in one transaction). Publishing hands the invitation to the worker, which
queues one outbox row per person in one transaction; the worker then delivers them.
Prints: the time from the publishing commit until all invitations are queued in the outbox (target
< 10 s), the delivery rate from the commit to the last email in the sink (target >= 100 emails/s),
lost and doubled emails (target 0 and 0). The benchmark's rows are deleted afterwards unless --keep.
"""

import argparse
import copy
import os
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("DEBUG", "0")  # DEBUG keeps every SQL query in memory

from bench._common import mail_stack, require_postgres_and_redis  # noqa: E402


def _build(run: str, members: int, subscribers: int):
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from meetings.enums import MeetingStatus
    from meetings.models import Meeting
    from members.models import Membership
    from netvaerk.models import Network, Organiser
    from outreach.models import Subscriber

    organiser = Organiser.objects.create(name=f"Bench {run}", email=f"bench-{run}@netvaerk.example")
    network = Network.objects.create(name=f"Bench-netværk {run}", slug=f"bench-{run}", organiser=organiser)
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(email=f"medlem{n}-{run}@example.org", first_name="Medlem", last_name=str(n), password="!")
            for n in range(members)
        ],
        batch_size=1000,
    )
    Membership.objects.bulk_create(
        [Membership(network=network, user=user, status="active") for user in users], batch_size=1000
    )
    Subscriber.objects.bulk_create(
        [
            Subscriber(network=network, email=f"abonnent{n}-{run}@example.org", status="confirmed", language="da")
            for n in range(subscribers)
        ],
        batch_size=1000,
    )
    start = timezone.now() + dt.timedelta(days=30)
    meeting = Meeting.objects.create(
        network=network,
        organiser=organiser,
        title=f"Netværksmøde om trivsel ({run})",
        purpose="At dele erfaringer og tage nye greb med hjem.",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=5),
        registration_deadline=start - dt.timedelta(days=5),
        capacity=60,
        status=MeetingStatus.DRAFT,
    )
    return network, meeting, users


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=2500)
    parser.add_argument("--subscribers", type=int, default=2500)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--timeout", type=float, default=60, help="give up after this many seconds without progress")
    parser.add_argument("--loglevel", default="warning", help="worker log level")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's rows")
    args = parser.parse_args()

    require_postgres_and_redis()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Count

    from meetings.enums import MeetingStatus
    from meetings.services import meeting_saved
    from netvaerk.tests.redis_celery import process_cpu_seconds
    from outbox.models import OutgoingEmail
    from outreach.models import Invitation, MeetingOutreach

    call_command("migrate", verbosity=0)
    run = uuid.uuid4().hex[:8]
    expected_count = args.members + args.subscribers
    built = time.monotonic()
    network, meeting, users = _build(run, args.members, args.subscribers)
    print(
        f"audience:        {args.members} members + {args.subscribers} subscribers ({time.monotonic() - built:.1f} s to build)"
    )

    rows = OutgoingEmail.objects.filter(ref_type="meetings.meeting", ref_id=str(meeting.pk))

    with mail_stack(name="invitations", run=run, concurrency=args.concurrency, loglevel=args.loglevel) as (
        sink,
        worker,
    ):
        try:
            cpu_worker, cpu_sink = worker.cpu_seconds(), process_cpu_seconds(sink.proc.pid)
            # Publish as the admin does: save and meeting_saved in one transaction.
            with transaction.atomic():
                before = copy.copy(meeting)
                meeting.status = MeetingStatus.PUBLISHED
                meeting.save()
                meeting_saved(before=before, after=meeting)
            published = time.monotonic()
            queued = None
            last_count, last_progress = 0, time.monotonic()
            while True:
                if (
                    queued is None
                    and MeetingOutreach.objects.filter(meeting=meeting, invited_at__isnull=False).exists()
                ):
                    queued = time.monotonic()
                count = sink.count()
                if count >= expected_count and queued is not None:
                    break
                if count != last_count:
                    last_count, last_progress = count, time.monotonic()
                elif time.monotonic() - last_progress > args.timeout:
                    print(f"No progress for {args.timeout:.0f}s; stopping the wait.", file=sys.stderr)
                    break
                time.sleep(0.02)
            delivered = time.monotonic()
            cpu_worker = worker.cpu_seconds() - cpu_worker
            cpu_sink = process_cpu_seconds(sink.proc.pid) - cpu_sink
            time.sleep(2)  # let a doubled message arrive before counting
        finally:
            worker.stop(graceful=True)

        invitations = rows.filter(idempotency_key__startswith="invitation:")
        expected = set(invitations.values_list("message_id", flat=True))
        received = [mid for mid in sink.message_ids() if mid in expected]
        distinct = set(received)
        statuses = {row["status"]: row["n"] for row in invitations.order_by().values("status").annotate(n=Count("id"))}
        invited_people = Invitation.objects.filter(meeting=meeting).count()
        sent_per_address = invitations.values("recipient").annotate(n=Count("id")).filter(n__gt=1).count()

    queue_seconds = (queued - published) if queued else float("nan")
    seconds = delivered - published
    lost = expected_count - len(distinct)
    doubled = len(received) - len(distinct) + sent_per_address
    print(f"worker:          {args.concurrency} processes, batches of {settings.EMAIL_BATCH_SIZE} emails")
    print(
        f"queueing:        {queue_seconds:.2f} s from the publishing commit to {len(expected)} invitations in the outbox"
    )
    print(f"end to end:      {seconds:.2f} s from the publishing commit to the last email in the sink")
    print(f"emails/second:   {len(distinct) / seconds:.1f} (end to end)")
    print(f"delivered:       {len(distinct)} of {expected_count} ({invited_people} people invited)")
    print(f"doubled:         {doubled}")
    print(f"lost:            {lost}")
    print(f"outbox statuses: {statuses}")
    per_email = 1000 / max(1, expected_count)
    print(f"CPU per email:   worker {cpu_worker * per_email:.1f} ms, SMTP sink {cpu_sink * per_email:.1f} ms")
    print(f"load average:    {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if not args.keep:
        rows.delete()
        organiser = meeting.organiser
        meeting.delete()
        network.delete()
        for start in range(0, len(users), 1000):
            type(users[0]).objects.filter(pk__in=[user.pk for user in users[start : start + 1000]]).delete()
        organiser.delete()
    ok = queue_seconds < 10 and lost == 0 and doubled == 0 and len(distinct) / seconds >= 100
    print("target (queued < 10 s, >= 100 emails/s, 0 lost, 0 doubled):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
