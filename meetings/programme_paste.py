"""A programme pasted as text, read into agenda items (a pure function, no database).

The form is the one invitations and meeting pages use::

    09:30-10:00
    Drop-in med morgenbrød, kaffe og te

    13:15-13:45 Medborgerskab og social integration v. CFBU
     • Et inspirationsoplæg via Teams
      Der er plads til spørgsmål undervejs.

    16.30: Ankomst & velkomst
    kl. 9.30 – 10.00 Velkommen
    15:00
    Tak for i dag

A line that starts with a time (``09:30``, ``9.30``, ``kl. 9.30``, a range
with ``-``, en or em dash or "til") starts an item; its title follows on the
same line or the next one. A title may run on over lines that start in lower
case or with "&" ("Opsamling / & tak for i dag"). Lines starting with ``•``,
``-``, ``*`` and the like are bullets; other lines are the description.
Speakers follow ``v.`` or ``v/`` in the title, on a line of their own right
after it, or in a bullet ("Kort oplæg v. Nils om ..."). An item without an
end time ends where the next one starts; the last keeps its start only
("15:00 Tak for i dag"). Two empty lines end an item: text after them that
is not a new item is left out, with a warning, as is text before the first
item.

``render_programme`` writes items back in this form; parsing that text gives
the same items again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .programme_kinds import guess_kind

TITLE_MAX = 300  # AgendaItem.title
SPEAKERS_MAX = 300  # AgendaItem.speakers

# Not followed by more digits: "21.04.2022" is a date, not a time.
_TIME = r"(?P<{0}h>[01]?\d|2[0-3])[.:](?P<{0}m>[0-5]\d)(?![.:/]?\d)"
_DASH = r"\s*(?:[-‐‑‒–—−]+|til)\s*"
_TIME_LINE = re.compile(
    r"^(?:kl\.?|klokken)?\s*" + _TIME.format("s") + r"(?:" + _DASH + r"(?:kl\.?\s*)?" + _TIME.format("e") + r")?"
    r"(?P<rest>(?:[^\w].*)?)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[•◦▪▫●○·‣⁃∙■□➢➤►▸✓✔*\-‐‑‒–—−]\s*")
# Separators between the times and the title: "16.30: Ankomst", "09.30 – 10.00 | Velkommen".
_LEAD = " \t:|–—-‐‑‒−.,;"
_SPEAKER_LINE = re.compile(r"^(?:v\.|v/|ved:|oplægsholdere?:)\s*(?P<who>\S.*)$", re.IGNORECASE)
_SPEAKERS_IN_TITLE = re.compile(r"\s+(?P<paren>\()?v[./]\s*(?P<who>.*)$", re.IGNORECASE)
# "v. Nils om inddragelse": the name runs over capitalised words (and "og", "&", commas) up to the first other word.
_SPEAKERS_IN_BULLET = re.compile(
    r"(?<!\w)v[./]\s*(?P<who>[A-ZÆØÅ][\w.'’-]*(?:(?:\s*,\s*|\s+(?:og|&)\s+|\s+)[A-ZÆØÅ][\w.'’-]*)*)"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PastedItem:
    start_time: dt.time
    end_time: dt.time | None
    title: str
    kind: str
    speakers: str = ""
    bullets: tuple[str, ...] = ()
    description: str = ""

    @property
    def bullet_points(self) -> str:
        return "\n".join(self.bullets)


@dataclass(frozen=True)
class PasteWarning:
    line: int  # 1-based line number in the pasted text
    text: str
    message: str


@dataclass(frozen=True)
class ParsedProgramme:
    items: tuple[PastedItem, ...]
    warnings: tuple[PasteWarning, ...]


@dataclass
class _Draft:
    line: int
    text: str
    start: dt.time
    end: dt.time | None
    title_parts: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    # "title" while the title may still run on, "body" after bullets, description or an empty line.
    state: str = "pending"


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _time_line(line: str):
    """(start, end, rest) when the line starts an item, else None."""
    match = _TIME_LINE.match(line)
    if match is None:
        return None
    start = dt.time(int(match["sh"]), int(match["sm"]))
    end = dt.time(int(match["eh"]), int(match["em"])) if match["eh"] is not None else None
    return start, end, match["rest"].lstrip(_LEAD)


def _split_speakers(title: str) -> tuple[str, str]:
    match = _SPEAKERS_IN_TITLE.search(title)
    if match is None:
        return title, ""
    who = match["who"]
    if match["paren"] and who.endswith(")"):
        who = who[:-1]
    return title[: match.start()], who


def _finish(draft: _Draft, warnings: list[PasteWarning]) -> PastedItem | None:
    title = _clean(" ".join(draft.title_parts))
    if not title:
        warnings.append(PasteWarning(draft.line, draft.text, _("A time without a title; the item was left out.")))
        return None
    title, speakers = _split_speakers(title)
    title = _clean(title)
    speakers = ", ".join(filter(None, [_clean(speakers), *draft.speakers]))
    if not speakers:
        for bullet in draft.bullets:
            match = _SPEAKERS_IN_BULLET.search(bullet)
            if match:
                speakers = _clean(match["who"].rstrip(".,"))
                break
    if len(title) > TITLE_MAX:
        warnings.append(PasteWarning(draft.line, title[:60], _("The title was shortened to 300 characters.")))
        title = title[:TITLE_MAX].rstrip()
    if len(speakers) > SPEAKERS_MAX:
        speakers = speakers[:SPEAKERS_MAX].rstrip()
    end = draft.end
    if end is not None and end <= draft.start:
        warnings.append(
            PasteWarning(draft.line, draft.text, _("The end is not after the start; the end time was left out."))
        )
        end = None
    description = "\n".join(draft.description)
    details = "\n".join([*draft.bullets, description])
    return PastedItem(
        start_time=draft.start,
        end_time=end,
        title=title,
        kind=guess_kind(title, details=details),
        speakers=speakers,
        bullets=tuple(draft.bullets),
        description=description,
    )


def parse_programme(text: str) -> ParsedProgramme:
    """The agenda items in a pasted programme, and a warning for every line left out. Never raises."""
    items: list[PastedItem] = []
    warnings: list[PasteWarning] = []
    first_lines: list[int] = []  # the line each item starts on
    draft: _Draft | None = None
    blank_run = 0

    def skip(number: int, line: str) -> None:
        warnings.append(PasteWarning(number, line, _("Not part of an agenda item; left out.")))

    for number, raw in enumerate(_CONTROL.sub("", text or "").splitlines(), start=1):
        line = _clean(raw)
        if not line:
            blank_run += 1
            if draft is not None and draft.state == "title":
                draft.state = "body"
            continue
        blank = blank_run
        blank_run = 0
        bullet = _BULLET.match(line)
        body = line[bullet.end() :].strip() if bullet else line
        timed = _time_line(body)
        if timed is not None:
            if draft is not None:
                item = _finish(draft, warnings)
                if item is not None:
                    items.append(item)
                    first_lines.append(draft.line)
            start, end, rest = timed
            draft = _Draft(line=number, text=line, start=start, end=end)
            if rest:
                draft.title_parts.append(rest)
                draft.state = "title"
            continue
        if draft is None or (blank >= 2 and draft.state != "pending"):
            # Before the first item, or after an item that two empty lines have closed.
            if draft is not None:
                item = _finish(draft, warnings)
                if item is not None:
                    items.append(item)
                    first_lines.append(draft.line)
                draft = None
            skip(number, line)
            continue
        if draft.state == "pending":
            if bullet:
                # Bullets under a time without a title: the item cannot be read, nor can they.
                _finish(draft, warnings)
                draft = None
                skip(number, line)
                continue
            title = line.lstrip(_LEAD)
            if title:
                draft.title_parts.append(title)
                draft.state = "title"
            else:
                skip(number, line)
            continue
        if bullet:
            if body:
                draft.bullets.append(body)
            draft.state = "body"
            continue
        if draft.state == "title":
            speaker = _SPEAKER_LINE.match(line)
            if speaker:
                draft.speakers.append(_clean(speaker["who"]))
                draft.state = "body"
                continue
            if line[0].islower() or line[0] in "&+":
                draft.title_parts.append(line)
                continue
        draft.description.append(line)
        draft.state = "body"
    if draft is not None:
        item = _finish(draft, warnings)
        if item is not None:
            items.append(item)
            first_lines.append(draft.line)
    items = _ends_from_next(items)
    while _spans_the_rest(items):
        first = items.pop(0)
        warnings.append(
            PasteWarning(
                first_lines.pop(0),
                f"{first.start_time:%H.%M}-{first.end_time:%H.%M} {first.title}",
                _("The times span the whole programme: the meeting's time, not an agenda item; left out."),
            )
        )
    warnings.sort(key=lambda warning: warning.line)
    return ParsedProgramme(items=tuple(items), warnings=tuple(warnings))


def _spans_the_rest(items: list[PastedItem]) -> bool:
    """Whether the first item is the meeting's time span ("Varighed: 09.30-15.00") above the real items.

    It overlaps the next item and holds every later one. An end taken from
    the next item never overlaps it, so items read back never lose their first.
    """
    if len(items) < 3 or items[0].end_time is None:
        return False
    first, rest = items[0], items[1:]
    if not rest[0].start_time < first.end_time:
        return False
    return all(
        first.start_time <= item.start_time and (item.end_time or item.start_time) <= first.end_time for item in rest
    )


def _ends_from_next(items: list[PastedItem]) -> list[PastedItem]:
    """An item without an end runs until the next one starts ("16.30: Ankomst", "16.45: Paneldebat")."""
    result = []
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if item.end_time is None and following is not None and following.start_time > item.start_time:
            item = PastedItem(**{**item.__dict__, "end_time": following.start_time})
        result.append(item)
    return result


def render_programme(items) -> str:
    """Items as text in the form ``parse_programme`` reads: times and title, bullets, then the description."""
    blocks = []
    for item in items:
        times = f"{item.start_time:%H.%M}" + (f"-{item.end_time:%H.%M}" if item.end_time else "")
        head = f"{times} {item.title}" + (f" v. {item.speakers}" if item.speakers else "")
        lines = [head, *(f"• {bullet}" for bullet in item.bullets)]
        if item.description:
            lines += ["", item.description]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
