"""The badge on a meeting card: "Få pladser", "Fuldt booket – venteliste", "Tilmelding lukket", "Aflyst".

Meetings do not know registrations (the dependency points the other way), so
the confirmed seats of the listed meetings come from a counter the
registration app registers in its ``ready()`` (one query for the whole list).
Without one, no seat is taken.

The cached pages that show cards stay true: a change of what a card shows by
a sign-up bumps the page cache through the registration app's summary
(``registration.selectors.public_registration_summary`` includes the "few
seats" flag), and a page with cards is valid only until the next moment a
listed meeting's state changes by the clock (``cards_valid_until``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import RegistrationState
from .models import Meeting
from .selectors import meeting_registration_state, next_state_change, seats_left

# counter(meeting_ids=[...]) -> {meeting id: confirmed seats}; called with the keyword (services are keyword-only)
_seat_counter: list[Callable[[list[int]], dict[int, int]]] = []


def register_seat_counter(counter: Callable[[list[int]], dict[int, int]]) -> None:
    _seat_counter[:] = [counter]


@dataclass(frozen=True)
class Badge:
    kind: str  # few_seats, waiting_list, full, closed, cancelled: the CSS class is state-<kind>
    label: str


def few_seats(meeting: Meeting, *, state: RegistrationState, seats_taken: int) -> bool:
    """Open, with a seat limit, and fewer than MEETING_FEW_SEATS_LEFT seats left."""
    left = seats_left(meeting=meeting, seats_taken=seats_taken)
    return state == RegistrationState.OPEN and left is not None and left < settings.MEETING_FEW_SEATS_LEFT


def badge_for(meeting: Meeting, *, seats_taken: int, now: dt.datetime | None = None) -> Badge | None:
    state = meeting_registration_state(meeting=meeting, seats_taken=seats_taken, now=now)
    if state == RegistrationState.CANCELLED:
        return Badge("cancelled", str(_("Cancelled")))
    if state == RegistrationState.CLOSED:
        return Badge("closed", str(_("Registration closed")))
    if state == RegistrationState.WAITING_LIST:
        return Badge("waiting_list", str(_("Fully booked – waiting list")))
    if state == RegistrationState.FULL:
        return Badge("full", str(_("Fully booked")))
    if few_seats(meeting, state=state, seats_taken=seats_taken):
        return Badge("few_seats", str(_("Few seats")))
    return None


def with_badges(meetings: Iterable[Meeting], *, now: dt.datetime | None = None) -> list[Meeting]:
    """The meetings as a list, each with its ``card_badge`` set (one query for all their seats)."""
    now = now or timezone.now()
    meetings = list(meetings)
    ids = [meeting.pk for meeting in meetings if meeting.capacity is not None]
    taken = _seat_counter[0](meeting_ids=ids) if ids and _seat_counter else {}
    for meeting in meetings:
        meeting.card_badge = badge_for(meeting, seats_taken=taken.get(meeting.pk, 0), now=now)
    return meetings


def cards_valid_until(meetings: Iterable[Meeting], *, now: dt.datetime | None = None) -> dt.datetime | None:
    """The next moment a listed meeting's card changes by the clock alone (deadline, start, end)."""
    changes = [moment for meeting in meetings if (moment := next_state_change(meeting=meeting, now=now))]
    return min(changes) if changes else None


def cancelled_not_first(meetings: list[Meeting]) -> list[Meeting]:
    """The same meetings, the first one not cancelled in front (the rest keep their order).

    With only cancelled meetings, none: a cancelled meeting never leads a list.
    """
    for index, meeting in enumerate(meetings):
        if not meeting.is_cancelled:
            return [meeting, *meetings[:index], *meetings[index + 1 :]]
    return []
