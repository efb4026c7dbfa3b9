"""The one rule for which questions a form shows, and how an answer reads.

``visible_keys`` is mirrored line by line in ``static/js/questions.js``
(``visibleKeys``); registration/tests/test_questions_rules.py fuzzes the
rule and checks the page's script gives the same answer in Chromium.

The rule works on the raw form values, exactly what the page's script sees:
a question is shown when it has no condition, or when the question it
depends on is shown and one of that question's submitted values is the
condition's value ("yes", "no" or a choice's id). Questions are taken in
the form's order, so a condition on a later question (which the admin
refuses) never shows a question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rule:
    """One question as the rule sees it: its field name and its condition."""

    key: str
    when_key: str | None = None
    when_value: str | None = None


def visible_keys(rules: Sequence[Rule], raw: Mapping[str, Sequence[str]]) -> set[str]:
    """The keys of the questions shown, given the submitted values of each key (a list, maybe empty)."""
    visible: set[str] = set()
    for rule in rules:
        if rule.when_key is None:
            visible.add(rule.key)
        elif rule.when_key in visible and rule.when_value in raw.get(rule.when_key, ()):
            visible.add(rule.key)
    return visible


def rules_for(questions: Iterable) -> list[Rule]:
    """The rules of a meeting's questions, in the form's order."""
    keys = {}
    rules = []
    for question in questions:
        keys[question.pk] = question.field_name
        if question.condition_question_id is None:
            rules.append(Rule(question.field_name))
        else:
            # A condition on a question not (yet) in the form names a key that is never shown.
            when_key = keys.get(question.condition_question_id, f"q{question.condition_question_id}")
            rules.append(Rule(question.field_name, when_key, question.condition_value))
    return rules


def display_value(kind: str, value) -> str:
    """An answer as a Danish reader expects it (personal page, lists)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return number_format(int(value) if value == value.to_integral_value() else value, use_l10n=True)
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)
