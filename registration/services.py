"""Business rules for registrations: sign-up, change, cancel, waiting list, workshops.

Every rule is decided on the server clock inside one transaction that locks
the meeting row, so concurrent sign-ups can never exceed the capacity and the
waiting list is served strictly first come, first served.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import AllocationState, MeetingStatus
from meetings.models import Meeting, Workshop
from netvaerk import access, events

from . import notifications, overrides, seats
from .checkin import attendance_set
from .enums import AuditAction, Outcome, RegistrationChannel, RegistrationStatus
from .errors import ChangeNotAllowed, MeetingFull, RegistrationClosed, RegistrationError, SignUpResult
from .invoicing import invoice_details_store
from .models import Registration
from .questions import services as questions
from .signup import SignUp, decided_store, seat_decide, seat_tally
from .waiting_list import waiting_list_fill

PERSONAL_FIELDS = ("name", "phone", "organisation", "job_title", "comment")
SENSITIVE_FIELDS = ("diets", "diet_note", "accessibility_needs")


def _active_registration(meeting: Meeting, email: str) -> Registration | None:
    """The person's active registration, found through the unique index on lower(email)."""
    return (
        Registration.objects.active()
        .filter(meeting=meeting)
        .alias(email_lower=Lower("email"))
        .filter(email_lower=Lower(Value(email)))
        .first()
    )


def clean_data(*, data: dict[str, Any], sensitive_consent: bool) -> dict[str, Any]:
    clean = {key: data.get(key) or "" for key in PERSONAL_FIELDS}
    clean["workshop_first"] = data.get("workshop_first")
    clean["workshop_second"] = data.get("workshop_second")
    if sensitive_consent:
        clean["diets"] = list(data.get("diets") or [])
        clean["diet_note"] = data.get("diet_note") or ""
        clean["accessibility_needs"] = data.get("accessibility_needs") or ""
    else:
        # Special-category data is stored only with explicit consent.
        clean["diets"] = []
        clean["diet_note"] = ""
        clean["accessibility_needs"] = ""
    return clean


def workshops_check(*, meeting: Meeting, first: Workshop | None, second: Workshop | None) -> None:
    for workshop in (first, second):
        if workshop is not None and workshop.meeting_id != meeting.pk:
            raise RegistrationError(_("Choose a workshop of this meeting."))
    if first is not None and second is not None and first.pk == second.pk:
        raise RegistrationError(_("Your 1st and 2nd priority must be different workshops."))


def _save_answers(registration: Registration, answers) -> None:
    # Under the seat lock: places of limited choices are decided one sign-up at a time. None: not asked.
    try:
        answers is None or questions.answers_save(registration=registration, answers=answers)
    except questions.AnswersRefused as error:
        raise RegistrationError(error.message) from error


def _duplicate(existing: Registration, *, notify: bool = True) -> SignUpResult:
    # The owner of the address gets their personal link; the caller tells the person nothing.
    if notify:
        notifications.registration_duplicate_attempt(registration=existing)
    return SignUpResult(existing, Outcome.DUPLICATE)


def registration_create(
    *,
    meeting: Meeting,
    data: dict[str, Any],
    email: str,
    sensitive_consent: bool = False,
    language: str = "da",
    user=None,
    answers=None,
    now: dt.datetime | None = None,
    by=None,
    channel: str = RegistrationChannel.WEB,
    send_emails: bool = True,
    override_capacity_reason: str = "",
    override_deadline_reason: str = "",
) -> SignUpResult:
    """Sign a person up: confirmed while there are seats, then waiting list.

    ``answers`` (``QuestionsForm.answers()``): a full choice refuses the whole sign-up.

    A second sign-up with the same email (any case) creates nothing and
    returns the existing registration with outcome DUPLICATE; the page may say
    that the address is registered, never the registration's status or link.

    Staff entering it for the person (``by``, registration/overrides.py): the
    ``channel`` they heard from them on, no emails when ``send_emails`` is
    false, the capacity and the sign-up period overridden with a reason each,
    and a row in the desk's audit history. Only staff entries may lack an email.
    """
    stamp_given = now
    now = now or timezone.now()
    email = email.strip()
    overrides.desk_require(by=by, meetings=(meeting,))
    if not email and channel == RegistrationChannel.WEB:
        raise RegistrationError(_("Enter an email address."))
    # Bad workshop choices are refused before the lock, which every sign-up for the meeting waits for.
    # A known address is not looked up first: the unique index on (lower(email), meeting) refuses its
    # insert under the lock (below), so the nine in ten sign-ups of a burst that are new save a query.
    clean = clean_data(data=data, sensitive_consent=sensitive_consent)
    workshops_check(meeting=meeting, first=clean["workshop_first"], second=clean["workshop_second"])

    sign_up = SignUp(
        email=email, clean=clean, data=data, sensitive_consent=sensitive_consent, user=user, answers=answers
    )
    try:
        with transaction.atomic():
            locked = seats.meeting_lock(meeting_id=meeting.pk)
            # The time of the seat decision, taken under the lock, so the waiting
            # list's order is the order in which the lock was granted.
            decided_at = stamp_given or timezone.now()
            tally = seat_tally(locked=locked, decided_at=decided_at)
            try:
                decided = seat_decide(
                    locked=locked,
                    tally=tally,
                    decided_at=decided_at,
                    now=now,
                    sign_up=sign_up,
                    language=language,
                    channel=channel,
                    override_capacity_reason=override_capacity_reason,
                    override_deadline_reason=override_deadline_reason,
                )
            except (MeetingFull, RegistrationClosed):
                # A double-click whose first click took the last seat after the
                # check before the lock is a duplicate, not a refusal: the person
                # has their seat.
                existing = _active_registration(locked, email) if email else None
                if existing is None:
                    raise
                return _duplicate(existing, notify=send_emails and by is None)
            decided_store(locked=locked, decided=[decided], by=by, channel=channel, send_emails=send_emails)
            outcome = Outcome.CONFIRMED if decided.position is None else Outcome.WAITING
            return SignUpResult(decided.registration, outcome)
    except IntegrityError:
        # A double-click: the same address won the race on the unique
        # constraint, and that sign-up has committed, so it is found now.
        # Nothing of this attempt was kept.
        existing = _active_registration(meeting, email) if email else None
        if existing is None:
            raise
        return _duplicate(existing, notify=send_emails and by is None)


