"""Email through the real parts: Redis broker, Celery worker processes, an SMTP server.

These need PostgreSQL (the worker processes share the test database) and
Redis. They skip without them, and fail instead when REQUIRE_SERVICES=1.
"""

import json
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction

from netvaerk.tests.support import BASE_DIR, free_port, wait_for
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context
from outbox.sweep import email_sweep

pytestmark = pytest.mark.services


def _queue(key: str, to: str = "deltager@example.org", **kwargs) -> OutgoingEmail:
    return email_queue(
        to=to,
        template="test_message",
        context={**demo_organiser_context(), "recipient_name": "Trine Sander", "message": key},
        language="da",
        idempotency_key=key,
        **kwargs,
    )


def test_queued_email_is_delivered_once_with_message_id(start_worker, smtp_sink, settle):
    start_worker()
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    email = _queue("delivered:1", attachments=[("invitation.ics", ics, "text/calendar")])

    wait_for(lambda: smtp_sink.count() >= 1, message="the email at the SMTP server")
    settle()

    assert smtp_sink.message_ids() == [email.message_id]
    received = smtp_sink.messages[0]
    assert received["To"] == "deltager@example.org"
    body = received.get_body(preferencelist=("plain",)).get_content()
    assert "Trine Sander" in body
    assert "<html" in received.get_body(preferencelist=("html",)).get_content()
    attachment = next(received.iter_attachments())
    assert attachment.get_filename() == "invitation.ics"
    assert "BEGIN:VCALENDAR" in attachment.get_content()
    wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.SENT, message="status sent")
    email.refresh_from_db()
    assert email.attempts == 1
    assert email.sent_at is not None


def test_rolled_back_transaction_sends_nothing(start_worker, smtp_sink, settle):
    start_worker()
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue("rolled-back:1", to="never@example.org")
        raise RuntimeError("the registration failed")
    marker = _queue("marker:1", to="marker@example.org")

    wait_for(lambda: smtp_sink.count() >= 1, message="the marker email")
    settle()

    assert smtp_sink.message_ids() == [marker.message_id]
    assert not OutgoingEmail.objects.filter(idempotency_key="rolled-back:1").exists()


def test_same_idempotency_key_sends_once_even_when_racing(start_worker, smtp_sink, settle):
    start_worker()
    barrier = threading.Barrier(6)
    ids: list[int] = []
    errors: list[BaseException] = []

    def queue_same_key():
        try:
            barrier.wait(timeout=10)
            ids.append(_queue("confirmation:42").pk)
        except BaseException as exc:  # reported below, the thread must not die silently
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=queue_same_key) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    again = _queue("confirmation:42")

    assert errors == []
    assert len(set(ids)) == 1
    assert again.pk == ids[0]
    wait_for(lambda: smtp_sink.count() >= 1, message="the confirmation")
    settle()
    assert smtp_sink.message_ids() == [again.message_id]
    assert OutgoingEmail.objects.filter(idempotency_key="confirmation:42").count() == 1


def test_smtp_421_three_times_is_retried_until_delivered(start_worker, smtp_sink, settle):
    smtp_sink.handler.data_responses.extend(["421 4.3.2 Service busy, try again later"] * 3)
    start_worker()
    email = _queue("busy:1")

    wait_for(lambda: smtp_sink.count() >= 1, timeout=30, message="delivery after three 421s")
    wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.SENT, message="status sent")
    settle()

    email.refresh_from_db()
    assert smtp_sink.message_ids() == [email.message_id]
    assert smtp_sink.handler.data_attempts == 4
    assert email.attempts == 4
    assert "421" in email.last_error


def test_a_batch_from_one_transaction_is_delivered_once_each_with_retries_for_one_email(
    start_worker, smtp_sink, settle
):
    # The first two DATA commands are refused for a while: those two emails wait for
    # their retry while the rest of their batch goes on.
    smtp_sink.handler.data_responses.extend(["421 4.3.2 Service busy, try again later"] * 2)
    start_worker()
    with transaction.atomic():
        emails = [_queue(f"reminder-batch:{n}", to=f"deltager{n}@example.org") for n in range(45)]

    wait_for(lambda: smtp_sink.count() >= 45, timeout=60, message="45 deliveries")
    settle()

    assert sorted(smtp_sink.message_ids()) == sorted(e.message_id for e in emails)
    assert smtp_sink.duplicates() == 0
    wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 45, message="all 45 marked sent")
    assert sorted(OutgoingEmail.objects.values_list("attempts", flat=True)) == [1] * 43 + [2] * 2


