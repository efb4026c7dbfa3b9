"""A status set by hand by staff (the registration admin's form): its timestamp and the event it
amounts to. The rules that change a status themselves (sign-up, cancel, promote) are in ``services``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from netvaerk import events

from .enums import RegistrationStatus
from .models import Registration


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
