"""Colleagues in one go: a booker signs up colleagues (and maybe themselves) with one form.

Every person becomes a registration of their own through the same per-person
rule as a single sign-up (signup.seat_decide), but the seats of the whole
group are decided under ONE meeting lock, in the order the booker gave: all get a
seat while there are seats, then the rest go on the waiting list in that order
(people already waiting come first, as always). The group is stored as a single
sign-up is (signup.decided_store), with bulk inserts: the queries are the same for
one colleague as for fifty. The booker and the group are
remembered in a GroupBooking (groups_models.py); the booker, who may book only for
colleagues, gets one email listing the group and a page of their own (the booking's
key) where one seat can be cancelled without touching the others.

Rows that would create nothing are reported per row: an address given twice in
the group (the later rows) and an address already registered for the meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

from . import emails_groups, seats, services
from .enums import Outcome, RegistrationChannel
from .errors import RegistrationError
from .groups_models import GroupBooking, GroupMember
from .models import Registration
from .signup import SignUp, SignUpRefused, decided_store, seat_decide, seat_tally

# Reasons a row created nothing.
IN_GROUP = "in_group"  # the address is given earlier in the same group
REGISTERED = "registered"  # the address is already registered for the meeting


@dataclass
class Person:
    """One row of the group: the booker (with the full form's data) or a colleague."""

    name: str
    email: str
    organisation: str = ""
    answers: Any = None  # QuestionsForm.answers() or None
    data: dict[str, Any] = field(default_factory=dict)
    sensitive_consent: bool = False


@dataclass
class Row:
    person: Person
    is_booker: bool
    outcome: str = ""  # Outcome.CONFIRMED / WAITING, or IN_GROUP / REGISTERED
    registration: Registration | None = None
    position: int | None = None  # on the waiting list, counted under the lock


@dataclass
class GroupResult:
    booking: GroupBooking | None
    rows: list[Row]

    @property
    def created(self) -> list[Row]:
        return [row for row in self.rows if row.registration is not None]


class TooManyColleagues(RegistrationError):
    pass


def colleagues_allowed(*, meeting: Meeting) -> int:
    return meeting.max_colleagues or 0


def group_registration_create(
    *,
    meeting: Meeting,
    booker: Person,
    booker_attends: bool,
    colleagues: list[Person],
    language: str = "da",
    user=None,
    now: dt.datetime | None = None,
    send_emails: bool = True,
) -> GroupResult:
    """Sign up the booker (when ``booker_attends``) and ``colleagues`` under one seat lock.

    Nobody left to sign up (all known addresses): nothing is created, booking None.
    Refuses the whole group (RegistrationError) when there are more colleagues than
    the meeting allows, when registration is closed
    or full without a waiting list, or when a choice of a question is full (the
    message names the person). Nothing is then kept.
    """
    stamp_given = now
    now = now or timezone.now()
    limit = colleagues_allowed(meeting=meeting)
    if len(colleagues) > limit:
        raise TooManyColleagues(
            _("You can sign up at most %(limit)s colleagues for this meeting.") % {"limit": limit}
            if limit
            else _("This meeting does not take sign-ups of colleagues.")
        )
    rows = ([Row(booker, True)] if booker_attends else []) + [Row(person, False) for person in colleagues]
    _mark_in_group(rows)
    to_create = [row for row in rows if not row.outcome]
    for row in to_create:
        services.workshops_check(
            meeting=meeting, first=row.person.data.get("workshop_first"), second=row.person.data.get("workshop_second")
        )
    booker_org = booker.organisation
    sign_ups = []
    for row in to_create:
        person = row.person
        data = dict(person.data) if row.is_booker else {"organisation": person.organisation or booker_org}
        data["name"] = person.name
        if not row.is_booker and "invoice" in booker.data:
            data["invoice"] = booker.data["invoice"]  # the booker's organisation pays for the group
        clean = services.clean_data(data=data, sensitive_consent=person.sensitive_consent)
        sign_ups.append(
            SignUp(
                email=person.email,
                clean=clean,
                data=data,
                sensitive_consent=person.sensitive_consent,
                user=user if row.is_booker else None,
                answers=person.answers,
            )
        )
    try:
        return _create_under_lock(
            meeting=meeting,
            rows=rows,
            to_create=to_create,
            sign_ups=sign_ups,
            booker=booker,
            booker_attends=booker_attends,
            language=language,
            now=now,
            stamp_given=stamp_given,
            send_emails=send_emails,
        )
    except IntegrityError as error:
        # The database's unique rule on the address (its lower(), which can differ from Python's for
        # some letters) found an address of the group registered after all: refused whole, nothing kept.
        raise RegistrationError(
            _("One of the addresses in the group is already registered for this meeting. Check the addresses.")
        ) from error


def _create_under_lock(
    *, meeting, rows, to_create, sign_ups, booker, booker_attends, language, now, stamp_given, send_emails
) -> GroupResult:
    with transaction.atomic():
        locked = seats.meeting_lock(meeting_id=meeting.pk)
        # The addresses already registered are looked up once, under the lock (as a single sign-up's
        # duplicate is found there): most groups of a burst are new, and a lookup before the lock
        # would have to be made again under it anyway.
        _mark_registered(locked, to_create)
        pending = [(row, sign_up) for row, sign_up in zip(to_create, sign_ups) if not row.outcome]
        if not pending:
            # Like a single sign-up with a known address: nothing is created, and the page says so per row.
            return GroupResult(None, rows)
        decided_at = stamp_given or timezone.now()
        tally = seat_tally(locked=locked, decided_at=decided_at)
        decided = []
        for row, sign_up in pending:
            try:
                decided.append(
                    seat_decide(
                        locked=locked,
                        tally=tally,
                        decided_at=decided_at,
                        now=now,
                        sign_up=sign_up,
                        language=language,
                        channel=RegistrationChannel.WEB,
                    )
                )
            except RegistrationError as error:
                raise RegistrationError(f"{row.person.name}: {error.message}") from error
        try:
            decided_store(
                locked=locked, decided=decided, by=None, channel=RegistrationChannel.WEB, send_emails=send_emails
            )
        except SignUpRefused as error:
            raise RegistrationError(f"{pending[error.index][0].person.name}: {error.message}") from error
        for (row, _sign_up), item in zip(pending, decided):
            row.registration, row.position = item.registration, item.position
            row.outcome = str(Outcome.CONFIRMED if item.position is None else Outcome.WAITING)
        booking = GroupBooking.objects.create(
            meeting=locked, name=booker.name, email=booker.email, language=language, booker_attends=booker_attends
        )
        members = [
            GroupMember(booking=booking, registration=row.registration, position=index)
            for index, row in enumerate(rows)
            if row.registration is not None
        ]
        GroupMember.objects.bulk_create(members)
        if send_emails:
            emails_groups.send_group_booked(booking, rows=rows)
    return GroupResult(booking, rows)


def _registered(meeting: Meeting, keys: set[str]) -> set[str]:
    """Which of these lower-cased addresses have an active registration for the meeting (one query)."""
    return set(
        Registration.objects.active()
        .filter(meeting=meeting)
        .alias(email_lower=Lower("email"))
        .filter(email_lower__in=[Value(key) for key in keys])
        .annotate(key=Lower("email"))
        .values_list("key", flat=True)
    )


def _mark_registered(meeting: Meeting, rows: list[Row]) -> None:
    registered = _registered(meeting, {row.person.email.strip().lower() for row in rows if not row.outcome})
    for row in rows:
        if not row.outcome and row.person.email.strip().lower() in registered:
            row.outcome = REGISTERED


def _mark_in_group(rows: list[Row]) -> None:
    """Mark rows whose address is earlier in the group (no query; the registered ones are found under the lock)."""
    seen: set[str] = set()
    for row in rows:
        key = row.person.email.strip().lower()
        if key in seen:
            row.outcome = IN_GROUP
        seen.add(key)


def booking_by_token(*, token: str) -> GroupBooking | None:
    if not token or len(token) > 64:
        return None
    return GroupBooking.objects.select_related("meeting").filter(token=token).first()


def booking_registrations(*, booking: GroupBooking) -> list[Registration]:
    return [
        member.registration
        for member in GroupMember.objects.filter(booking=booking).select_related("registration").order_by("position")
    ]


def booking_of(*, registration: Registration) -> GroupBooking | None:
    """The group booking a registration is part of, or None."""
    member = GroupMember.objects.filter(registration=registration).select_related("booking").first()
    return member.booking if member is not None else None


def booking_seat_cancel(*, booking: GroupBooking, registration_id: int, now: dt.datetime | None = None) -> Registration:
    """The booker cancels one registration of their group (the others keep theirs)."""
    member = (
        GroupMember.objects.filter(booking=booking, registration_id=registration_id)
        .select_related("registration")
        .first()
    )
    if member is None:
        raise RegistrationError(_("That registration is not part of your group."))
    return services.registration_cancel(registration=member.registration, now=now)
