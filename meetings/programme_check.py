"""The programme check: the practice of the resource networks as warnings.

The practice (seeds/blog-resource-networks.txt) as rules: start from the
why, at most 2½ hours after work, small breaks and food, few agenda points,
weight on workshops and wrap-up rather than talks, and a role for every
participant. Each warning says which practice it comes from, and never
blocks saving.

The check reads what the consultant wrote, not only the kind chosen: an
item left at "Other" counts by its title ("Frokost" is a meal), and a
meeting with workshops gives its participants a role. A warning the
consultant has considered ("we know: it is a full theme day") stays quiet
until a fact it depends on changes: each warning carries a fingerprint of
those facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.enums import choice_label

from .enums import AgendaItemKind, MeetingKind
from .models import AgendaItem, ConsideredWarning, Meeting, Workshop
from .programme_kinds import effective_kind, meal_label

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
    # The facts the warning depends on (times, kinds, titles); see ``fingerprint``.
    facts: tuple = field(default=(), compare=False, repr=False)

    def __str__(self):
        return f"{self.message} {self.practice}".strip()

    @property
    def fingerprint(self) -> str:
        """A hash of the code and the facts: the same while the warning stands for the same thing."""
        payload = json.dumps([self.code, self.facts], default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class ProgrammeLimits:
    max_minutes: int | None
    max_items: int | None
    after_work: bool


def _clock(meeting: Meeting, when: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(meeting.local_start.date(), when))


def _setting_time(value: str | dt.time) -> dt.time:
    if isinstance(value, dt.time):
        return value
    hour, minute = str(value).replace(".", ":").split(":")
    return dt.time(int(hour), int(minute))


def programme_limits(*, meeting: Meeting) -> ProgrammeLimits:
    """The limits for the meeting's kind (settings.PROGRAMME_LIMITS), tightened after work.

    A meeting is an after-work meeting when it starts at or after
    settings.PROGRAMME_AFTER_WORK_FROM (Copenhagen time); it is then held to
    settings.PROGRAMME_AFTER_WORK_MAX_MINUTES too, unless its kind's limits
    say ``"after_work_cap": False`` (a workshop evening).
    """
    limits = settings.PROGRAMME_LIMITS.get(meeting.kind, {})
    max_minutes = limits.get("max_minutes")
    after_work = bool(meeting.starts_at) and meeting.local_start.time() >= _setting_time(
        settings.PROGRAMME_AFTER_WORK_FROM
    )
    if after_work and limits.get("after_work_cap", True):
        cap = settings.PROGRAMME_AFTER_WORK_MAX_MINUTES
        max_minutes = cap if max_minutes is None else min(max_minutes, cap)
    return ProgrammeLimits(max_minutes=max_minutes, max_items=limits.get("max_items"), after_work=after_work)


def _hours(minutes: int) -> str:
    return _("%(hours)d.%(minutes)02d hours") % {"hours": minutes // 60, "minutes": minutes % 60}


def _minutes_of(items: list[AgendaItem]) -> int:
    """Minutes the items take, parallel ones (the same start and end) counted once."""
    return sum({(item.start_time, item.end_time): item.minutes for item in items}.values())


def _facts(item: AgendaItem, kind: str) -> tuple:
    return (f"{item.start_time:%H:%M}", f"{item.end_time:%H:%M}" if item.end_time else "", kind, item.title)


def programme_warnings(
    *, meeting: Meeting, items: list[AgendaItem] | None = None, workshops: list[Workshop] | None = None
) -> list[ProgrammeWarning]:
    """Warnings about a meeting and its programme that never block saving.

    Each names the practice behind it. Overlapping items and items outside
    the meeting's time span happen in real programmes (the seed programme
    has one), so they are reported, never refused. Pass ``items`` and
    ``workshops`` when they are loaded already (no query then).
    """
    if items is None:
        items = list(meeting.agenda_items.all())
    if workshops is None:
        workshops = list(meeting.workshops.all())
    items = sorted(items, key=lambda item: (item.start_time, item.order))
    warnings: list[ProgrammeWarning] = []
    if not meeting.starts_at or not meeting.ends_at:
        return warnings
    start = meeting.local_start
    end = meeting.local_end
    single_day = start.date() == end.date()
    kind = choice_label(MeetingKind, meeting.kind)
    # What each item is: its kind, or what its title says when the kind was left at "Other".
    kinds = {id(item): effective_kind(item.kind, item.title) for item in items}
    programme = tuple(_facts(item, kinds[id(item)]) for item in items)

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
                facts=(meeting.kind, f"{start:%H:%M}", minutes, limits.max_minutes),
            )
        )

    if items:
        timed = [item for item in items if item.end_time]
        points = [item for item in timed if kinds[id(item)] not in LOGISTICS_KINDS]
        # Parallel items (the same start and end, e.g. workshops side by side) are one point of the day.
        slots = len({(item.start_time, item.end_time) for item in points})
        if limits.max_items and slots > limits.max_items:
            warnings.append(
                ProgrammeWarning(
                    "too_many_items",
                    _("The programme has %(count)d agenda points; the limit for a %(kind)s is %(limit)d.")
                    % {"count": slots, "kind": kind.lower(), "limit": limits.max_items},
                    _("Few points on the agenda leave room for development, reflection and the unexpected."),
                    facts=(meeting.kind, limits.max_items, tuple(_facts(item, kinds[id(item)]) for item in points)),
                )
            )
        pause = any(kinds[id(item)] in PAUSE_KINDS or meal_label(kind=item.kind, title=item.title) for item in items)
        if minutes > settings.PROGRAMME_BREAK_AFTER_MINUTES and not pause:
            warnings.append(
                ProgrammeWarning(
                    "no_break",
                    _("The programme has no break or meal."),
                    _(
                        "Small breaks give room for informal talks, and food at the meeting "
                        "lets the participants mingle."
                    ),
                    facts=(minutes, programme),
                )
            )
        talk = _minutes_of([item for item in timed if kinds[id(item)] in TALK_KINDS])
        work = _minutes_of([item for item in timed if kinds[id(item)] in WORK_KINDS])
        if talk > work:
            warnings.append(
                ProgrammeWarning(
                    "talk_heavy",
                    _("Talks take %(talk)d minutes, group work and wrap-up only %(work)d.")
                    % {"talk": talk, "work": work},
                    _("Put the weight on the workshop part and the wrap-up rather than on the talks."),
                    facts=tuple(_facts(item, kinds[id(item)]) for item in timed),
                )
            )
        participation = workshops or any(kinds[id(item)] in PARTICIPATION_KINDS for item in items)
        if not meeting.participant_roles.strip() and not participation:
            warnings.append(
                ProgrammeWarning(
                    "no_role",
                    _(
                        "No agenda point gives the participants a role (group work, a workshop or a case), "
                        "and the meeting describes no roles or workshops."
                    ),
                    _("Involve the participants actively by giving them a role at the meeting."),
                    facts=programme,
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
                    facts=(_facts(item, kinds[id(item)]), f"{start:%H:%M}", f"{end:%H:%M}"),
                )
            )
    for previous, current in zip(items, items[1:]):
        # Items that start together run side by side (parallel workshops); only a later start can overlap.
        if previous.end_time and previous.start_time < current.start_time < previous.end_time:
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
                    facts=(_facts(previous, kinds[id(previous)]), _facts(current, kinds[id(current)])),
                )
            )
    return warnings


# --- Warnings the consultant has considered ------------------------------------------------


@dataclass(frozen=True)
class ProgrammeCheck:
    """The warnings to show, and those considered and kept quiet (each with its note)."""

    open: list[ProgrammeWarning]
    considered: list[tuple[ProgrammeWarning, ConsideredWarning]]

    def __bool__(self):
        return bool(self.open or self.considered)


def programme_check(
    *, meeting: Meeting, items: list[AgendaItem] | None = None, workshops: list[Workshop] | None = None
) -> ProgrammeCheck:
    """The programme check as staff see it: a warning considered for its current facts stays quiet."""
    warnings = programme_warnings(meeting=meeting, items=items, workshops=workshops)
    if not warnings:
        return ProgrammeCheck(open=[], considered=[])
    notes = {(note.code, note.fingerprint): note for note in ConsideredWarning.objects.filter(meeting=meeting)}
    open_, considered = [], []
    for warning in warnings:
        note = notes.get((warning.code, warning.fingerprint))
        if note is None:
            open_.append(warning)
        else:
            considered.append((warning, note))
    return ProgrammeCheck(open=open_, considered=considered)


def programme_warning_find(*, meeting: Meeting, code: str, fingerprint: str) -> ProgrammeWarning | None:
    """The meeting's current warning with this code and fingerprint, or None when the facts have changed."""
    for warning in programme_warnings(meeting=meeting):
        if warning.code == code and warning.fingerprint == fingerprint:
            return warning
    return None
