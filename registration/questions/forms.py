"""The meeting's questions as a form of their own, with a prefix.

The public sign-up and the personal page put it beside the registration
form; a colleague's sign-up can ask the same questions with another prefix
(``prefix="colleague-0-q"``). A hidden question (its condition not met, by the
rule in ``rules.py``) is never required and its answer is dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk.fields import VisibleFormCharField

from .models import CHOICE_KINDS, NO, YES, Choice, Question, QuestionKind
from .rules import rules_for, visible_keys
from .selectors import choice_places_taken, meeting_questions

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 2000


def _no_control_characters(value: str) -> None:
    from ..forms import no_control_characters  # the registration form's rule for typed text

    no_control_characters(value)


class _TextField(VisibleFormCharField):
    default_validators = [_no_control_characters]


class NumberField(forms.DecimalField):
    """A number typed the Danish way ("12,5") or with a point ("12.5"); spaces between thousands are fine."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())
            if "," in value and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {}

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            from .rules import display_value

            return display_value("number", value).replace(".", "")
        return value


class ChoiceRadioSelect(forms.RadioSelect):
    """Radio buttons where a full choice is shown but cannot be picked."""

    def __init__(self, *args, full: Iterable[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.full = set(full)

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.full:
            option["attrs"]["disabled"] = True
        return option


class ChoiceCheckboxes(ChoiceRadioSelect, forms.CheckboxSelectMultiple):
    pass


def places_left(choice: Choice, taken: Mapping[int, int]) -> int | None:
    if choice.capacity is None:
        return None
    return max(choice.capacity - taken.get(choice.pk, 0), 0)


def _choice_label(choice: Choice, left: int | None) -> str:
    if left is None:
        return choice.label
    if left == 0:
        return _("%(choice)s (full)") % {"choice": choice.label}
    return ngettext("%(choice)s (%(n)d place left)", "%(choice)s (%(n)d places left)", left) % {
        "choice": choice.label,
        "n": left,
    }


class QuestionsForm(forms.Form):
    """One field per question, named ``q<id>`` under the form's prefix.

    ``questions``: the meeting's questions in order, with their choices
    prefetched. ``taken``: places taken per choice id by others (for "N places
    left"; the seat lock decides at saving).
    """

    def __init__(self, *args, questions: Sequence[Question], taken: Mapping[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.taken = taken or {}
        self.rules = rules_for(self.questions)
        self.shown: set[str] = {rule.key for rule in self.rules}
        for question in self.questions:
            self.fields[question.field_name] = self._field(question)

    def _field(self, question: Question) -> forms.Field:
        common = {"label": question.label, "required": question.required, "help_text": question.help_text}
        kind = question.kind
        if kind == QuestionKind.SHORT_TEXT:
            return _TextField(max_length=SHORT_TEXT_MAX, **common)
        if kind == QuestionKind.LONG_TEXT:
            return _TextField(max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **common)
        if kind == QuestionKind.YES_NO:
            return forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common)
        if kind == QuestionKind.NUMBER:
            return NumberField(max_digits=12, decimal_places=2, **common)
        if kind == QuestionKind.DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"],
                **common,
            )
        choices = list(question.choices.all())
        full = {str(c.pk) for c in choices if places_left(c, self.taken) == 0}
        options = [(str(c.pk), _choice_label(c, places_left(c, self.taken))) for c in choices]
        if kind == QuestionKind.SINGLE_CHOICE:
            return forms.ChoiceField(choices=options, widget=ChoiceRadioSelect(full=full), **common)
        return forms.MultipleChoiceField(choices=options, widget=ChoiceCheckboxes(full=full), **common)

    def raw_values(self) -> dict[str, list[str]]:
        """Each question's submitted values, as the page's script reads them."""
        raw = {}
        for rule in self.rules:
            name = self.add_prefix(rule.key)
            if hasattr(self.data, "getlist"):
                raw[rule.key] = [str(value) for value in self.data.getlist(name)]
            else:
                value = self.data.get(name)
                raw[rule.key] = (
                    [] if value is None else [str(v) for v in value] if isinstance(value, list) else [str(value)]
                )
        return raw

    def full_clean(self):
        if self.is_bound:
            self.shown = visible_keys(self.rules, self.raw_values())
            for rule in self.rules:
                if rule.key not in self.shown:
                    self.fields[rule.key].required = False
        super().full_clean()

    def clean(self):
        data = super().clean()
        for question in self.questions:
            key = question.field_name
            if key not in self.shown:
                # A hidden question's answer is dropped, whatever was typed into it.
                self._errors.pop(key, None)
                data.pop(key, None)
                continue
            if question.kind in CHOICE_KINDS and key in data:
                picked = data[key] if isinstance(data[key], list) else [data[key]] if data[key] else []
                by_pk = {str(c.pk): c for c in question.choices.all()}
                for value in picked:
                    choice = by_pk[value]
                    if places_left(choice, self.taken) == 0:
                        self.add_error(key, _("There are no places left for “%(choice)s”.") % {"choice": choice.label})
        return data

    def answers(self) -> dict[Question, Any]:
        """The shown questions' answers as Python values; an unanswered question is left out.

        Text is str, yes/no a bool, a number a Decimal, a date a date, and a choice
        question a list of its Choices.
        """
        answers: dict[Question, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if value in (None, "", []):
                continue
            if question.kind == QuestionKind.YES_NO:
                value = value == YES
            elif question.kind in CHOICE_KINDS:
                by_pk = {str(c.pk): c for c in question.choices.all()}
                value = [by_pk[v] for v in (value if isinstance(value, list) else [value])]
            elif question.kind == QuestionKind.NUMBER:
                value = Decimal(value)
            answers[question] = value
        return answers

    def entries(self) -> list[tuple[Any, Any]]:
        """(bound field, rule) of each question in order, for the template's wrappers."""
        return [(self[rule.key], rule) for rule in self.rules]

    @staticmethod
    def initial_from(answers: Iterable) -> dict[str, Any]:
        """The form's initial values from a registration's saved answers (choices prefetched)."""
        initial: dict[str, Any] = {}
        for answer in answers:
            question = answer.question
            typed = answer.typed(list(answer.choices.all()))
            if question.kind == QuestionKind.YES_NO:
                initial[question.field_name] = YES if typed else NO
            elif question.kind == QuestionKind.SINGLE_CHOICE:
                initial[question.field_name] = str(typed.pk) if typed else None
            elif question.kind == QuestionKind.MULTIPLE_CHOICE:
                initial[question.field_name] = [str(choice.pk) for choice in typed]
            else:
                initial[question.field_name] = typed
        return initial


def questions_with_places(meeting, *, registration=None) -> tuple[list[Question], dict[int, int]]:
    """The meeting's questions with their choices, and the places taken per limited choice.

    Places are counted only when a choice has a limit (most questions' choices have none);
    ``registration`` is left out of the places taken (its own answers do not count against it
    when it is edited).
    """
    questions = meeting_questions(meeting=meeting)
    limited = any(choice.capacity is not None for question in questions for choice in question.choices.all())
    taken = choice_places_taken(meeting=meeting, exclude_registration=registration) if limited else {}
    return questions, taken


def questions_fingerprint(questions: Sequence[Question], taken: Mapping[int, int]) -> str:
    """A digest of all an unbound questions form shows: each question as asked, its choices and their places left.

    The meeting page keeps its rendered, empty sign-up form under it (with the meeting's version
    and the language), so a visitor after a sign-up that took a limited place gets the new count.
    """
    parts = []
    for question in questions:
        parts.append(
            (
                question.pk,
                question.label,
                question.kind,
                question.required,
                question.help_text,
                question.order,
                question.condition_question_id,
                question.condition_value,
            )
        )
        parts.extend((c.pk, c.label, c.order, places_left(c, taken)) for c in question.choices.all())
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def questions_form_for(
    meeting, data=None, *, registration=None, initial=None, read: tuple | None = None
) -> QuestionsForm | None:
    """The meeting's own questions as a form beside the registration form (prefix ``q``), or None when it has none.

    The public meeting page and the personal page both use it. ``read``: what
    ``questions_with_places`` returned, when the caller has read it already.
    """
    questions, taken = read if read is not None else questions_with_places(meeting, registration=registration)
    if not questions:
        return None
    return QuestionsForm(data, questions=questions, taken=taken, initial=initial, prefix="q")
