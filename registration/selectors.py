"""Reads shared by the staff pages and the exports.

Every list is one query with its joins, so the number of queries does not
grow with the number of registrations; exports iterate in chunks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear, Lower
from django.utils import timezone

from meetings.badges import few_seats
from meetings.enums import MeetingStatus, RegistrationState
from meetings.models import Meeting, Workshop
from meetings.selectors import meeting_registration_state, seats_left
from netvaerk import access
from netvaerk.models import Network

from .enums import ParticipantScope, RegistrationStatus
from .models import ExportPreference, Registration

SEES_ALL_PERMISSION = access.SEES_ALL_PERMISSION
EXPORT_PERMISSION = "registration.export_participants"
SENSITIVE_PERMISSION = "registration.export_sensitive"

# The joins every participant row needs (workshop titles); the meeting is
# passed to the exporter and not joined again.
_REGISTRATION_JOINS = ("workshop", "workshop_first", "workshop_second")


# --- Who sees what -------------------------------------------------------------


def sees_all_meetings(user) -> bool:
    return access.is_secretariat(user)


def networks_for_staff(*, user) -> QuerySet[Network]:
    """The networks whose lists the user may see: all for the secretariat, else those they plan."""
    return access.networks_planned(user)


def meetings_for_staff(*, user) -> QuerySet[Meeting]:
    """Meetings whose lists the user may see (the access policy, netvaerk/access.py).

    Consultants see the meetings of networks they coordinate or plan in the
    working group, and the stand-alone meetings they are responsible for.
    """
    return access.scope_queryset(user, Meeting.objects.select_related("network", "venue", "organiser"))


def meeting_for_staff(*, user, code: str) -> Meeting | None:
    """The meeting if the user may see its lists; None if it exists but is not theirs.

    Raises Meeting.DoesNotExist for an unknown code.
    """
    meeting = Meeting.objects.select_related("network", "venue", "organiser").get(code=code)
    if not user.has_perm(EXPORT_PERMISSION, meeting):
        return None
    return meeting


# --- Registrations of one meeting ---------------------------------------------------


def _scope_filter(scope: str) -> Q:
    if scope == ParticipantScope.WAITING:
        return Q(status=RegistrationStatus.WAITING)
    if scope == ParticipantScope.ACTIVE:
        return ~Q(status=RegistrationStatus.CANCELLED)
    if scope == ParticipantScope.ALL:
        return Q()
    return Q(status=RegistrationStatus.CONFIRMED)


def meeting_registrations(*, meeting: Meeting, scope: str = ParticipantScope.CONFIRMED) -> QuerySet[Registration]:
    """Registrations of a meeting sorted by name, with their workshops joined."""
    return (
        Registration.objects.filter(meeting=meeting)
        .filter(_scope_filter(scope))
        .select_related(*_REGISTRATION_JOINS)
        .order_by(Lower("name"), "id")
    )


def meeting_waiting_list(*, meeting: Meeting) -> QuerySet[Registration]:
    """The waiting list in the order it is served (first come, first served)."""
    return (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING)
        .select_related(*_REGISTRATION_JOINS)
        .order_by("waiting_since", "id")
    )


def meeting_workshop_participants(*, meeting: Meeting) -> QuerySet[Registration]:
    """Confirmed participants grouped by their assigned workshop (none last), then by name."""
    return (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)
        .select_related(*_REGISTRATION_JOINS)
        .order_by(F("workshop__order").asc(nulls_last=True), F("workshop_id").asc(nulls_last=True), Lower("name"), "id")
    )


def meeting_workshops(*, meeting: Meeting) -> list[Workshop]:
    """The meeting's workshops in programme order, each with ``n_participants`` (confirmed, assigned)."""
    confirmed = Q(participants__status=RegistrationStatus.CONFIRMED)
    return list(
        Workshop.objects.filter(meeting=meeting)
        .annotate(n_participants=Count("participants", filter=confirmed))
        .order_by("order", "id")
    )


def meeting_status_counts(*, meeting: Meeting) -> dict[str, int]:
    rows = Registration.objects.filter(meeting=meeting).order_by().values_list("status").annotate(n=Count("id"))
    return dict(rows)


def meeting_diets(*, meeting: Meeting) -> QuerySet:
    """Name, diets and note of the confirmed participants (for the catering summary)."""
    return (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)
        .order_by(Lower("name"), "id")
        .values_list("name", "diets", "diet_note")
    )


# --- Across meetings -------------------------------------------------------------------


