"""The seat lock and the seat counts every seat decision of a meeting is made under.

Sign-up (registration/services.py), the waiting list (registration/waiting_list.py) and the
workshop allocation (registration/workshops.py) lock the meeting row with ``meeting_lock``; call
it as ``seats.meeting_lock(...)`` (bench/unlocked_wsgi.py replaces it for one benchmark).
"""

from __future__ import annotations

from django.db.models import Count

from meetings.enums import WorkshopAllocation
from meetings.models import Meeting

from .enums import RegistrationStatus
from .models import Registration


def meeting_lock(*, meeting_id: int) -> Meeting:
    """Lock the meeting row; every seat decision for the meeting waits here."""
    # The meeting row only: the emails are rendered by the worker, and nothing decided under the lock reads
    # the organiser, network or venue (a join here cost every sign-up a tenth of its CPU while holding the lock).
    return Meeting.objects.select_for_update().get(pk=meeting_id)


def seats_taken(*, meeting: Meeting) -> int:
    return Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count()


def _workshop_counts(*, meeting: Meeting) -> dict[int, int]:
    rows = (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED, workshop__isnull=False)
        .values("workshop")
        .annotate(n=Count("id"))
    )
    return {row["workshop"]: row["n"] for row in rows}


def workshop_assign_first_come(
    *, registration: Registration, meeting: Meeting, pending: dict[int, int] | None = None
) -> bool:
    """Give a confirmed participant their 1st priority if free, else their 2nd.

    Returns True when the assigned workshop changed. Only in first-come mode;
    the meeting row is locked by the caller. ``pending``: places given to
    sign-ups decided under the same lock but not stored yet (workshop id -> places).
    """
    if meeting.workshop_allocation != WorkshopAllocation.FIRST_COME:
        return False
    if registration.status != RegistrationStatus.CONFIRMED:
        return False
    if (
        registration.workshop_first_id is None
        and registration.workshop_second_id is None
        and not registration.workshop_id
    ):
        return False  # no priorities, nothing to count (a colleague signed up by a booker)
    counts = _workshop_counts(meeting=meeting)
    for workshop_id, places in (pending or {}).items():
        counts[workshop_id] = counts.get(workshop_id, 0) + places
    if registration.workshop_id:
        counts[registration.workshop_id] = counts.get(registration.workshop_id, 1) - 1
    previous = registration.workshop_id
    chosen = None
    for workshop in (registration.workshop_first, registration.workshop_second):
        if workshop is None:
            continue
        if workshop.capacity is None or counts.get(workshop.pk, 0) < workshop.capacity:
            chosen = workshop
            break
    registration.workshop = chosen
    return previous != (chosen.pk if chosen else None)
