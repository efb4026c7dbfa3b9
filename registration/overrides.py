"""The registration desk's part of the seat rules: staff overrides and their audit history.

Staff (the secretariat and the meeting's consultant) enter registrations for
people who phoned, wrote or came to the door, through the one sign-up service
(``services.registration_create``). Two rules may be overridden there, each
only with a written reason: the capacity (a seat above it, past anyone
waiting) and the sign-up period (before it opens or after the deadline, until
the meeting ends). What staff did is kept in ``RegistrationAudit``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from meetings.enums import MeetingStatus, RegistrationState
from meetings.models import Meeting
from netvaerk import access

from .enums import AuditAction, RegistrationChannel
from .models import Registration, RegistrationAudit

# The right to enter, move and cancel registrations of a meeting: whoever plans its network (netvaerk/access.py).
DESK_PERMISSION = "registration.desk"


@dataclass(frozen=True)
class Decision:
    """The seat state after the overrides, and the reasons of those that changed it."""

    state: RegistrationState
    capacity_reason: str = ""
    deadline_reason: str = ""


def desk_require(*, by, meetings: Iterable[Meeting]) -> None:
    """Refuse (PermissionDenied) unless ``by`` plans every one of ``meetings``; None is the portal itself."""
    for meeting in meetings:
        access.require(by, DESK_PERMISSION, meeting)


def _by_seats(meeting: Meeting, taken: int) -> RegistrationState:
    if meeting.capacity is not None and taken >= meeting.capacity:
        return RegistrationState.WAITING_LIST if meeting.waiting_list_enabled else RegistrationState.FULL
    return RegistrationState.OPEN


def decide(
    *,
    state: RegistrationState,
    meeting: Meeting,
    taken: int,
    waiting: int,
    capacity_reason: str = "",
    deadline_reason: str = "",
) -> Decision:
    """Apply the overrides to the seat state decided under the meeting lock.

    Without reasons this is the public form's rule: people already waiting
    come before new sign-ups. A deadline reason opens a published meeting
    that has not ended outside its sign-up period (the seats still decide); a
    capacity reason then gives a seat even when the meeting is full or people
    are waiting. A reason that changed nothing is not recorded.
    """
    capacity_reason, deadline_reason = capacity_reason.strip(), deadline_reason.strip()
    used_deadline = ""
    outside_period = state in (RegistrationState.NOT_YET_OPEN, RegistrationState.CLOSED)
    if outside_period and deadline_reason and meeting.status == MeetingStatus.PUBLISHED:
        state, used_deadline = _by_seats(meeting, taken), deadline_reason
    if state in (RegistrationState.OPEN, RegistrationState.WAITING_LIST) and waiting and meeting.waiting_list_enabled:
        state = RegistrationState.WAITING_LIST
    used_capacity = ""
    if state in (RegistrationState.WAITING_LIST, RegistrationState.FULL) and capacity_reason:
        state, used_capacity = RegistrationState.OPEN, capacity_reason
    return Decision(state, used_capacity, used_deadline)


def audit_record(**fields) -> RegistrationAudit:
    """One row of the desk's history (the fields of ``audit_entry``), saved in the caller's transaction,
    so a rolled-back change leaves none."""
    entry = audit_entry(**fields)
    entry.save()
    return entry


def audit_entry(
    *,
    registration: Registration,
    action: AuditAction,
    by,
    channel: str | None = None,
    decision: Decision | None = None,
    emails_sent: bool = True,
    other_meeting: Meeting | None = None,
) -> RegistrationAudit:
    """The row ``audit_record`` stores, not saved yet (for a bulk insert of many)."""
    by = by if by is not None and by.is_authenticated else None
    return RegistrationAudit(
        registration=registration,
        action=action,
        by=by,
        by_email=by.email if by is not None else "",
        channel=channel or registration.channel or RegistrationChannel.WEB,
        override_capacity_reason=decision.capacity_reason if decision else "",
        override_deadline_reason=decision.deadline_reason if decision else "",
        emails_sent=emails_sent,
        other_meeting=other_meeting,
    )
