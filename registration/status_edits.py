"""A status set by hand by staff (the registration admin's form): under the seat lock, with the event it
amounts to. The rules that change a status themselves (sign-up, cancel, promote) are in ``services``."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import RegistrationState
from netvaerk import access, events

from . import overrides, seats, services
from .enums import AuditAction, RegistrationStatus
from .errors import MeetingFull, RegistrationError
from .models import Registration
from .signup import seat_tally


def registration_stamp_status(*, registration: Registration, now: dt.datetime | None = None) -> None:
    """Give a status set by hand (in the admin) the timestamp the rules order by, when it has none.

    The waiting list and promotion are ordered by ``waiting_since``; a person
    put on the list by hand joins its end.
    """
    field = {
        RegistrationStatus.CONFIRMED: "confirmed_at",
        RegistrationStatus.WAITING: "waiting_since",
        RegistrationStatus.CANCELLED: "cancelled_at",
    }.get(registration.status)
    if field and getattr(registration, field) is None:
        setattr(registration, field, now or timezone.now())


def registration_status_announce(*, registration: Registration, before: str) -> str | None:
    """After staff set a status by hand (the admin's form): emit the event the change amounts to.

    Waiting to confirmed is a promotion, an active one to cancelled a
    cancellation, a cancelled one made active again a new registration.
    Call it in the transaction of the save. Returns the event's name, or None.
    """
    after = registration.status
    active = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
    if before == RegistrationStatus.WAITING and after == RegistrationStatus.CONFIRMED:
        name = events.REGISTRATION_PROMOTED
    elif before in active and after == RegistrationStatus.CANCELLED:
        name = events.REGISTRATION_CANCELLED
    elif before == RegistrationStatus.CANCELLED and after in active:
        name = events.REGISTRATION_CREATED
    else:
        return None
    events.emit(name, registration=registration, meeting=registration.meeting)
    return name


def registration_status_set(
    *,
    registration: Registration,
    status: str,
    by,
    override_capacity_reason: str = "",
    notify: bool = True,
    now: dt.datetime | None = None,
) -> Registration:
    """Staff (``by``) set a registration's status by hand, under the meeting's seat lock.

    A status that adds a confirmed seat is decided like a sign-up by staff
    (overrides.decide): within the capacity, and past people waiting for a
    cancelled registration made active again; above that only with a written
    reason, kept in the desk's history. Otherwise ``MeetingFull`` and nothing changes.

    "Cancelled" is the desk's cancel on the person's behalf (``services.registration_cancel``):
    the history's entry, the person's email unless ``notify`` is false, the workshop seat
    freed and the freed seat given to the first person waiting.
    """
    access.require(by, "registration.change_registration", registration)
    if status == RegistrationStatus.CANCELLED:
        return services.registration_cancel(registration=registration, by_staff=True, notify=notify, by=by, now=now)
    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=registration.meeting_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        before = current.status
        if before == status:
            return current
        decision = None
        if status == RegistrationStatus.CONFIRMED:
            tally = seat_tally(locked=meeting, decided_at=now or timezone.now())
            full = meeting.capacity is not None and tally.taken >= meeting.capacity
            decision = overrides.decide(
                state=RegistrationState.FULL if full else RegistrationState.OPEN,
                meeting=meeting,
                taken=tally.taken,
                # Staff promote the person they chose (as waiting_list.registration_promote); a cancelled
                # registration made active again comes after those already waiting, as a new sign-up does.
                waiting=tally.waiting if before == RegistrationStatus.CANCELLED else 0,
                capacity_reason=override_capacity_reason,
            )
            if decision.state != RegistrationState.OPEN:
                raise MeetingFull(
                    _("The meeting is full or people are waiting. Give a reason to confirm above the capacity.")
                )
            seats.workshop_assign_first_come(registration=current, meeting=meeting)
        current.status = status
        registration_stamp_status(registration=current, now=now)
        try:
            with transaction.atomic():
                current.save()
        except IntegrityError as error:
            raise RegistrationError(
                _("The email address already has an active registration for the meeting.")
            ) from error
        if decision is not None and decision.capacity_reason:
            overrides.audit_record(
                registration=current, action=AuditAction.CONFIRMED, by=by, decision=decision, emails_sent=False
            )
        current.meeting = meeting
        registration_status_announce(registration=current, before=before)
        return current
