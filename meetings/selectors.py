"""Reads of meetings shared by pages, feeds, exports and emails."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .enums import MeetingStatus, RegistrationState
from .models import AgendaItem, Meeting, Workshop


def meeting_public_qs() -> QuerySet[Meeting]:
    return Meeting.objects.public().select_related("network", "venue", "organiser", "host_organisation")


def meeting_list_public(
    *,
    when: str = "upcoming",
    network_slug: str | None = None,
    kind: str | None = None,
    month: dt.date | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Meeting]:
    now = now or timezone.now()
    qs = meeting_public_qs()
    if when == "past":
        qs = qs.past(now).order_by("-starts_at")
    else:
        qs = qs.upcoming(now).order_by("starts_at")
    if network_slug:
        qs = qs.filter(network__slug=network_slug)
    if kind:
        qs = qs.filter(kind=kind)
    if month:
        start = timezone.make_aware(dt.datetime(month.year, month.month, 1))
        next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end = timezone.make_aware(dt.datetime(next_month.year, next_month.month, 1))
        qs = qs.filter(starts_at__gte=start, starts_at__lt=end)
    return qs


def meeting_detail_public(*, code: str, include_drafts: bool = False) -> Meeting:
    """The meeting with its programme, workshops and target groups; raises DoesNotExist."""
    qs = meeting_public_qs()
    if include_drafts:
        qs = Meeting.objects.select_related("network", "venue", "organiser", "host_organisation")
    return qs.prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("start_time", "order", "id")),
        Prefetch("workshops", queryset=Workshop.objects.order_by("order", "id")),
        "target_groups",
    ).get(code=code)


def meeting_registration_state(
    meeting: Meeting, *, seats_taken: int = 0, now: dt.datetime | None = None
) -> RegistrationState:
    """What a visitor can do now, decided on the server clock."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED:
        return RegistrationState.CANCELLED
    if meeting.ends_at <= now:
        return RegistrationState.PAST
    if meeting.status != MeetingStatus.PUBLISHED:
        return RegistrationState.CLOSED
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        return RegistrationState.NOT_YET_OPEN
    if now > meeting.registration_deadline or now >= meeting.starts_at:
        return RegistrationState.CLOSED
    if meeting.capacity is not None and seats_taken >= meeting.capacity:
        return RegistrationState.WAITING_LIST if meeting.waiting_list_enabled else RegistrationState.FULL
    return RegistrationState.OPEN


def seats_left(meeting: Meeting, *, seats_taken: int) -> int | None:
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - seats_taken, 0)


def meeting_seats_taken(meeting: Meeting) -> int:
    """Confirmed seats of a meeting.

    The registration app adds the registrations; until a meeting has a
    ``registrations`` relation, no seat is taken.
    """
    counter = getattr(meeting, "seats_taken", None)
    if counter is not None:
        return counter
    return 0


def next_state_change(meeting: Meeting, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """The next moment the meeting's registration state changes by the clock alone."""
    now = now or timezone.now()
    moments = [meeting.registration_opens_at, meeting.registration_deadline, meeting.starts_at, meeting.ends_at]
    future = [moment for moment in moments if moment and moment > now]
    return min(future) if future else None
