"""Reads of meetings shared by pages, feeds, exports and emails."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from netvaerk.enums import NetworkStatus
from netvaerk.models import Network, Organisation

from .enums import MeetingFormat, MeetingStatus, RegistrationState
from .models import AgendaItem, Meeting, Workshop
from .programme_kinds import meal_label


def meeting_public_qs() -> QuerySet[Meeting]:
    return Meeting.objects.public().select_related("network", "venue", "organiser", "host_organisation")


def meeting_list_public(
    *,
    when: str = "upcoming",
    network_slug: str | None = None,
    kind: str | None = None,
    month: dt.date | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Meeting]:
    now = now or timezone.now()
    qs = meeting_public_qs()
    if when == "past":
        qs = qs.past(now).order_by("-starts_at")
    else:
        qs = qs.upcoming(now).order_by("starts_at")
    if network_slug:
        qs = qs.filter(network__slug=network_slug)
    if kind:
        qs = qs.filter(kind=kind)
    if month:
        start = timezone.make_aware(dt.datetime(month.year, month.month, 1))
        next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end = timezone.make_aware(dt.datetime(next_month.year, next_month.month, 1))
        qs = qs.filter(starts_at__gte=start, starts_at__lt=end)
    return qs


def meeting_detail_public(*, code: str, include_drafts: bool = False, read: str = "page") -> Meeting:
    """The meeting for one of its public views; raises DoesNotExist.

    ``read`` says how much comes along:

    - ``"page"``: the meeting page: the meeting and its network (the
      breadcrumb). What the page keeps rendered per meeting version - venue,
      organiser and host, the programme, workshops and target groups - is
      read only when that part is rendered again (``meeting_programme``);
    - ``"summary"``: venue, organiser and network (the receipt);
    - ``"signup"``: the meeting row and its workshops, all a sign-up form needs;
      the seat decision reads the rest under its lock.
    """
    qs = Meeting.objects.all() if include_drafts else Meeting.objects.public()
    if read == "signup":
        return qs.prefetch_related(Prefetch("workshops", queryset=Workshop.objects.order_by("order", "id"))).get(
            code=code
        )
    if read == "page":
        return qs.select_related("network").get(code=code)
    if read == "summary":
        return qs.select_related("network", "venue", "organiser", "host_organisation").get(code=code)
    raise ValueError(f"unknown read: {read!r}")


def meeting_programme(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's agenda items in the programme's order (a query when read)."""
    return meeting.agenda_items.order_by("start_time", "order", "id")


def meeting_registration_state(
    *, meeting: Meeting, seats_taken: int = 0, now: dt.datetime | None = None
) -> RegistrationState:
    """What a visitor can do now, decided on the server clock."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED:
        return RegistrationState.CANCELLED
    if meeting.ends_at <= now:
        return RegistrationState.PAST
    if meeting.status != MeetingStatus.PUBLISHED:
        return RegistrationState.CLOSED
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        return RegistrationState.NOT_YET_OPEN
    if now > meeting.registration_deadline or now >= meeting.starts_at:
        return RegistrationState.CLOSED
    if meeting.capacity is not None and seats_taken >= meeting.capacity:
        return RegistrationState.WAITING_LIST if meeting.waiting_list_enabled else RegistrationState.FULL
    return RegistrationState.OPEN


def seats_left(*, meeting: Meeting, seats_taken: int) -> int | None:
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - seats_taken, 0)


def next_state_change(*, meeting: Meeting, now: dt.datetime | None = None) -> dt.datetime | None:
    """The next moment the meeting's registration state changes by the clock alone."""
    now = now or timezone.now()
    moments = [meeting.registration_opens_at, meeting.registration_deadline, meeting.starts_at, meeting.ends_at]
    future = [moment for moment in moments if moment and moment > now]
    return min(future) if future else None


# --- Cadence: the network's plan against the meetings of a calendar year ----------------


def year_bounds(*, year: int) -> tuple[dt.datetime, dt.datetime]:
    """The calendar year in Copenhagen time: a meeting at 00.30 on 1 January belongs to the new year."""
    return (
        timezone.make_aware(dt.datetime(year, 1, 1)),
        timezone.make_aware(dt.datetime(year + 1, 1, 1)),
    )


