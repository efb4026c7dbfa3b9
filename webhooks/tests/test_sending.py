"""Posting a delivery: retries, giving up, one POST per claim, the sweeper, sending again, signatures."""

import datetime as dt
import threading
import time

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from meetings.tests.factories import MeetingFactory
from webhooks import services
from webhooks.enums import DeliveryStatus
from webhooks.models import Delivery
from webhooks.sending import body_bytes, delivery_send, delivery_sweep
from webhooks.signing import signature, signature_valid

pytestmark = pytest.mark.django_db


def _delivery(subscription) -> Delivery:
    """A stored ping, not yet handed to a worker (as if the broker were away)."""
    payload = services.envelope(event=services.PING, data={"message": "test"})
    return Delivery.objects.create(
        subscription=subscription, event=services.PING, event_id=payload["id"], payload=payload
    )


def test_a_500_is_retried_with_backoff_then_delivered(subscribe, receiver, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    delivery = _delivery(subscribe(all_networks=True))
    receiver.script = [500]

    result = delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert result.outcome == "retry" and 15 <= result.retry_in <= 30
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.PENDING, 1, 500)
    assert "HTTP 500" in delivery.last_error and "receiver trouble" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()

    result = delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert result.outcome == "delivered"
    assert (delivery.status, delivery.attempts, delivery.response_code, delivery.last_error) == (
        DeliveryStatus.DELIVERED,
        2,
        200,
        "",
    )
    assert len(receiver.requests) == 2 and all(r.signature_valid for r in receiver.requests)
    # The same event both times: the receiver can tell a repeat.
    assert receiver.requests[0].body == receiver.requests[1].body


def test_the_backoff_doubles_up_to_the_cap(settings):
    from webhooks.sending import retry_delay

    settings.WEBHOOK_RETRY_BASE_SECONDS, settings.WEBHOOK_RETRY_MAX_SECONDS = 10, 60
    for attempts, top in [(1, 10), (2, 20), (3, 40), (4, 60), (9, 60)]:
        delays = [retry_delay(attempts=attempts) for _ in range(50)]
        assert top / 2 <= min(delays) and max(delays) <= top


