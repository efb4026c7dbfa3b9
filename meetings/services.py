"""Writes and business rules for meetings and their programmes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk import access
from netvaerk.models import Network, Organisation

from .enums import AgendaItemKind, MeetingFormat, MeetingKind, MeetingStatus
from .models import AgendaItem, Meeting, MeetingCodeSequence, Venue, Workshop


def meeting_code_next(*, year: int) -> str:
    """Return the next free meeting code for a year, e.g. ``21-374``.

    Locks the year's sequence row, so two consultants saving at once never
    get the same code. Must run inside the transaction that saves the meeting.
    """
    with transaction.atomic():
        sequence, _created = MeetingCodeSequence.objects.select_for_update().get_or_create(year=year)
        # Skip numbers that were taken by hand (e.g. imported codes).
        while True:
            sequence.last_number += 1
            code = f"{year % 100:02d}-{sequence.last_number:03d}"
            if not Meeting.objects.filter(code=code).exists():
                break
        sequence.save(update_fields=["last_number"])
    return code


def meeting_assign_code(*, meeting: Meeting) -> None:
    if not meeting.code:
        meeting.code = meeting_code_next(year=timezone.localtime(meeting.starts_at).year)


def _wall_clock(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def _shifted(value: dt.datetime, shift: dt.timedelta) -> dt.datetime:
    return timezone.make_aware(_wall_clock(value) + shift)


@transaction.atomic
def meeting_duplicate(*, meeting: Meeting, starts_at: dt.datetime, by) -> Meeting:
    """Copy a meeting with its programme and workshops to a new start time (``by`` plans the meeting).

    Every time (end, deadline, opening) moves by the same number of days and
    clock hours as the start; the copy is a draft with a new code, and the
    agenda keeps its clock times.
    """
    # Shift by calendar days and wall-clock time, not by elapsed time: a copy
    # moved across a summer-time change keeps "23.59 three days before".
    access.require(by, "meetings.plan_meeting", meeting)
    shift = _wall_clock(starts_at) - _wall_clock(meeting.starts_at)
    target_groups = list(meeting.target_groups.all())
    items = list(meeting.agenda_items.all())
    workshops = list(meeting.workshops.all())

    copy = Meeting.objects.get(pk=meeting.pk)
    copy.pk = None
    copy.id = None
    copy.code = ""
    copy.status = MeetingStatus.DRAFT
    copy.cancellation_reason = ""
    if by is not None and copy.network_id is None:
        copy.responsible = by
    copy.starts_at = starts_at
    copy.ends_at = _shifted(meeting.ends_at, shift)
    copy.registration_deadline = _shifted(meeting.registration_deadline, shift)
    if meeting.registration_opens_at:
        copy.registration_opens_at = _shifted(meeting.registration_opens_at, shift)
    copy.save()
    copy.target_groups.set(target_groups)
    for item in items:
        item.pk = None
        item.meeting = copy
    AgendaItem.objects.bulk_create(items)
    for workshop in workshops:
        workshop.pk = None
        workshop.meeting = copy
    Workshop.objects.bulk_create(workshops)
    return copy


# --- The programme check ---------------------------------------------------------
#
# The practice of the resource networks (seeds/blog-resource-networks.txt) as
# rules: start from the why, at most 2½ hours after work, small breaks and food,
# few agenda points, weight on workshops and wrap-up rather than talks, and a
# role for every participant. Each warning says which practice it comes from.

TALK_KINDS = frozenset({AgendaItemKind.TALK, AgendaItemKind.ONLINE_TALK})
# Group work and the wrap-up: the part of the meeting the talks should not outweigh.
WORK_KINDS = frozenset({AgendaItemKind.GROUP_WORK, AgendaItemKind.WORKSHOP, AgendaItemKind.WRAP_UP})
# Points where the participants themselves do the work (a case is brought by a participant).
PARTICIPATION_KINDS = frozenset({AgendaItemKind.GROUP_WORK, AgendaItemKind.WORKSHOP, AgendaItemKind.CASE})
PAUSE_KINDS = frozenset({AgendaItemKind.BREAK, AgendaItemKind.MEAL})
# Not agenda points: coming in, breaks and meals.
LOGISTICS_KINDS = frozenset({AgendaItemKind.ARRIVAL, AgendaItemKind.BREAK, AgendaItemKind.MEAL})


@dataclass(frozen=True)
class ProgrammeWarning:
    code: str
    message: str
    practice: str = ""

    def __str__(self):
        return f"{self.message} {self.practice}".strip()


@dataclass(frozen=True)
class ProgrammeLimits:
    max_minutes: int | None
    max_items: int | None
    after_work: bool


def _clock(meeting: Meeting, when: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(meeting.local_start.date(), when))


def _parse_clock(value: str | dt.time) -> dt.time:
    if isinstance(value, dt.time):
        return value
    hour, minute = str(value).replace(".", ":").split(":")
    return dt.time(int(hour), int(minute))


def programme_limits(*, meeting: Meeting) -> ProgrammeLimits:
    """The limits for the meeting's kind (settings.PROGRAMME_LIMITS), tightened after work.

    A meeting is an after-work meeting when it starts at or after
    settings.PROGRAMME_AFTER_WORK_FROM (Copenhagen time).
    """
    limits = settings.PROGRAMME_LIMITS.get(meeting.kind, {})
    max_minutes = limits.get("max_minutes")
    after_work = bool(meeting.starts_at) and meeting.local_start.time() >= _parse_clock(
        settings.PROGRAMME_AFTER_WORK_FROM
    )
    if after_work:
        cap = settings.PROGRAMME_AFTER_WORK_MAX_MINUTES
        max_minutes = cap if max_minutes is None else min(max_minutes, cap)
    return ProgrammeLimits(max_minutes=max_minutes, max_items=limits.get("max_items"), after_work=after_work)


def _hours(minutes: int) -> str:
    return _("%(hours)d.%(minutes)02d hours") % {"hours": minutes // 60, "minutes": minutes % 60}


def programme_warnings(*, meeting: Meeting, items: list[AgendaItem] | None = None) -> list[ProgrammeWarning]:
    """Warnings about a meeting and its programme that never block saving.

    Each names the practice behind it. Overlapping items and items outside
    the meeting's time span happen in real programmes (the seed programme
    has one), so they are reported, never refused. Pass ``items`` when they
    are loaded already (no query then).
    """
    if items is None:
        items = list(meeting.agenda_items.all())
    items = sorted(items, key=lambda item: (item.start_time, item.order))
    warnings: list[ProgrammeWarning] = []
    if not meeting.starts_at or not meeting.ends_at:
        return warnings
    start = meeting.local_start
    end = meeting.local_end
    single_day = start.date() == end.date()
    kind = MeetingKind(meeting.kind).label if meeting.kind in MeetingKind.values else meeting.kind

    if not meeting.purpose.strip():
        warnings.append(
            ProgrammeWarning(
                "no_purpose",
                _("The meeting has no purpose yet."),
                _(
                    "Start from the why: what is the most important thing to come out of the meeting? "
                    "It makes it easier to design a sharp meeting and to invite the right people."
                ),
            )
        )

    limits = programme_limits(meeting=meeting)
    minutes = int(meeting.duration.total_seconds() // 60)
    if single_day and limits.max_minutes and minutes > limits.max_minutes:
        if limits.after_work:
            message = _("The meeting lasts %(duration)s; an after-work meeting should last at most %(limit)s.")
        else:
            message = _("The meeting lasts %(duration)s; the limit for a %(kind)s is %(limit)s.")
        warnings.append(
            ProgrammeWarning(
                "too_long",
                message % {"duration": _hours(minutes), "limit": _hours(limits.max_minutes), "kind": kind.lower()},
                _(
                    "Long meetings keep busy people away and tire those who come; "
                    "the resource networks hold their meetings to at most 2½ hours."
                ),
            )
        )

    if items:
        timed = [item for item in items if item.end_time]
        points = [item for item in timed if item.kind not in LOGISTICS_KINDS]
        if limits.max_items and len(points) > limits.max_items:
            warnings.append(
                ProgrammeWarning(
                    "too_many_items",
                    _("The programme has %(count)d agenda points; the limit for a %(kind)s is %(limit)d.")
                    % {"count": len(points), "kind": kind.lower(), "limit": limits.max_items},
                    _("Few points on the agenda leave room for development, reflection and the unexpected."),
                )
            )
        if minutes > settings.PROGRAMME_BREAK_AFTER_MINUTES and not any(item.kind in PAUSE_KINDS for item in items):
            warnings.append(
                ProgrammeWarning(
                    "no_break",
                    _("The programme has no break or meal."),
                    _(
                        "Small breaks give room for informal talks, and food at the meeting "
                        "lets the participants mingle."
                    ),
                )
            )
        talk = sum(item.minutes for item in timed if item.kind in TALK_KINDS)
        work = sum(item.minutes for item in timed if item.kind in WORK_KINDS)
        if talk > work:
            warnings.append(
                ProgrammeWarning(
                    "talk_heavy",
                    _("Talks take %(talk)d minutes, group work and wrap-up only %(work)d.")
                    % {"talk": talk, "work": work},
                    _("Put the weight on the workshop part and the wrap-up rather than on the talks."),
                )
            )
        if not meeting.participant_roles.strip() and not any(item.kind in PARTICIPATION_KINDS for item in items):
            warnings.append(
                ProgrammeWarning(
                    "no_role",
                    _(
                        "No agenda point gives the participants a role (group work, a workshop or a case), "
                        "and the meeting describes no roles."
                    ),
                    _("Involve the participants actively by giving them a role at the meeting."),
                )
            )

    for item in items:
        if not single_day:
            break
        item_start = _clock(meeting, item.start_time)
        item_end = _clock(meeting, item.end_time) if item.end_time else item_start
        if item_start < start or item_end > end:
            warnings.append(
                ProgrammeWarning(
                    "outside",
                    _("“%(title)s” (%(start)s) lies outside the meeting's time %(from)s-%(to)s.")
                    % {
                        "title": item.title,
                        "start": item.start_time.strftime("%H.%M"),
                        "from": start.strftime("%H.%M"),
                        "to": end.strftime("%H.%M"),
                    },
                    _("The participants plan their day by the announced times; keep the programme within them."),
                )
            )
    for previous, current in zip(items, items[1:]):
        if previous.end_time and current.start_time < previous.end_time:
            warnings.append(
                ProgrammeWarning(
                    "overlap",
                    _("“%(a)s” ends at %(end)s but “%(b)s” starts at %(start)s.")
                    % {
                        "a": previous.title,
                        "end": previous.end_time.strftime("%H.%M"),
                        "b": current.title,
                        "start": current.start_time.strftime("%H.%M"),
                    },
                    _("A timetable that holds lets the participants follow it; end each point before the next."),
                )
            )
    return warnings


# --- Planning a year by the network's cadence -------------------------------------------


def meeting_is_physical(meeting_format: str) -> bool:
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
        return meeting_is_physical(self.format)


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
        same_kind = [slot for slot in free if slot.is_physical == meeting_is_physical(meeting.format)]
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
    physical = meeting_is_physical(meeting_format)
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