def registration_can_edit(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    meeting = registration.meeting
    return registration.is_active and meeting.status == MeetingStatus.PUBLISHED and now <= meeting.registration_deadline


def registration_can_cancel(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return registration.is_active and now < registration.meeting.starts_at and not registration.meeting.is_cancelled


def registration_update(
    *,
    registration: Registration,
    data: dict[str, Any],
    sensitive_consent: bool,
    answers=None,
    now: dt.datetime | None = None,
) -> Registration:
    """Change a person's answers until the deadline (``answers``: None keeps them). The email stays."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=registration.meeting_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.meeting = meeting
        if not registration_can_edit(registration=registration, now=now):
            raise ChangeNotAllowed()
        clean = clean_data(data=data, sensitive_consent=sensitive_consent)
        workshops_check(meeting=meeting, first=clean["workshop_first"], second=clean["workshop_second"])
        priorities_changed = (
            getattr(clean["workshop_first"], "pk", None) != registration.workshop_first_id
            or getattr(clean["workshop_second"], "pk", None) != registration.workshop_second_id
        )
        for key, value in clean.items():
            setattr(registration, key, value)
        if sensitive_consent and registration.sensitive_consent_at is None:
            registration.sensitive_consent_at = now
        if not sensitive_consent:
            registration.sensitive_consent_at = None
        workshop_changed = False
        if priorities_changed and meeting.workshop_allocation_state != AllocationState.FINAL:
            workshop_changed = seats.workshop_assign_first_come(registration=registration, meeting=meeting)
        registration.save()
        _save_answers(registration, answers)
        invoice_details_store(registration=registration, data=data.get("invoice"))
        notifications.registration_changed(registration=registration)
        if workshop_changed and registration.workshop_id:
            notifications.workshop_assigned(registration=registration)
        return registration


def registration_cancel(
    *,
    registration: Registration,
    now: dt.datetime | None = None,
    by_staff: bool = False,
    notify: bool = True,
    by=None,
) -> Registration:
    """Cancel until the meeting starts; the freed seat goes to the first person waiting.

    ``by``: the staff member who cancels for the person (whoever plans the
    meeting, the desk's right; recorded in its audit history); None for the
    participant's own link and the portal's jobs.
    """
    now = now or timezone.now()
    overrides.desk_require(by=by, meetings=(registration.meeting,))
    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=registration.meeting_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.meeting = meeting
        if not registration.is_active:
            return registration
        if not by_staff and not registration_can_cancel(registration=registration, now=now):
            raise ChangeNotAllowed(_("The meeting has started; the registration can no longer be cancelled."))
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.workshop = None
        registration.save()
        events.emit(events.REGISTRATION_CANCELLED, registration=registration, meeting=meeting)
        if by is not None:
            overrides.audit_record(registration=registration, action=AuditAction.CANCELLED, by=by, emails_sent=notify)
        if notify:
            notifications.registration_cancelled(registration=registration)
        if was_confirmed:
            waiting_list_fill(meeting=meeting, now=now)
        return registration


def registration_check_in(
    *, registration: Registration, attended: bool, by, now: dt.datetime | None = None
) -> Registration:
    """Mark a participant as met at the door (or not); ``by`` checks in at the meeting.

    A second tap keeps the first check-in time (one conditional UPDATE, registration/checkin.py).
    """
    access.require(by, "registration.check_in", registration.meeting)
    attendance_set(registration=registration, attended=attended, now=now or timezone.now())
    return registration


# Workshop allocation after the deadline --------------------------------------
