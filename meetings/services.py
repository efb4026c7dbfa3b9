"""Writes and business rules for meetings and their programmes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import MeetingStatus
from .models import AgendaItem, Meeting, MeetingCodeSequence, Workshop


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
def meeting_duplicate(*, meeting: Meeting, starts_at: dt.datetime) -> Meeting:
    """Copy a meeting with its programme and workshops to a new start time.

    Every time (end, deadline, opening) moves by the same number of days and
    clock hours as the start; the copy is a draft with a new code, and the
    agenda keeps its clock times.
    """
    # Shift by calendar days and wall-clock time, not by elapsed time: a copy
    # moved across a summer-time change keeps "23.59 three days before".
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


@dataclass(frozen=True)
class ProgrammeWarning:
    code: str
    message: str


def _clock(meeting: Meeting, when: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(meeting.local_start.date(), when))


def programme_warnings(*, meeting: Meeting, items: list[AgendaItem] | None = None) -> list[ProgrammeWarning]:
    """Warnings about a programme that do not block saving.

    Overlapping items and items outside the meeting's time span happen in
    real programmes (the seed programme has one), so they are reported, never
    refused.
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
                )
            )
    return warnings
