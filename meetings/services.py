"""Writes and business rules for meetings and their programmes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from netvaerk import access, events

from .enums import MeetingStatus
from .models import AgendaItem, ConsideredWarning, Meeting, MeetingCodeSequence, Workshop
from .programme_check import programme_limits as programme_limits
from .programme_check import programme_warning_find, programme_warnings
from .programme_paste import PastedItem

# The fields a published meeting shows the public: a change to one of them is a "meeting.changed" event.
MEETING_PUBLIC_FIELDS = (
    "title",
    "kind",
    "format",
    "teaser",
    "description",
    "starts_at",
    "ends_at",
    "venue_id",
    "network_id",
    "organiser_id",
    "registration_opens_at",
    "registration_deadline",
    "capacity",
    "price",
    "waiting_list_enabled",
)


@dataclass(frozen=True)
class MeetingSaved:
    event: str | None  # the integrations' event (published, changed, unpublished, cancelled), or None
    told: int  # participants who will be told about the change by email


def meeting_saved(*, before: Meeting | None, after: Meeting) -> MeetingSaved:
    """What every save of a meeting sets off, whichever door it came through (the admin, a service).

    ``before``: the meeting as it was in the database (None for a new one). Call it in the
    transaction of the save, after saving. The apps above hear ``meeting.saved`` (registration
    tells the participants about a cancellation or a new time or venue, and answers how many);
    integrations hear what a published meeting became.
    """
    answers = events.emit(events.MEETING_SAVED, before=before, after=after)
    told = sum(answer for answer in answers if isinstance(answer, int))
    return MeetingSaved(event=meeting_saved_announce(before=before, after=after), told=told)


def meeting_saved_announce(*, before: Meeting | None, after: Meeting) -> str | None:
    """Emit the integrations' event a save made of a meeting (published, changed, unpublished, cancelled).

    Part of ``meeting_saved``. Drafts are nobody's business outside the portal: only what a
    published meeting becomes is announced. Returns the event's name, or None.
    """
    was_published = before is not None and before.status == MeetingStatus.PUBLISHED
    if after.status == MeetingStatus.PUBLISHED and not was_published:
        events.emit(events.MEETING_PUBLISHED, meeting=after)
        return events.MEETING_PUBLISHED
    if not was_published:
        return None
    if after.status == MeetingStatus.CANCELLED:
        events.emit(events.MEETING_CANCELLED, meeting=after)
        return events.MEETING_CANCELLED
    if after.status == MeetingStatus.DRAFT:
        events.emit(events.MEETING_UNPUBLISHED, meeting=after)
        return events.MEETING_UNPUBLISHED
    changed = [
        field.removesuffix("_id") for field in MEETING_PUBLIC_FIELDS if getattr(before, field) != getattr(after, field)
    ]
    if not changed:
        return None
    events.emit(events.MEETING_CHANGED, meeting=after, changed=changed)
    return events.MEETING_CHANGED


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
    # The apps above copy their own parts (registration: the meeting's questions).
    events.emit(events.MEETING_DUPLICATED, source=meeting, copy=copy)
    return copy


# --- The programme: pasted items, considered warnings ------------------------------------


def meeting_programme_add(
    *, meeting: Meeting, items: Sequence[PastedItem], replace: bool, user=None
) -> list[AgendaItem]:
    """Add pasted agenda items to the meeting, after its programme or in place of it.

    One transaction under a lock on the meeting row, so two consultants
    pasting at once do not mix their programmes. Recorded in the meeting's
    history with who did it and how many items came in.
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        removed = 0
        if replace:
            removed, _by_model = meeting.agenda_items.all().delete()
            first_order = 0
        else:
            last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
            first_order = 0 if last is None else last + 1
        created = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                start_time=item.start_time,
                end_time=item.end_time,
                kind=item.kind,
                title=item.title,
                speakers=item.speakers,
                bullet_points=item.bullet_points,
                description=item.description,
                order=first_order + index,
            )
            for index, item in enumerate(items)
        )
        if replace:
            reason = ngettext(
                "Programme pasted: %(n)d agenda item in place of %(removed)d.",
                "Programme pasted: %(n)d agenda items in place of %(removed)d.",
                len(created),
            ) % {"n": len(created), "removed": removed}
        else:
            reason = ngettext(
                "Programme pasted: %(n)d agenda item added.",
                "Programme pasted: %(n)d agenda items added.",
                len(created),
            ) % {"n": len(created)}
        # Saving the meeting records the paste in its history and marks its pages as changed.
        meeting._change_reason = reason
        if user is not None:
            meeting._history_user = user
        meeting.save(update_fields=["updated_at"])
    return created


class ProgrammeChanged(Exception):
    """The warning no longer stands as it did: the programme or the meeting has changed since."""


def programme_warning_consider(
    *, meeting: Meeting, code: str, fingerprint: str, note: str = "", user=None
) -> ConsideredWarning:
    """Keep a warning quiet for this meeting while the facts it depends on stay the same.

    Raises ProgrammeChanged when the meeting has no such warning any more.
    Notes about warnings that no longer stand are removed at the same time.
    """
    warning = programme_warning_find(meeting=meeting, code=code, fingerprint=fingerprint)
    if warning is None:
        raise ProgrammeChanged(code)
    with transaction.atomic():
        current = {(w.code, w.fingerprint) for w in programme_warnings(meeting=meeting)}
        for stale in ConsideredWarning.objects.filter(meeting=meeting):
            if (stale.code, stale.fingerprint) not in current:
                stale.delete()
        considered, _created = ConsideredWarning.objects.update_or_create(
            meeting=meeting,
            code=code,
            fingerprint=fingerprint,
            defaults={
                "message": str(warning),
                "note": note.strip(),
                "considered_by": user,
                "considered_at": timezone.now(),
            },
        )
    return considered


def programme_warning_reopen(*, meeting: Meeting, code: str, fingerprint: str) -> bool:
    """Show a considered warning again; False when it was not considered."""
    deleted, _by_model = ConsideredWarning.objects.filter(meeting=meeting, code=code, fingerprint=fingerprint).delete()
    return bool(deleted)
