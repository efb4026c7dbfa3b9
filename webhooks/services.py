"""Webhook subscriptions and the deliveries the portal's events make.

An event (``netvaerk.events``) arrives in ``events_received`` inside the
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
from netvaerk.events import REGISTRATION_CREATED

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


def _registration_data(*, registration, meeting, counts: dict | None = None, **_kwargs) -> dict:
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
        "counts": counts if counts is not None else seat_counts(meeting=meeting),
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
    """One domain event (``events_received`` with one payload)."""
    return events_received(name=name, payloads=[{"meeting": meeting, **kwargs}])


def _counts_before(later: list, counts: dict) -> dict:
    """The seat counts as they were when an earlier registration of the same batch was created."""
    from registration.enums import RegistrationStatus

    confirmed = counts["confirmed"] - sum(1 for r in later if r.status == RegistrationStatus.CONFIRMED)
    waiting = counts["waiting"] - sum(1 for r in later if r.status == RegistrationStatus.WAITING)
    capacity = counts["capacity"]
    seats_left = None if capacity is None else max(capacity - confirmed, 0)
    return {"confirmed": confirmed, "waiting": waiting, "capacity": capacity, "seats_left": seats_left}


def events_received(*, name: str, payloads: list[dict]) -> list[Delivery]:
    """The handler of every domain event (connected with ``subscribe_batch`` in WebhooksConfig.ready).

    Each payload has the ``meeting`` and the event's other arguments. The subscriptions are looked up
    once per network of the batch, the seat counts once per meeting, and the deliveries stored with
    one insert: a group's fifty registrations cost what one costs. The counts of a batch of created
    registrations are those after each one, as when they were announced one at a time.

    Drafts are never announced: staff keep participant lists for drafts too, and
    a registration event would carry the draft's title and dates to the receiver.
    """
    if name.startswith("registration."):
        payloads = [p for p in payloads if p["meeting"].status != MeetingStatus.DRAFT]
    wanted: dict[int | None, list[Subscription]] = {}
    for network_id in dict.fromkeys(p["meeting"].network_id for p in payloads):
        wanted[network_id] = subscriptions_for(event=name, network_id=network_id)
    payloads = [p for p in payloads if wanted[p["meeting"].network_id]]
    counts: dict[int, dict] = {}
    rows: list[Delivery] = []
    for index, payload in enumerate(payloads):
        meeting, network_id = payload["meeting"], payload["meeting"].network_id
        if name == REGISTRATION_CREATED:
            # Counted once for the batch, after the last one; each earlier one without those after it.
            if meeting.pk not in counts:
                counts[meeting.pk] = seat_counts(meeting=meeting)
            later = [p["registration"] for p in payloads[index + 1 :] if p["meeting"].pk == meeting.pk]
            data = _registration_data(**payload, counts=_counts_before(later, counts[meeting.pk]))
        elif name.startswith("registration."):
            data = _registration_data(**payload)
        else:
            data = _meeting_event_data(**payload)
        body = envelope(event=name, data=data)
        event_id = uuid.UUID(body["id"])
        rows.extend(
            Delivery(subscription=s, event=name, event_id=event_id, payload=body, network_id=network_id)
            for s in wanted[network_id]
        )
    return _deliveries_insert(rows)


def deliveries_store(
    *, event: str, payload: dict, subscriptions: Iterable[Subscription], network_id: int | None
) -> list[Delivery]:
    """Store one delivery per subscription in the caller's transaction; posted after commit."""
    event_id = uuid.UUID(payload["id"])
    return _deliveries_insert(
        [
            Delivery(subscription=subscription, event=event, event_id=event_id, payload=payload, network_id=network_id)
            for subscription in subscriptions
        ]
    )


def _deliveries_insert(rows: list[Delivery]) -> list[Delivery]:
    deliveries = Delivery.objects.bulk_create(rows) if rows else []
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
