"""The per-person seat rule and the storing of the sign-ups decided by it, for one person or a group.

The caller holds the meeting's seat lock (``seats.meeting_lock``) and counted its
seats once (``seat_tally``). ``seat_decide`` then decides each person in turn,
keeping the tally current, without a query (the 1st/2nd workshop priorities
count the workshop's participants once); ``decided_store`` stores what was
decided with the same queries for one person as for fifty: one insert of the
registrations, one of the answers (and one of their choices), one of the
invoice details, one of the emails (rendered later by the worker, outside the
lock), the webhooks' subscriptions looked up once (``events.emit_each``) and one
insert of the desk's audit rows. A single sign-up (``services.registration_create``)
and a group (``groups.group_registration_create``) go through the same two steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from meetings.enums import RegistrationState
from meetings.models import Meeting
from meetings.selectors import meeting_registration_state
from netvaerk import events

from . import notifications, overrides, seats
from .enums import AuditAction, RegistrationChannel, RegistrationStatus
from .errors import MeetingFull, RegistrationClosed, RegistrationError
from .invoicing import invoice_details_store_new
from .models import Registration, RegistrationAudit
from .questions import services as questions
from .signals import registrations_created_shown


@dataclass
class SeatTally:
    """The meeting's seats and waiting list as counted under the lock; kept current as sign-ups are decided."""

    taken: int
    waiting: int
    ahead: int  # waiting rows a new one comes after (waiting_since <= the decision time)
    # Workshop places given to sign-ups decided but not stored yet (workshop id -> places).
    workshops: dict[int, int] = field(default_factory=dict)


def seat_tally(*, locked: Meeting, decided_at: dt.datetime) -> SeatTally:
    """Count seats and the waiting list of a meeting whose lock the caller holds (one query)."""
    waiting_rows = Q(status=RegistrationStatus.WAITING)
    counts = Registration.objects.filter(meeting=locked).aggregate(
        taken=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("id", filter=waiting_rows),
        # Those a new waiting row would come after, by the order
        # waiting_position() and promotion use: (waiting_since, id).
        ahead=Count("id", filter=waiting_rows & Q(waiting_since__lte=decided_at)),
    )
    return SeatTally(taken=counts["taken"], waiting=counts["waiting"], ahead=counts["ahead"])


@dataclass
class SignUp:
    """One person to sign up: what the form (or the desk) gave for them."""

    email: str
    clean: dict[str, Any]  # services.clean_data()
    data: dict[str, Any] = field(default_factory=dict)  # the form's data (the invoice details)
    sensitive_consent: bool = False
    user: Any = None
    answers: Any = None  # QuestionsForm.answers(), None: not asked


@dataclass
class Decided:
    """A sign-up decided under the lock: its registration (not stored yet), the overrides used, its place."""

    sign_up: SignUp
    registration: Registration
    decision: overrides.Decision
    position: int | None = None  # on the waiting list, counted under the lock; None: a seat


class SignUpRefused(RegistrationError):
    """``decided_store`` refused the answers of one of the sign-ups (``index``); nothing is kept."""

    def __init__(self, message, *, index: int):
        super().__init__(message)
        self.index = index


def seat_decide(
    *,
    locked: Meeting,
    tally: SeatTally,
    decided_at: dt.datetime,
    now: dt.datetime,
    sign_up: SignUp,
    language: str,
    channel: str,
    override_capacity_reason: str = "",
    override_deadline_reason: str = "",
) -> Decided:
    """Decide one person's seat by the rule of the public form and the desk; ``tally`` is updated.

    Raises MeetingFull or RegistrationClosed when there is neither a seat nor a waiting list.
    """
    # People already waiting always come before new sign-ups (unless staff override, with a reason).
    decision = overrides.decide(
        state=meeting_registration_state(meeting=locked, seats_taken=tally.taken, now=now),
        meeting=locked,
        taken=tally.taken,
        waiting=tally.waiting,
        capacity_reason=override_capacity_reason,
        deadline_reason=override_deadline_reason,
    )
    if decision.state not in (RegistrationState.OPEN, RegistrationState.WAITING_LIST):
        raise MeetingFull() if decision.state == RegistrationState.FULL else RegistrationClosed()
    registration = Registration(
        meeting=locked,
        user=sign_up.user,
        email=sign_up.email,
        language=language,
        privacy_accepted_at=now,
        sensitive_consent_at=now if sign_up.sensitive_consent else None,
        channel=channel,
        **sign_up.clean,
    )
    if decision.state == RegistrationState.OPEN:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = decided_at
        seats.workshop_assign_first_come(registration=registration, meeting=locked, pending=tally.workshops)
        if registration.workshop_id:
            tally.workshops[registration.workshop_id] = tally.workshops.get(registration.workshop_id, 0) + 1
        tally.taken += 1
        return Decided(sign_up, registration, decision)
    registration.status = RegistrationStatus.WAITING
    registration.waiting_since = decided_at
    tally.waiting += 1
    tally.ahead += 1
    return Decided(sign_up, registration, decision, position=tally.ahead)


def decided_store(*, locked: Meeting, decided: list[Decided], by, channel: str, send_emails: bool) -> None:
    """Store the sign-ups decided under the lock the caller still holds, in their order (queries: see above).

    ``by``: the staff member entering them at the desk (None: the public form). A refused answer
    (a choice just filled) raises SignUpRefused naming the sign-up; the caller's transaction then
    keeps nothing.
    """
    if not decided:
        return
    registrations = Registration.objects.bulk_create([item.registration for item in decided])
    try:
        questions.answers_save_many(
            meeting=locked.pk, items=[(r, item.sign_up.answers) for r, item in zip(registrations, decided)]
        )
    except questions.AnswersRefused as error:
        raise SignUpRefused(error.message, index=_answered_index(decided, error.index)) from error
    invoice_details_store_new(items=[(r, item.sign_up.data.get("invoice")) for r, item in zip(registrations, decided)])
    events.emit_each(
        events.REGISTRATION_CREATED, payloads=[{"registration": r, "meeting": locked} for r in registrations]
    )
    if by is not None or channel != RegistrationChannel.WEB:
        RegistrationAudit.objects.bulk_create(
            overrides.audit_entry(
                registration=r,
                action=AuditAction.CREATED,
                by=by,
                decision=item.decision,
                emails_sent=send_emails and bool(r.email),
            )
            for r, item in zip(registrations, decided)
        )
    if send_emails:
        # The confirmation names the workshop given at sign-up; the waiting email the place.
        notifications.registrations_created(created=[(item.registration, item.position) for item in decided])
    registrations_created_shown(meeting=locked, answered=any(item.sign_up.answers for item in decided))


def _answered_index(decided: list[Decided], index: int) -> int:
    """The index among all sign-ups of the ``index``-th one that was asked the questions."""
    asked = [i for i, item in enumerate(decided) if item.sign_up.answers is not None]
    return asked[index]