def network_registrations(*, network: Network, start: dt.date, end: dt.date) -> QuerySet[Registration]:
    """Every registration of the network's meetings that start between two dates (both included)."""
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return (
        Registration.objects.filter(meeting__network=network, meeting__starts_at__gte=start_at)
        .filter(meeting__starts_at__lt=end_at)
        .select_related("meeting", *_REGISTRATION_JOINS)
        .order_by("meeting__starts_at", "meeting_id", Lower("name"), "id")
    )


@dataclass(frozen=True)
class AttendanceRow:
    network: str
    year: int
    meetings: int
    registered: int
    attended: int
    cancelled: int

    @property
    def no_shows(self) -> int:
        return self.registered - self.attended


def attendance_figures(
    *, user, year_from: int | None = None, year_to: int | None = None, now: dt.datetime | None = None
) -> list[AttendanceRow]:
    """Registered, attended, no-shows and cancelled per network and year.

    Only meetings that have ended and were not cancelled count. Registered
    means a confirmed seat at the meeting; a no-show is a confirmed
    participant who was not checked in.
    """
    now = now or timezone.now()
    meetings = meetings_for_staff(user=user).filter(ends_at__lt=now).exclude(status=MeetingStatus.CANCELLED)
    if year_from:
        meetings = meetings.filter(starts_at__year__gte=year_from)
    if year_to:
        meetings = meetings.filter(starts_at__year__lte=year_to)
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    rows = (
        meetings.order_by()
        .values("network__name", year=ExtractYear("starts_at"))
        .annotate(
            meetings=Count("id", distinct=True),
            registered=Count("registrations", filter=confirmed),
            attended=Count("registrations", filter=confirmed & Q(registrations__attended=True)),
            cancelled=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)),
        )
        .order_by(F("network__name").asc(nulls_last=True), "year")
    )
    return [
        AttendanceRow(
            network=row["network__name"] or "",
            year=row["year"],
            meetings=row["meetings"],
            registered=row["registered"],
            attended=row["attended"],
            cancelled=row["cancelled"],
        )
        for row in rows
    ]


# --- The staff overview --------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingOverviewRow:
    meeting: Meeting
    confirmed: int
    waiting: int
    workshops: int
    fill_percent: int | None
    days_to_deadline: int

    @property
    def deadline_passed(self) -> bool:
        return self.days_to_deadline < 0


def upcoming_meetings_overview(*, user, now: dt.datetime | None = None) -> list[MeetingOverviewRow]:
    """Upcoming, not cancelled meetings the user may see, with their counts, soonest first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    qs = (
        meetings_for_staff(user=user)
        .filter(ends_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(
            # distinct: the workshop join would otherwise multiply the counts.
            n_confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED), distinct=True
            ),
            n_waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING), distinct=True),
            n_workshops=Count("workshops", distinct=True),
        )
        .order_by("starts_at", "id")
    )
    rows = []
    for meeting in qs:
        fill = round(100 * meeting.n_confirmed / meeting.capacity) if meeting.capacity else None
        rows.append(
            MeetingOverviewRow(
                meeting=meeting,
                confirmed=meeting.n_confirmed,
                waiting=meeting.n_waiting,
                workshops=meeting.n_workshops,
                fill_percent=fill,
                days_to_deadline=(timezone.localdate(meeting.registration_deadline) - today).days,
            )
        )
    return rows


# --- Remembered choices ---------------------------------------------------------------------


def export_preference(*, user, kind: str) -> ExportPreference | None:
    return ExportPreference.objects.filter(user=user, kind=kind).first()


def public_registration_summary(meeting: Meeting) -> str:
    """What public pages show of a meeting's registrations: the state, the seats left when shown, and
    whether its card says "few seats" (meetings/badges.py)."""
    taken = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count()
    state = meeting_registration_state(meeting, seats_taken=taken)
    shown = (
        seats_left(meeting, seats_taken=taken) if meeting.show_seats_left and state == RegistrationState.OPEN else ""
    )
    few = few_seats(meeting, state=state, seats_taken=taken)
    return f"{state}:{shown}:{few:d}"


def confirmed_seats_by_meeting(meeting_ids: list[int]) -> dict[int, int]:
    """Confirmed seats of each of these meetings, in one query (the cards' badges)."""
    rows = (
        Registration.objects.filter(meeting_id__in=meeting_ids, status=RegistrationStatus.CONFIRMED)
        .values("meeting_id")
        .annotate(taken=Count("id"))
        .order_by()
    )
    return {row["meeting_id"]: row["taken"] for row in rows}


def waiting_position(registration: Registration) -> int | None:
    """The person's place on the waiting list (1 = next to get a seat), or None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(meeting_id=registration.meeting_id, status=RegistrationStatus.WAITING).filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, id__lt=registration.id)
    )
    return ahead.count() + 1
