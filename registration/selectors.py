"""Reads shared by the staff pages and the exports.

Every list is one query with its joins, so the number of queries does not
grow with the number of registrations; exports iterate in chunks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear, Lower
from django.utils import timezone

from meetings.badges import few_seats
from meetings.enums import MeetingStatus, RegistrationState
from meetings.models import Meeting, Workshop
from meetings.selectors import meeting_registration_state, seats_left
from netvaerk import access
from netvaerk.db_expressions import InSubquery
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


def sees_all_meetings(*, user) -> bool:
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
    """Every registration of the network's meetings that start between two dates (both included).

    The meetings are chosen in a subquery that PostgreSQL runs first (``InSubquery``), so their
    registrations are read from the ``meeting_id`` index instead of a scan of every registration.
    """
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    meetings = Meeting.objects.filter(network=network, starts_at__gte=start_at, starts_at__lt=end_at)
    return (
        Registration.objects.filter(InSubquery("meeting_id", meetings.order_by().values("pk")))
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


def _new_year(year: int) -> dt.datetime:
    """Midnight of 1 January in the portal's time zone (the years are local, as the figures)."""
    return timezone.make_aware(dt.datetime(min(year, dt.MAXYEAR), 1, 1))


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
    # As a range of starts_at (its index), not EXTRACT(YEAR ...), which reads every meeting.
    if year_from:
        meetings = meetings.filter(starts_at__gte=_new_year(year_from))
    if year_to:
        meetings = meetings.filter(starts_at__lt=_new_year(year_to + 1))
    # Two reads instead of one join of every registration with its meeting grouped by network and
    # year (sorted on disk at ten years; README "Data scale"): the held meetings, and the counts
    # per meeting from the registrations' (meeting, status) index; added up here.
    held = list(meetings.order_by().values_list("pk", "network__name", ExtractYear("starts_at")))
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    counts = (
        {
            row["meeting_id"]: row
            for row in Registration.objects.filter(meeting__in=[pk for pk, _name, _year in held])
            .order_by()
            .values("meeting_id")
            .annotate(
                registered=Count("pk", filter=confirmed),
                attended=Count("pk", filter=confirmed & Q(attended=True)),
                cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
            )
        }
        if held
        else {}
    )
    totals: dict[tuple[str | None, int], list[int]] = {}
    for pk, name, year in held:
        total = totals.setdefault((name, year), [0, 0, 0, 0])
        found = counts.get(pk, {})
        total[0] += 1
        total[1] += found.get("registered", 0)
        total[2] += found.get("attended", 0)
        total[3] += found.get("cancelled", 0)
    # By network name (stand-alone meetings last), then year.
    order = sorted(totals, key=lambda key: (key[0] is None, key[0] or "", key[1]))
    return [
        AttendanceRow(
            network=name or "",
            year=year,
            meetings=totals[(name, year)][0],
            registered=totals[(name, year)][1],
            attended=totals[(name, year)][2],
            cancelled=totals[(name, year)][3],
        )
        for name, year in order
    ]


# --- Counts per meeting ---------------------------------------------------------------------


def _count_per_meeting(rows: QuerySet) -> Coalesce:
    """The number of ``rows`` (filtered on ``meeting=OuterRef("pk")``) as a subquery: computed for
    the meetings a page shows (after its LIMIT), not by joining every registration of every meeting
    and grouping (2 s for the admin's list at ten years; README "Data scale")."""
    # COUNT(*), not COUNT(id): the (meeting, status) index alone answers it (an index-only scan).
    count = rows.order_by().values("meeting").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def confirmed_seats_per_meeting() -> Coalesce:
    """A meeting's confirmed seats, for ``annotate`` on a meeting queryset: a subquery per shown meeting."""
    return _count_per_meeting(Registration.objects.filter(meeting=OuterRef("pk"), status=RegistrationStatus.CONFIRMED))


