"""The waiting list: freed seats go to the first person waiting, or staff promote someone by hand."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from netvaerk import access, events

from . import notifications, seats
from .enums import RegistrationStatus
from .errors import MeetingFull, RegistrationError
from .models import Registration


def auto_promotion_allowed(*, meeting: Meeting, now: dt.datetime) -> bool:
    """Close to the meeting, staff decide who gets a freed seat."""
    cutoff = meeting.starts_at - dt.timedelta(hours=settings.WAITING_LIST_AUTO_PROMOTE_CUTOFF_HOURS)
    return now < cutoff and meeting.status == MeetingStatus.PUBLISHED


def _promote(registration: Registration, meeting: Meeting, *, now: dt.datetime) -> Registration:
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    seats.workshop_assign_first_come(registration=registration, meeting=meeting)
    registration.save()
    events.emit(events.REGISTRATION_PROMOTED, registration=registration, meeting=meeting)
    # The promotion email names the workshop.
    notifications.registration_promoted(registration=registration)
    return registration


def waiting_list_fill(*, meeting: Meeting, now: dt.datetime | None = None) -> list[Registration]:
    """Promote people from the waiting list into free seats, first come first served.

    The caller holds the meeting lock (or this opens its own transaction).
    """
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=meeting.pk)
        if not auto_promotion_allowed(meeting=meeting, now=now):
            return promoted
        free = None if meeting.capacity is None else meeting.capacity - seats.seats_taken(meeting=meeting)
        for registration in Registration.objects.filter(meeting=meeting).waiting().select_for_update():
            if free is not None and free <= 0:
                break
            promoted.append(_promote(registration, meeting, now=now))
            if free is not None:
                free -= 1
    return promoted


def registration_promote(
    *, registration: Registration, allow_over_capacity: bool = False, now: dt.datetime | None = None, by
) -> Registration:
    """Staff (``by``) move someone from the waiting list to a seat, above capacity only when confirmed."""
    now = now or timezone.now()
    access.require(by, "registration.change_registration", registration)
    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=registration.meeting_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.WAITING:
            raise RegistrationError(_("Only people on the waiting list can be promoted."))
        if (
            meeting.capacity is not None
            and seats.seats_taken(meeting=meeting) >= meeting.capacity
            and not allow_over_capacity
        ):
            raise MeetingFull(_("The meeting is full. Confirm to promote above the capacity."))
        return _promote(registration, meeting, now=now)
