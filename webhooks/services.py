"""Webhook subscriptions and the deliveries the portal's events make.

An event (``netvaerk.events``) arrives in ``event_received`` inside the
transaction of the change. For each active subscription that wants the event
and may see its network, one ``Delivery`` row is stored there and then, with
the payload as it is at that moment; after commit the rows' ids go to the
worker (``webhooks.sending``). A change that rolls back leaves no row and
sends nothing.

Payloads carry no personal data: a registration is its id, status and
timestamps, with the meeting and its seat counts; never a name, email
address, organisation or an answer from the form.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from meetings.enums import MeetingStatus
from netvaerk import access
from netvaerk.aftercommit import AfterCommit

from .enums import DeliveryStatus
from .models import Delivery, Subscription
from .signing import secret_new

logger = logging.getLogger(__name__)

PING = "ping"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _require_secretariat(by) -> None:
    if by is not None and not access.is_secretariat(by):
        raise PermissionDenied


# --- payloads ------------------------------------------------------------------------------


def meeting_data(*, meeting) -> dict:
    """What a subscriber learns of a meeting: what its public page shows, no participant."""
    network = meeting.network
    venue = meeting.venue
    return {
        "id": meeting.pk,
        "code": meeting.code,
        "title": meeting.title,
        "kind": meeting.kind,
        "format": meeting.format,
        "status": meeting.status,
        "starts_at": _iso(meeting.starts_at),
        "ends_at": _iso(meeting.ends_at),
        "registration_opens_at": _iso(meeting.registration_opens_at),
        "registration_deadline": _iso(meeting.registration_deadline),
        "capacity": meeting.capacity,
        "price": str(meeting.price) if meeting.price is not None else None,
        "network": {"id": network.pk, "slug": network.slug, "name": network.name} if network else None,
        "venue": {"name": venue.name, "city": venue.city} if venue else None,
        "url": settings.SITE_URL + meeting.get_absolute_url(),
    }


def seat_counts(*, meeting) -> dict:
    from registration.enums import RegistrationStatus
    from registration.models import Registration

    counts = Registration.objects.filter(meeting=meeting).aggregate(
        confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
    )
    capacity = meeting.capacity
    return {
        **counts,
        "capacity": capacity,
        "seats_left": None if capacity is None else max(capacity - counts["confirmed"], 0),
    }


def _registration_data(*, registration, meeting, **_kwargs) -> dict:
    return {
        "registration": {
            "id": registration.pk,
            "status": registration.status,
            "created_at": _iso(registration.created_at),
            "confirmed_at": _iso(registration.confirmed_at),
            "waiting_since": _iso(registration.waiting_since),
            "cancelled_at": _iso(registration.cancelled_at),
        },
        "meeting": meeting_data(meeting=meeting),
        "counts": seat_counts(meeting=meeting),
    }


def _meeting_event_data(*, meeting, changed: Iterable[str] = (), **_kwargs) -> dict:
    data = {"meeting": meeting_data(meeting=meeting)}
    if changed:
        data["changed"] = list(changed)
    if meeting.status == "cancelled":
        data["cancellation_reason"] = meeting.cancellation_reason
    return data


def envelope(*, event: str, data: dict, event_id: uuid.UUID | None = None) -> dict:
    return {
        "id": str(event_id or uuid.uuid4()),
        "type": event,
        "created": timezone.now().isoformat(),
        "data": data,
    }


# --- from events to deliveries -------------------------------------------------------------


def subscriptions_for(*, event: str, network_id: int | None) -> list[Subscription]:
    """The active subscriptions that want ``event`` and may see the network (None: a stand-alone meeting)."""
    scope = Q(all_networks=True)
    if network_id is not None:
        scope |= Q(networks=network_id)
    rows = Subscription.objects.filter(scope, is_active=True).distinct()
    # The event list is read in Python: JSON containment is not on every database.
    return [subscription for subscription in rows if event in subscription.events]


def event_received(*, name: str, meeting, **kwargs) -> list[Delivery]:
    """The handler of every domain event (connected in WebhooksConfig.ready).

    Drafts are never announced: staff keep participant lists for drafts too, and
    a registration event would carry the draft's title and dates to the receiver.
    """
    if name.startswith("registration.") and meeting.status == MeetingStatus.DRAFT:
        return []
    subscriptions = subscriptions_for(event=name, network_id=meeting.network_id)
    if not subscriptions:
        return []
    if name.startswith("registration."):
        data = _registration_data(meeting=meeting, **kwargs)
    else:
        data = _meeting_event_data(meeting=meeting, **kwargs)
    return deliveries_store(
        event=name, payload=envelope(event=name, data=data), subscriptions=subscriptions, network_id=meeting.network_id
    )


def deliveries_store(
    *, event: str, payload: dict, subscriptions: Iterable[Subscription], network_id: int | None
) -> list[Delivery]:
    """Store one delivery per subscription in the caller's transaction; posted after commit."""
    event_id = uuid.UUID(payload["id"])
    deliveries = Delivery.objects.bulk_create(
        Delivery(subscription=subscription, event=event, event_id=event_id, payload=payload, network_id=network_id)
        for subscription in subscriptions
    )
    for delivery in deliveries:
        _handover.add(delivery.pk)
    return deliveries


def delivery_enqueue(*, delivery_ids: Iterable[int]) -> int:
    """Hand deliveries to the worker; a broker outage is logged and the sweeper takes them later."""
    from netvaerk.outage import BROKER_AWAY

    from .tasks import deliver_task

    handed = 0
    for delivery_id in delivery_ids:
        try:
            deliver_task.apply_async(args=[delivery_id], queue=settings.WEBHOOK_QUEUE)
        except BROKER_AWAY:
            logger.info("Broker unavailable, webhook deliveries from %s stay pending for the sweeper", delivery_id)
            break
        handed += 1
    return handed


_handover = AfterCommit("webhooks", lambda ids: delivery_enqueue(delivery_ids=ids), robust=True)


# --- subscriptions ---------------------------------------------------------------------------


def subscription_secret_renew(*, subscription: Subscription, by) -> str:
    """Give the subscription a new signing secret and return it (shown once; the old one stops at once)."""
    _require_secretariat(by)
    subscription.secret = secret_new()
    subscription.save(update_fields=["secret"])
    return subscription.secret


def subscription_ping(*, subscription: Subscription, by) -> Delivery:
    """Store a test event ("ping") for the subscription; sent after commit like any other event."""
    _require_secretariat(by)
    payload = envelope(
        event=PING,
        data={
            "subscription": {"id": subscription.pk, "name": subscription.name},
            "message": "Test from Netværksportalen",
        },
    )
    with transaction.atomic():
        return deliveries_store(event=PING, payload=payload, subscriptions=[subscription], network_id=None)[0]


def delivery_resend(*, delivery: Delivery, by) -> bool:
    """Send a delivered or failed event again (same event id, so the receiver can tell). False otherwise."""
    _require_secretariat(by)
    with transaction.atomic():
        now = timezone.now()
        sent_again = Delivery.objects.filter(
            pk=delivery.pk, status__in=[DeliveryStatus.FAILED, DeliveryStatus.DELIVERED]
        ).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now, last_error="")
        if sent_again:
            _handover.add(delivery.pk)
    return bool(sent_again)