def with_registration_counts(*, meetings: QuerySet, workshops: bool = False) -> QuerySet:
    """Meetings annotated with n_confirmed, n_waiting, n_cancelled (and n_workshops)."""
    mine = Registration.objects.filter(meeting=OuterRef("pk"))
    annotations = {
        "n_confirmed": _count_per_meeting(mine.filter(status=RegistrationStatus.CONFIRMED)),
        "n_waiting": _count_per_meeting(mine.filter(status=RegistrationStatus.WAITING)),
        "n_cancelled": _count_per_meeting(mine.filter(status=RegistrationStatus.CANCELLED)),
    }
    if workshops:
        annotations["n_workshops"] = _count_per_meeting(Workshop.objects.filter(meeting=OuterRef("pk")))
    return meetings.annotate(**annotations)


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
    qs = with_registration_counts(
        meetings=meetings_for_staff(user=user).filter(ends_at__gte=now).exclude(status=MeetingStatus.CANCELLED),
        workshops=True,
    ).order_by("starts_at", "id")
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


def public_registration_summary(*, meeting: Meeting) -> str:
    """What public pages show of a meeting's registrations: the state, the seats left when shown, and
    whether its card says "few seats" (meetings/badges.py). The places left of its limited choices are
    ``questions.selectors.choice_places_summary``, checked only when answers changed."""
    taken = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count()
    state = meeting_registration_state(meeting=meeting, seats_taken=taken)
    shown = (
        seats_left(meeting=meeting, seats_taken=taken)
        if meeting.show_seats_left and state == RegistrationState.OPEN
        else ""
    )
    few = few_seats(meeting, state=state, seats_taken=taken)
    return f"{state}:{shown}:{few:d}"


def confirmed_seats_by_meeting(*, meeting_ids: list[int]) -> dict[int, int]:
    """Confirmed seats of each of these meetings, in one query (the cards' badges)."""
    rows = (
        Registration.objects.filter(meeting_id__in=meeting_ids, status=RegistrationStatus.CONFIRMED)
        .values("meeting_id")
        .annotate(taken=Count("id"))
        .order_by()
    )
    return {row["meeting_id"]: row["taken"] for row in rows}


def waiting_position(*, registration: Registration) -> int | None:
    """The person's place on the waiting list (1 = next to get a seat), or None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(meeting_id=registration.meeting_id, status=RegistrationStatus.WAITING).filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, id__lt=registration.id)
    )
    return ahead.count() + 1


# --- Invoice basis (priced meetings) ----------------------------------------------------------------


def invoice_registrations(*, meetings: QuerySet[Meeting]) -> QuerySet[Registration]:
    """Every registration (all statuses) of these meetings with its invoice details, by meeting then name."""
    return (
        Registration.objects.filter(meeting__in=meetings)
        .select_related("meeting", "invoice_details")
        .order_by("meeting__starts_at", "meeting_id", Lower("name"), "id")
    )


def priced_meetings_for_staff(
    *, user, start: dt.date, end: dt.date, network: Network | None = None
) -> QuerySet[Meeting]:
    """Meetings with a price that start between two dates (both included), not cancelled, that the user may see."""
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    meetings = (
        meetings_for_staff(user=user)
        .filter(price__gt=0, starts_at__gte=start_at, starts_at__lt=end_at)
        .exclude(status=MeetingStatus.CANCELLED)
    )
    return meetings.filter(network=network) if network is not None else meetings


def desk_registrations(*, meeting, query: str = "") -> QuerySet[Registration]:
    """The registration desk's list of a meeting: confirmed and waiting, by status and name, with the
    columns the desk shows; ``query`` finds a person by part of the name, email or organisation."""
    registrations = (
        Registration.objects.filter(meeting=meeting)
        .exclude(status=RegistrationStatus.CANCELLED)
        .only("pk", "name", "organisation", "status", "channel")
        .order_by("status", "name", "id")
    )
    if query:
        found = Q(name__icontains=query) | Q(email__icontains=query) | Q(organisation__icontains=query)
        registrations = registrations.filter(found)
    return registrations
