"""What an agenda item is, read from its Danish title.

One guesser for the paste parser, the programme check and the catering
summary, so that "Frokost" means a meal everywhere, whatever kind the
consultant left it at. Pure functions, no database.

Words are matched case-insensitively at the start of a word; where a title
names two things ("Velkommen og oplæg"), the one named first wins, because
a Danish title starts with its main word.
"""

from __future__ import annotations

import re

from .enums import AgendaItemKind

K = AgendaItemKind

# (pattern, kind); at the same position the earlier entry wins (meal before break: "Frokostpause").
_KIND_WORDS: list[tuple[str, str]] = [
    (r"drop[- ]?in", K.ARRIVAL),
    (r"ankomst", K.ARRIVAL),
    (r"registrering", K.ARRIVAL),
    (r"indskrivning", K.ARRIVAL),
    (r"velkom\w*", K.WELCOME),
    (r"introduktion", K.WELCOME),
    (r"dagens program", K.WELCOME),
    (r"frokost", K.MEAL),
    (r"\w*spisning", K.MEAL),
    (r"middag", K.MEAL),
    (r"aftensmad", K.MEAL),
    (r"morgenbrød", K.MEAL),
    (r"morgenmad", K.MEAL),
    (r"brunch", K.MEAL),
    (r"sandwich\w*", K.MEAL),
    (r"buffet", K.MEAL),
    (r"mad\b", K.MEAL),
    (r"\w*pause", K.BREAK),
    (r"benstræk", K.BREAK),
    (r"kaffe\b", K.BREAK),
    (r"case", K.CASE),
    (r"\w*oplæg", K.TALK),
    (r"keynote", K.TALK),
    (r"foredrag", K.TALK),
    (r"præsentation", K.TALK),
    (r"indlæg", K.TALK),
    (r"workshop\w*", K.WORKSHOP),
    (r"gruppe\w*", K.GROUP_WORK),
    (r"\w*drøftelse\w*", K.GROUP_WORK),
    (r"\w*dialog\b", K.GROUP_WORK),
    (r"erfaringsudveksling", K.GROUP_WORK),
    (r"sparring", K.GROUP_WORK),
    (r"refleksion", K.GROUP_WORK),
    (r"world ?café", K.GROUP_WORK),
    (r"walk ?(?:and|&|n) ?talk", K.GROUP_WORK),
    (r"plenum", K.PLENARY),
    (r"\w*debat", K.PLENARY),
    (r"næste møde", K.PLENARY),
    (r"spørgsmål og svar", K.PLENARY),
    (r"opsamling", K.WRAP_UP),
    (r"afrunding", K.WRAP_UP),
    (r"afslutning", K.WRAP_UP),
    (r"opsummering", K.WRAP_UP),
    (r"evaluering", K.WRAP_UP),
    (r"tak for i dag", K.WRAP_UP),
    (r"tjek ud", K.WRAP_UP),
]
_KIND_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<k{i}>{pattern})" for i, (pattern, _kind) in enumerate(_KIND_WORDS)) + ")",
    re.IGNORECASE,
)
_ONLINE_RE = re.compile(r"(?<!\w)(?:online|teams|zoom|virtuel\w*|webinar)(?!\w)", re.IGNORECASE)
_PLENARY_RE = re.compile(r"(?<!\w)plenum(?!\w)", re.IGNORECASE)

# Food and drink a caterer prepares; the label is the word as the programme writes it.
_MEAL_RE = re.compile(
    r"(?<!\w)(?:morgenbrød|morgenmad|brunch|frokost|sandwich\w*|middag|aftensmad|\w*spisning|buffet|tapas"
    r"|kaffe og kage|kage|kaffe|snacks|frugt|mad)(?!\w)",
    re.IGNORECASE,
)
_MEAL_PREFIX_RE = re.compile(r"(?<!\w)(?:frokost|kaffe|middag|morgenbrød)\w*", re.IGNORECASE)


def _kind_in(text: str) -> str:
    match = _KIND_RE.search(text)
    if match is None:
        return K.OTHER
    kind = _KIND_WORDS[int(match.lastgroup[1:])][1]
    # "Åben drøftelse i plenum" is a plenary, not group work.
    if kind == K.GROUP_WORK and _PLENARY_RE.search(text) and not re.search(r"gruppe", text, re.IGNORECASE):
        return K.PLENARY
    if kind == K.TALK and _ONLINE_RE.search(text):
        return K.ONLINE_TALK
    return kind


def guess_kind(title: str, *, details: str = "") -> str:
    """The kind a title names (an AgendaItemKind value); OTHER when it names none.

    ``details`` (bullets and description) are read only when the title says
    nothing: "Medborgerskab ... v. CFBU" with the bullet "et inspirationsoplæg
    via Teams" is an online talk.
    """
    kind = _kind_in(title or "")
    if kind == K.OTHER and details:
        kind = _kind_in(details)
    if kind == K.TALK and details and _ONLINE_RE.search(details):
        return K.ONLINE_TALK
    return kind


def effective_kind(kind: str, title: str) -> str:
    """The kind the consultant chose, or the one the title names when it was left at "Other"."""
    if kind and kind != K.OTHER:
        return kind
    return guess_kind(title)


# Items where food in the title is served, not talked about ("Oplæg om mad og fællesskab" is a talk).
_SERVING_KINDS = frozenset({K.MEAL, K.BREAK, K.ARRIVAL, K.WELCOME, K.WRAP_UP, K.OTHER})


def meal_label(*, kind: str, title: str) -> str | None:
    """What a caterer serves at this item ("Morgenbrød", "Frokost"), or None when it serves nothing.

    An item serves food when it is a meal by its kind or by its title, or
    when an arrival, break, welcome or wrap-up names food or drink ("Drop-in
    med morgenbrød"). The label is the food word as the programme writes it,
    else the meal's title.
    """
    title = title or ""
    kind = effective_kind(kind, title)
    if kind not in _SERVING_KINDS:
        return None
    match = _MEAL_RE.search(title) or _MEAL_PREFIX_RE.search(title)
    if match:
        word = match.group(0)
        return word[:1].upper() + word[1:]
    if kind == K.MEAL:
        return title.strip() or None
    return None