def network_year_meetings(*, network: Network, year: int) -> QuerySet[Meeting]:
    """The network's meetings starting in the year, drafts included, cancelled ones not."""
    first, after = year_bounds(year=year)
    return (
        Meeting.objects.filter(network=network, starts_at__gte=first, starts_at__lt=after)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class Cadence:
    """Planned meetings a year against those held and planned; online is virtual, in person and hybrid physical."""

    network: Network
    year: int
    virtual_target: int
    physical_target: int
    virtual_held: int
    virtual_planned: int
    physical_held: int
    physical_planned: int
    drafts: int

    @property
    def virtual_total(self) -> int:
        return self.virtual_held + self.virtual_planned

    @property
    def physical_total(self) -> int:
        return self.physical_held + self.physical_planned

    @property
    def virtual_missing(self) -> int:
        return max(self.virtual_target - self.virtual_total, 0)

    @property
    def physical_missing(self) -> int:
        return max(self.physical_target - self.physical_total, 0)

    @property
    def missing(self) -> int:
        return self.virtual_missing + self.physical_missing

    @property
    def is_behind(self) -> bool:
        return self.missing > 0


def networks_with_cadence(*, qs: QuerySet[Network], year: int, now: dt.datetime | None = None) -> QuerySet[Network]:
    """Annotate networks with the year's held and planned meetings, virtual and physical (one query).

    Held: published and over. Planned: published or draft and not over yet.
    A draft whose day has passed was never held and counts as neither.
    """
    now = now or timezone.now()
    first, after = year_bounds(year=year)
    in_year = Q(meetings__starts_at__gte=first, meetings__starts_at__lt=after)
    virtual = Q(meetings__format=MeetingFormat.ONLINE)
    physical = ~Q(meetings__format=MeetingFormat.ONLINE)
    held = Q(meetings__status=MeetingStatus.PUBLISHED, meetings__ends_at__lt=now)
    planned = Q(meetings__status__in=[MeetingStatus.PUBLISHED, MeetingStatus.DRAFT], meetings__ends_at__gte=now)
    return qs.annotate(
        c_virtual_held=Count("meetings", filter=in_year & virtual & held),
        c_virtual_planned=Count("meetings", filter=in_year & virtual & planned),
        c_physical_held=Count("meetings", filter=in_year & physical & held),
        c_physical_planned=Count("meetings", filter=in_year & physical & planned),
        c_drafts=Count("meetings", filter=in_year & planned & Q(meetings__status=MeetingStatus.DRAFT)),
    )


def cadence_of(*, network: Network, year: int) -> Cadence:
    """The Cadence of a network annotated by networks_with_cadence."""
    return Cadence(
        network=network,
        year=year,
        virtual_target=network.virtual_meetings_per_year,
        physical_target=network.physical_meetings_per_year,
        virtual_held=network.c_virtual_held,
        virtual_planned=network.c_virtual_planned,
        physical_held=network.c_physical_held,
        physical_planned=network.c_physical_planned,
        drafts=network.c_drafts,
    )


def network_cadence(*, network: Network, year: int, now: dt.datetime | None = None) -> Cadence:
    annotated = networks_with_cadence(qs=Network.objects.filter(pk=network.pk), year=year, now=now).get()
    return cadence_of(network=annotated, year=year)


def network_cadence_overview(
    *, year: int, networks: QuerySet[Network] | None = None, now: dt.datetime | None = None
) -> list[Cadence]:
    """The networks (all, or those given) that are not closed, those furthest behind plan first."""
    networks = networks_with_cadence(
        qs=(Network.objects.all() if networks is None else networks)
        .exclude(status=NetworkStatus.CLOSED)
        .select_related("coordinator", "organiser"),
        year=year,
        now=now,
    ).order_by("name")
    rows = [cadence_of(network=network, year=year) for network in networks]
    return sorted(rows, key=lambda row: (-row.missing, row.network.name))


# --- Host rotation: who has hosted the network's meetings ----------------------------


@dataclass(frozen=True)
class HostRecord:
    organisation: Organisation
    last_hosted: dt.datetime
    times: int
    last_meeting: Meeting


def network_past_hosts(*, network: Network, now: dt.datetime | None = None) -> list[HostRecord]:
    """Organisations that hosted the network's held public meetings, the most recent host first (one query)."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(
            network=network, status=MeetingStatus.PUBLISHED, ends_at__lt=now, host_organisation__isnull=False
        )
        .select_related("host_organisation")
        .order_by("-starts_at")
    )
    records: dict[int, HostRecord] = {}
    for meeting in meetings:
        record = records.get(meeting.host_organisation_id)
        if record is None:
            records[meeting.host_organisation_id] = HostRecord(meeting.host_organisation, meeting.starts_at, 1, meeting)
        else:
            records[meeting.host_organisation_id] = HostRecord(
                record.organisation, record.last_hosted, record.times + 1, record.last_meeting
            )
    return list(records.values())


# --- Catering ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Meal:
    label: str  # what is served, as the programme says it: "Morgenbrød", "Frokost"
    start_time: dt.time
    title: str  # the agenda item

    def __str__(self):
        return f"{self.label} {self.start_time:%H.%M}"


def meeting_meals(*, meeting: Meeting) -> list[Meal]:
    """The meals of the programme in time order, by kind or by title ("Drop-in med morgenbrød" serves one)."""
    meals = []
    # The meeting's column too: the related manager sets each item's meeting from it, and a deferred one was
    # read back one query per agenda item.
    items = meeting.agenda_items.order_by("start_time", "order", "id").only("meeting", "start_time", "kind", "title")
    for item in items:
        label = meal_label(kind=item.kind, title=item.title)
        if label:
            meals.append(Meal(label=label, start_time=item.start_time, title=item.title))
    return meals


def free_cancellation_until(*, meeting: Meeting) -> dt.datetime | None:
    """The last moment a participant may cancel for free (the meeting's terms), or None when not stated."""
    if meeting.free_cancellation_days is None:
        return None
    return meeting.starts_at - dt.timedelta(days=meeting.free_cancellation_days)
