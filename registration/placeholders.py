"""Placeholders in a message staff write to participants: ``{name}``, ``{meeting}``, ...

The text comes from a person, so it is never given to ``str.format`` (which
would read attributes and indexes: ``{meeting.network.coordinator.password}``).
It is read here character by character: ``{word}`` where the word is one of
PLACEHOLDERS (or its Danish alias) is replaced by a plain string, ``{{`` and
``}}`` are a literal brace, and anything else (an unknown word, an
attribute, an index, a lone brace) is a problem that blocks the send.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The placeholders and what each stands for (shown beside the form).
PLACEHOLDERS = {
    "name": _("the participant's name"),
    "meeting": _("the meeting's title"),
    "personal_link": _("the participant's personal link (change or cancel)"),
    "date": _("the meeting's date and time"),
    "venue": _("the meeting's venue"),
    "organisation": _("the participant's organisation"),
}
# Danish spellings of the same placeholders.
ALIASES = {
    "navn": "name",
    "møde": "meeting",
    "moede": "meeting",
    "personligt_link": "personal_link",
    "link": "personal_link",
    "dato": "date",
    "sted": "venue",
    "organisation": "organisation",
}


@dataclass(frozen=True)
class Problem:
    """Why a text cannot be sent: ``kind`` is "unknown" or "brace", ``what`` the text at fault."""

    kind: str
    what: str

    def message(self) -> str:
        if self.kind == "unknown":
            return str(_("Unknown placeholder {%(name)s}.")) % {"name": self.what}
        return str(_("A brace without its partner: %(text)s (write {{ or }} for a brace itself).")) % {
            "text": self.what
        }


def _canonical(word: str) -> str | None:
    if word in PLACEHOLDERS:
        return word
    return ALIASES.get(word.lower()) or (word.lower() if word.lower() in PLACEHOLDERS else None)


def _walk(text: str, values: Mapping[str, str] | None) -> tuple[str, list[Problem]]:
    out: list[str] = []
    problems: list[Problem] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "{":
            if text.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            end = text.find("}", i + 1)
            nested = text.find("{", i + 1)
            if end == -1 or (nested != -1 and nested < end):
                problems.append(Problem("brace", text[i : i + 20]))
                out.append(char)
                i += 1
                continue
            word = text[i + 1 : end]
            name = _canonical(word.strip())
            if name is None:
                problems.append(Problem("unknown", word[:60]))
                out.append(text[i : end + 1])
            else:
                out.append(values.get(name, "") if values is not None else text[i : end + 1])
            i = end + 1
        elif char == "}":
            if text.startswith("}}", i):
                out.append("}")
                i += 2
                continue
            problems.append(Problem("brace", text[max(0, i - 19) : i + 1]))
            out.append(char)
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out), problems


def placeholders_problems(text: str) -> list[Problem]:
    """Every unknown placeholder and lone brace of ``text``, in order (the same one once)."""
    seen: list[Problem] = []
    for problem in _walk(text, None)[1]:
        if problem not in seen:
            seen.append(problem)
    return seen


def placeholders_fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders replaced by ``values`` (by canonical name); check it first."""
    return _walk(text, values)[0]
