"""Webhooks through a real Redis broker and Celery worker processes to a real receiver (PostgreSQL)."""

import pytest
from django.db import transaction

from meetings.tests.factories import MeetingFactory
from netvaerk.tests.support import wait_for
from registration import services as registration_services
from webhooks.enums import DeliveryStatus
from webhooks.models import Delivery
from webhooks.tasks import deliver_task


@pytest.fixture
def worker(start_worker, broker, settings):
    settings.WEBHOOK_QUEUE = broker["default"]  # this test's queue, which its worker serves
    # Fast retries; the worker (DEBUG off) must be allowed to post to the receiver on 127.0.0.1.
    return start_worker(
        WEBHOOK_ALLOW_LOCAL="1",
        WEBHOOK_RETRY_BASE_SECONDS="0.2",
        WEBHOOK_RETRY_MAX_SECONDS="0.5",
        WEBHOOK_MAX_ATTEMPTS="3",
    )


def _status(delivery_id):
    return Delivery.objects.get(pk=delivery_id).status


def test_a_signup_is_posted_by_the_worker_after_a_500(worker, subscribe, receiver, settle):
    meeting = MeetingFactory(capacity=5)
    subscribe(networks=[meeting.network])
    receiver.script = [500]
    with transaction.atomic():
        registration_services.registration_create(meeting=meeting, data={"name": "Navn"}, email="a@example.dk")
    delivery = Delivery.objects.get()
    wait_for(lambda: _status(delivery.pk) == DeliveryStatus.DELIVERED, timeout=60, message="the delivery")
    settle()
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code) == (2, 200)
    assert len(receiver.requests) == 2 and all(r.signature_valid for r in receiver.requests)


def test_the_worker_gives_up_after_the_last_attempt(worker, subscribe, receiver, settle):
    meeting = MeetingFactory()
    subscribe(networks=[meeting.network])
    receiver.script = [500] * 10
    registration_services.registration_create(meeting=meeting, data={"name": "Navn"}, email="a@example.dk")
    delivery = Delivery.objects.get()
    wait_for(lambda: _status(delivery.pk) == DeliveryStatus.FAILED, timeout=60, message="giving up")
    settle()
    assert len(receiver.requests) == 3
    assert Delivery.objects.get().last_error.startswith("Gave up after 3 attempts.")


def test_a_task_delivered_twice_posts_once(worker, broker, subscribe, receiver, settle):
    from webhooks import services

    subscription = subscribe(all_networks=True)
    payload = services.envelope(event=services.PING, data={})
    delivery = Delivery.objects.create(
        subscription=subscription, event=services.PING, event_id=payload["id"], payload=payload
    )
    for _ in range(3):
        deliver_task.apply_async(args=[delivery.pk], queue=broker["default"])
    settle()
    assert _status(delivery.pk) == DeliveryStatus.DELIVERED
    assert len(receiver.requests) == 1
