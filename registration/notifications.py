"""One function per event of a single registration.

Services call these after the change, inside their transaction; the email
layer hooks in here (each function queues its email through the outbox, which
sends after commit). The emails about a whole meeting go out from their own
modules through ``emails`` too: a changed or cancelled meeting
(``meeting_changes``, on the meetings' domain event), the periodic reminders
and deadline summaries, and staff's message to the participants (``tasks``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from . import emails

if TYPE_CHECKING:
    from .models import Registration

log = logging.getLogger(__name__)


def _log(event: str, registration: Registration) -> None:
    # Ids only: no personal data in logs.
    log.info("registration %s id=%s meeting=%s", event, registration.pk, registration.meeting_id)


def registrations_created(*, created: list[tuple[Registration, int | None]]) -> None:
    """New registrations, each with a seat (None) or its waiting-list place, counted under the seat lock.

    Called in the transaction that created them; their emails are stored with one insert.
    """
    for registration, position in created:
        _log("confirmed" if position is None else "waiting", registration)
    emails.send_created_many(created)


def registration_duplicate_attempt(*, registration: Registration) -> None:
    """Someone signed up again with the address of an active registration.

    The owner of the address gets their personal link; the web page says only
    that the address is already registered (not with which status).
    """
    _log("duplicate", registration)
    emails.send_link(registration)


def registration_promoted(*, registration: Registration) -> None:
    _log("promoted", registration)
    emails.send_promoted(registration)


def registration_cancelled(*, registration: Registration) -> None:
    _log("cancelled", registration)
    emails.send_cancelled(registration)


def registration_moved(*, registration: Registration, from_meeting, position: int | None) -> None:
    """Staff moved the person here from ``from_meeting``: one email with the new seat (or waiting place) and link."""
    _log("moved", registration)
    emails.send_moved(registration, from_meeting=from_meeting, position=position)


def registration_changed(*, registration: Registration) -> None:
    _log("changed", registration)


def workshop_assigned(*, registration: Registration) -> None:
    """Only a workshop given after sign-up gets its own email; the confirmation names the first one."""
    _log("workshop", registration)
    emails.send_workshop(registration)