def test_smtp_550_is_failed_at_once_and_visible_in_the_log(start_worker, smtp_sink, admin_client, settle):
    smtp_sink.handler.rcpt_response = "550 5.1.1 Mailbox unavailable"
    start_worker()
    email = _queue("unknown-user:1", to="findes.ikke@example.org")

    wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.FAILED, message="status failed")
    settle()

    email.refresh_from_db()
    assert email.attempts == 1
    assert "550" in email.last_error and "Mailbox unavailable" in email.last_error
    assert smtp_sink.count() == 0
    page = admin_client.get(f"/admin/outbox/outgoingemail/{email.pk}/change/")
    assert "550 5.1.1 Mailbox unavailable" in page.content.decode()
    listing = admin_client.get("/admin/outbox/outgoingemail/?status__exact=failed")
    assert "findes.ikke@example.org" in listing.content.decode()


def test_killing_the_worker_mid_batch_delivers_all_with_duplicates_at_most_kills(start_worker, smtp_sink, settle):
    total = 200
    smtp_sink.handler.delay = 0.02  # slow enough that the kills land mid-batch
    worker = start_worker()
    emails = [_queue(f"batch:{n}", to=f"deltager{n}@example.org") for n in range(total)]

    kills = 0
    wait_for(lambda: smtp_sink.count() >= 40, message="40 deliveries")
    worker.kill_pool_process()
    kills += 1
    wait_for(lambda: smtp_sink.count() >= 100, message="100 deliveries")
    kills += worker.kill()  # SIGKILL to the worker and its pool processes
    assert smtp_sink.count() < total, "the batch finished before the worker was killed"
    start_worker()

    def all_sent():
        # The sweeper with a short threshold stands in for beat's every-minute run.
        email_sweep(stuck_after=timedelta(seconds=3))
        return OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == total

    wait_for(all_sent, timeout=120, interval=1, message="all 200 emails sent")
    settle()

    received = smtp_sink.message_ids()
    assert set(received) == {e.message_id for e in emails}, "an email was lost"
    assert smtp_sink.duplicates() <= kills
    print(f"kills={kills} received={len(received)} duplicates={smtp_sink.duplicates()}")


def test_redis_down_while_queueing_loses_nothing_and_delivers_after(start_worker, smtp_sink, worker_settings, settle):
    start_worker()
    count = 20
    closed_port = free_port()  # nothing listens there: the broker is "down"
    env = {**worker_settings, "REDIS_URL": f"redis://127.0.0.1:{closed_port}/5"}
    script = f"""
import json, django
django.setup()
from django.db import transaction
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context
ids = []
for n in range({count}):
    with transaction.atomic():
        email = email_queue(to=f"signup{{n}}@example.org", template="test_message",
                            context=demo_organiser_context(), language="da", idempotency_key=f"down:{{n}}")
    ids.append(email.pk)
print(json.dumps(ids))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Broker unavailable" in result.stderr
    ids = json.loads(result.stdout.strip().splitlines()[-1])

    settle()
    assert smtp_sink.count() == 0
    assert set(OutgoingEmail.objects.filter(pk__in=ids).values_list("status", flat=True)) == {EmailStatus.QUEUED}

    # Redis is back (this process uses the real broker): the sweeper's next run.
    assert email_sweep(stuck_after=timedelta(0)) == count
    wait_for(lambda: smtp_sink.count() >= count, message="all emails after Redis returned")
    settle()
    assert smtp_sink.duplicates() == 0
    assert set(smtp_sink.message_ids()) == set(
        OutgoingEmail.objects.filter(pk__in=ids).values_list("message_id", flat=True)
    )