def test_it_gives_up_after_the_last_attempt(subscribe, receiver, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    delivery = _delivery(subscribe(all_networks=True))
    receiver.script = [503, 503, 503]
    outcomes = [delivery_send(delivery_id=delivery.pk).outcome for _ in range(4)]
    delivery.refresh_from_db()
    assert outcomes == ["retry", "retry", "failed", "skipped"]
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert delivery.last_error.startswith("Gave up after 3 attempts.")
    assert len(receiver.requests) == 3


def test_a_redirect_is_a_failed_attempt_and_not_followed(subscribe, receiver):
    delivery = _delivery(subscribe(all_networks=True))
    receiver.script = [302]
    assert delivery_send(delivery_id=delivery.pk).outcome == "retry"
    assert [r.path for r in receiver.requests] == ["/hook"]


def test_an_unreachable_receiver_is_recorded(subscribe, receiver):
    subscription = subscribe(all_networks=True)
    receiver.server.server_close()  # nothing listens on the port any more
    receiver.server.shutdown()
    delivery = _delivery(subscription)
    assert delivery_send(delivery_id=delivery.pk).outcome == "retry"
    delivery.refresh_from_db()
    assert "ConnectionError" in delivery.last_error and delivery.response_code is None


def test_running_the_task_twice_posts_once(subscribe, receiver):
    delivery = _delivery(subscribe(all_networks=True))
    assert [delivery_send(delivery_id=delivery.pk).outcome for _ in range(2)] == ["delivered", "skipped"]
    assert len(receiver.requests) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row claims race only on PostgreSQL")
def test_two_workers_racing_for_one_delivery_post_it_once(subscribe, receiver):
    delivery = _delivery(subscribe(all_networks=True))
    start, outcomes = threading.Barrier(4), []

    def work():
        start.wait()
        try:
            outcomes.append(delivery_send(delivery_id=delivery.pk).outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["delivered", "skipped", "skipped", "skipped"]
    assert len(receiver.requests) == 1


def test_a_switched_off_subscription_gets_nothing_but_a_ping(subscribe, receiver):
    subscription = subscribe(all_networks=True, is_active=False)
    event = Delivery.objects.create(
        subscription=subscription, event="meeting.changed", payload=services.envelope(event="meeting.changed", data={})
    )
    ping = _delivery(subscription)
    assert delivery_send(delivery_id=event.pk).outcome == "failed"
    assert delivery_send(delivery_id=ping.pk).outcome == "delivered"
    assert [r.headers["X-Netvaerk-Event"] for r in receiver.requests] == ["ping"]


def test_the_sweeper_sends_what_a_lost_worker_left(subscribe, receiver, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_STUCK_AFTER_SECONDS = 300
    subscription = subscribe(all_networks=True)
    lost = _delivery(subscription)
    Delivery.objects.filter(pk=lost.pk).update(
        status=DeliveryStatus.SENDING, attempts=1, last_attempt_at=timezone.now()
    )
    fresh = _delivery(subscription)
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_sweep() == 0  # neither is overdue yet
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert delivery_sweep() == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    assert sorted(r.headers["X-Netvaerk-Delivery"] for r in receiver.requests) == sorted([str(lost.pk), str(fresh.pk)])


def test_send_again_reposts_the_same_event(subscribe, receiver, settings, django_capture_on_commit_callbacks):
    from members.tests.factories import SecretariatUserFactory

    settings.WEBHOOK_MAX_ATTEMPTS = 1
    delivery = _delivery(subscribe(all_networks=True))
    receiver.script = [500]
    assert delivery_send(delivery_id=delivery.pk).outcome == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.delivery_resend(delivery=delivery, by=SecretariatUserFactory())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    assert receiver.requests[0].json["id"] == receiver.requests[1].json["id"] == str(delivery.event_id)
    assert not services.delivery_resend(delivery=Delivery(pk=delivery.pk + 1000), by=None)


def test_send_again_is_the_secretariats(subscribe):
    from django.core.exceptions import PermissionDenied

    from members.tests.factories import ConsultantFactory

    delivery = _delivery(subscribe(all_networks=True))
    with pytest.raises(PermissionDenied):
        services.delivery_resend(delivery=delivery, by=ConsultantFactory())


def test_a_signature_fails_for_another_body_secret_or_an_old_time():
    body = body_bytes({"id": "1", "type": "ping", "data": {"tekst": "æøå"}})
    now = int(time.time())
    header = signature(secret="whsec_a", body=body, timestamp=now)
    assert signature_valid(secret="whsec_a", body=body, header=header)
    assert not signature_valid(secret="whsec_b", body=body, header=header)
    assert not signature_valid(secret="whsec_a", body=body + b" ", header=header)
    assert not signature_valid(secret="whsec_a", body=body, header=header, now=now + 301)
    assert not signature_valid(secret="whsec_a", body=body, header="v1=abc")
    assert "æøå".encode() in body  # UTF-8, not \\u escapes


def test_a_meeting_event_payload_is_what_the_public_page_shows(subscribe):
    meeting = MeetingFactory(capacity=None)
    subscribe(networks=[meeting.network])
    data = services.meeting_data(meeting=meeting)
    assert data["network"] == {"id": meeting.network.pk, "slug": meeting.network.slug, "name": meeting.network.name}
    assert data["capacity"] is None and services.seat_counts(meeting=meeting)["seats_left"] is None
    assert "online_url" not in data and "contact_phone" not in data


def test_the_log_keeps_old_deliveries_only_while_they_may_still_be_sent(subscribe, settings):
    from webhooks.sending import delivery_prune

    settings.WEBHOOK_LOG_DAYS = 90
    subscription = subscribe(all_networks=True)
    old = timezone.now() - dt.timedelta(days=91)
    kept = {}
    for status in DeliveryStatus.values:
        delivery = _delivery(subscription)
        Delivery.objects.filter(pk=delivery.pk).update(status=status, created_at=old)
        kept[status] = delivery.pk
    recent = _delivery(subscription)
    Delivery.objects.filter(pk=recent.pk).update(status=DeliveryStatus.DELIVERED)
    assert delivery_prune() == 2
    assert set(Delivery.objects.values_list("pk", flat=True)) == {
        kept[DeliveryStatus.PENDING],
        kept[DeliveryStatus.SENDING],
        recent.pk,
    }


def test_the_sweeper_and_the_cleanup_are_scheduled_tasks_a_worker_knows(settings):
    from django_celery_beat.models import PeriodicTask

    from config.celery_app import app

    app.loader.import_default_modules()  # what a worker does at start: autodiscover tasks.py
    jobs = {task.task: task for task in PeriodicTask.objects.filter(task__startswith="webhooks.")}
    assert {name: job.interval.every for name, job in jobs.items()} == {
        "webhooks.sweep": 60,
        "webhooks.prune": 24 * 60 * 60,
    }
    assert set(jobs) <= set(app.tasks)
    # A retry's countdown must end before Redis would hand the message out again.
    assert app.conf.broker_transport_options["visibility_timeout"] > settings.WEBHOOK_RETRY_MAX_SECONDS


HOSTILE_SIGNATURES = [
    "t={now},v1=æøå",  # non-ASCII: hmac.compare_digest raises TypeError on such strings
    "t=" + "9" * 400 + ",v1=abc",  # too large for a float: time.time() - t raised OverflowError
    "t=-" + "9" * 400 + ",v1=abc",
    "t=١٢٣,v1=abc",  # Arabic-Indic digits, which int() accepts
    "t={now},v1",
    "garbage",
    "",
]


@pytest.mark.parametrize("header", HOSTILE_SIGNATURES)
def test_a_hostile_signature_header_is_refused_not_an_error(header):
    """The portal's check and the README's (the test receiver's) say False, never raise (a 500 at the receiver)."""
    from webhooks.tests.receiver import verify

    body = body_bytes({"id": "1", "type": "ping", "data": {}})
    header = header.replace("{now}", str(int(time.time())))
    assert signature_valid(secret="whsec_a", body=body, header=header) is False
    assert verify("whsec_a", body, header) is False
