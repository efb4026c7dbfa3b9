"""Planning a network's year by its cadence: the slots, and the draft meetings made from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk import access
from netvaerk.models import Network, Organisation

from .enums import MeetingFormat, MeetingKind, MeetingStatus
from .models import Meeting, Venue

# --- Planning a year by the network's cadence -------------------------------------------


def _parse_clock(value: str | dt.time) -> dt.time:
    if isinstance(value, dt.time):
        return value
    hour, minute = str(value).replace(".", ":").split(":")
    return dt.time(int(hour), int(minute))


def meeting_is_physical(*, meeting_format: str) -> bool:
    """Cadence counts by format: online is a virtual meeting, in person and hybrid are physical."""
    return meeting_format != MeetingFormat.ONLINE


@dataclass(frozen=True)
class PlannedSlot:
    starts_on: dt.date
    format: str
    number: int
    count: int

    @property
    def is_physical(self) -> bool:
        return meeting_is_physical(meeting_format=self.format)


def _move_out_of_holidays(day: dt.date) -> dt.date:
    # No network meetings in the summer holidays or in the last weeks of December.
    if day.month == 7:
        return dt.date(day.year, 8, 12)
    if day.month == 12 and day.day > 12:
        return dt.date(day.year, 12, 8)
    return day


def _on_weekday(day: dt.date, weekday: int) -> dt.date:
    """The nearest given weekday in the same year."""
    forward = day + dt.timedelta(days=(weekday - day.weekday()) % 7)
    backward = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
    options = [option for option in (forward, backward) if option.year == day.year]
    return min(options, key=lambda option: abs((option - day).days))


def cadence_slots(*, virtual: int, physical: int, year: int) -> list[PlannedSlot]:
    """Meeting days spread evenly over the year, virtual meetings spread among the physical.

    One virtual and two physical gives spring (physical), summer's end
    (virtual) and autumn (physical), each on settings.PLAN_WEEKDAY.
    """
    count = virtual + physical
    if count == 0:
        return []
    virtual_positions = {round((k + 0.5) * count / virtual - 0.5) for k in range(virtual)} if virtual else set()
    first = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - first).days
    slots = []
    for index in range(count):
        day = first + dt.timedelta(days=int(days * (index + 0.5) / count))
        for _pass in range(2):  # the weekday may land in the holidays again
            day = _on_weekday(_move_out_of_holidays(day), settings.PLAN_WEEKDAY)
        meeting_format = MeetingFormat.ONLINE if index in virtual_positions else MeetingFormat.IN_PERSON
        slots.append(PlannedSlot(starts_on=day, format=meeting_format, number=index + 1, count=count))
    return slots


def network_plan_slots(*, network: Network, year: int) -> list[PlannedSlot]:
    """The slots of the cadence that no meeting of the network fills yet in that year.

    Each meeting already held or planned in the year (drafts included,
    cancelled ones not) takes the nearest free slot of its kind, virtual or
    physical, so planning twice never doubles the meetings.
    """
    from .selectors import network_year_meetings

    slots = cadence_slots(
        virtual=network.virtual_meetings_per_year, physical=network.physical_meetings_per_year, year=year
    )
    free = list(slots)
    for meeting in network_year_meetings(network=network, year=year):
        same_kind = [slot for slot in free if slot.is_physical == meeting_is_physical(meeting_format=meeting.format)]
        if same_kind:
            day = meeting.local_start.date()
            free.remove(min(same_kind, key=lambda slot: abs((slot.starts_on - day).days)))
    return free


@transaction.atomic
def meeting_plan_draft(
    *,
    network: Network,
    starts_on: dt.date,
    meeting_format: str,
    number: int,
    count: int,
    host_organisation: Organisation | None = None,
    by,
) -> Meeting:
    """A draft meeting of the network on a planned day, with the host's venue if it has one.

    ``by`` plans the network (or None: the portal itself) and answers for the draft.

    The draft has no purpose and no programme yet: the working group writes
    them, and publishing without a purpose asks for confirmation.
    """
    access.require(by, "netvaerk.plan_network", network)
    physical = meeting_is_physical(meeting_format=meeting_format)
    start_clock = _parse_clock(settings.PLAN_PHYSICAL_START if physical else settings.PLAN_VIRTUAL_START)
    minutes = settings.PLAN_PHYSICAL_MINUTES if physical else settings.PLAN_VIRTUAL_MINUTES
    starts_at = timezone.make_aware(dt.datetime.combine(starts_on, start_clock))
    if physical:
        title = _("Network meeting %(number)d of %(count)d, %(year)d")
    else:
        title = _("Virtual network meeting %(number)d of %(count)d, %(year)d")
    venue = None
    if physical and host_organisation is not None:
        venue = Venue.objects.filter(host_organisation=host_organisation, is_online=False).order_by("pk").first()
    return Meeting.objects.create(
        network=network,
        organiser=network.organiser,
        kind=MeetingKind.NETWORK_MEETING,
        format=meeting_format,
        status=MeetingStatus.DRAFT,
        title=title % {"number": number, "count": count, "year": starts_on.year},
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=minutes),
        registration_deadline=timezone.make_aware(
            dt.datetime.combine(starts_on - dt.timedelta(days=7), dt.time(12, 0))
        ),
        host_organisation=host_organisation if physical else None,
        venue=venue,
        contact_name=network.contact_name,
        contact_email=network.contact_email,
        contact_phone=network.contact_phone,
        responsible=by,
    )


@transaction.atomic
def network_plan_year(
    *, network: Network, year: int, hosts: list[Organisation | None] | None = None, by
) -> list[Meeting]:
    """Create draft meetings for the free slots of the network's cadence in a year.

    ``hosts`` are given in turn to the physical meetings (the host rotation's
    suggestions, longest since hosting first). Locks the network row, so two
    consultants planning at once do not both create the year's meetings.
    """
    access.require(by, "netvaerk.plan_network", network)
    Network.objects.select_for_update().filter(pk=network.pk).first()
    hosts = list(hosts or [])
    created = []
    physical_index = 0
    for slot in network_plan_slots(network=network, year=year):
        host = None
        if slot.is_physical and hosts:
            host = hosts[physical_index % len(hosts)]
            physical_index += 1
        created.append(
            meeting_plan_draft(
                network=network,
                starts_on=slot.starts_on,
                meeting_format=slot.format,
                number=slot.number,
                count=slot.count,
                host_organisation=host,
                by=by,
            )
        )
    return created
