"""Reads for writing to participants: who a message goes to, and what became of each email."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from meetings.models import Meeting
from netvaerk import access
from outbox.models import OutgoingEmail

from .enums import RegistrationStatus
from .models import ParticipantMessage, Registration

# The filters of a message, as stored in ParticipantMessage.filters (all optional but the statuses).
DEFAULT_FILTERS = {
    "statuses": [RegistrationStatus.CONFIRMED.value],
    "workshop": None,
    "checked_in": "",
    "registered_from": None,
    "registered_to": None,
}


def _day_start(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time.min))


def message_recipients(*, meeting: Meeting, filters: dict) -> QuerySet[Registration]:
    """The registrations of ``meeting`` that ``filters`` choose, in sign-up order, with their joins."""
    filters = {**DEFAULT_FILTERS, **(filters or {})}
    registrations = Registration.objects.filter(
        meeting=meeting, status__in=filters["statuses"], anonymised_at__isnull=True
    ).exclude(email="")
    if filters["workshop"]:
        registrations = registrations.filter(workshop_id=filters["workshop"])
    if filters["checked_in"] == "yes":
        registrations = registrations.filter(attended=True)
    elif filters["checked_in"] == "no":
        registrations = registrations.filter(attended=False)
    # Dates are whole days in Copenhagen time, both ends included.
    if filters["registered_from"]:
        registrations = registrations.filter(created_at__gte=_day_start(filters["registered_from"]))
    if filters["registered_to"]:
        next_day = (dt.date.fromisoformat(filters["registered_to"]) + dt.timedelta(days=1)).isoformat()
        registrations = registrations.filter(created_at__lt=_day_start(next_day))
    return registrations.select_related(
        "meeting__organiser", "meeting__venue", "meeting__network", "workshop"
    ).order_by("created_at", "id")


def message_for_staff(*, user, meeting: Meeting, pk: int) -> ParticipantMessage:
    """One message of the meeting (raises ParticipantMessage.DoesNotExist); the caller checked the meeting."""
    return (
        access.scope_queryset(user, ParticipantMessage.objects.filter(meeting=meeting))
        .select_related("meeting", "author")
        .get(pk=pk)
    )


def messages_of_meeting(*, meeting: Meeting) -> QuerySet[ParticipantMessage]:
    return ParticipantMessage.objects.filter(meeting=meeting).select_related("author").order_by("-created_at", "-id")


def delivery_key(message: ParticipantMessage, registration_id: int) -> str:
    """The outbox key of one recipient's email: once per person and message."""
    return f"participant-message:{message.pk}:{registration_id}"


def trial_key(message: ParticipantMessage, number: int) -> str:
    return f"participant-message-test:{message.pk}:{number}"


@dataclass(frozen=True)
class Delivery:
    registration_id: int
    name: str
    email: str
    status: str  # an EmailStatus value, or "" while the worker has not queued it yet
    status_label: str
    sent_at: dt.datetime | None
    error: str


def message_deliveries(*, message: ParticipantMessage) -> list[Delivery]:
    """Each recipient of a sent message with its email's status in the outbox (two queries)."""
    from django.utils.translation import gettext as _

    ids = list(message.recipient_ids)
    emails = {
        email.idempotency_key: email
        for email in OutgoingEmail.objects.filter(idempotency_key__in=[delivery_key(message, pk) for pk in ids]).only(
            "idempotency_key", "recipient", "status", "sent_at", "last_error"
        )
    }
    people = {r.pk: r for r in Registration.objects.filter(pk__in=ids).only("name", "email")}
    rows = []
    for pk in ids:
        email = emails.get(delivery_key(message, pk))
        person = people.get(pk)
        rows.append(
            Delivery(
                registration_id=pk,
                name=person.name if person else "",
                email=email.recipient if email else (person.email if person else ""),
                status=email.status if email else "",
                status_label=email.get_status_display() if email else _("Waiting for the worker"),
                sent_at=email.sent_at if email else None,
                error=email.last_error if email else "",
            )
        )
    return rows


def delivery_counts(deliveries: list[Delivery]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for delivery in deliveries:
        counts[delivery.status or "pending"] = counts.get(delivery.status or "pending", 0) + 1
    return counts
