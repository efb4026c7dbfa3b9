"""Saving a registration's answers, a question's choices, and copying questions to a duplicated meeting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from ..enums import RegistrationStatus
from .models import CHOICE_KINDS, NO, YES, Answer, Choice, Question, QuestionKind
from .rules import rules_for, visible_keys
from .selectors import meeting_questions


class AnswersRefused(Exception):
    """The answers cannot be saved (a full choice, a missing required answer); the message is for the person.

    ``index``: which of ``answers_save_many``'s items was refused.
    """

    def __init__(self, message: str, index: int = 0):
        super().__init__(message)
        self.message = message
        self.index = index


def _raw(question: Question, value: Any) -> list[str]:
    """An answer as the form's raw values, so the one rule decides which questions are shown."""
    if question.kind == QuestionKind.YES_NO:
        return [YES if value else NO]
    if question.kind in CHOICE_KINDS:
        return [str(choice.pk) for choice in value]
    return [str(value)]


def _stored(question: Question, value: Any):
    if question.kind == QuestionKind.NUMBER:
        return str(Decimal(value))
    if question.kind == QuestionKind.DATE:
        return value.isoformat()
    if question.kind in CHOICE_KINDS:
        return None
    return value


def answers_save(*, registration, answers: Mapping[Question, Any], now=None) -> list[Answer]:
    """Replace the registration's answers with these (question -> value, as ``QuestionsForm.answers()``).

    The caller holds the meeting's seat lock (registration_create/update), so
    places of a limited choice are decided one sign-up at a time: a choice the
    registration does not already hold is refused when it is full. The
    answers of questions hidden by their condition are dropped, by the rule the
    page uses; a shown required question without an answer is refused.
    """
    return answers_save_many(meeting=registration.meeting_id, items=[(registration, answers)], replace=True)


def _given(questions: list[Question], answers: Mapping[Question, Any]) -> dict[Question, Any]:
    """The answers of the shown questions, checked against the meeting's questions (no query)."""
    by_pk = {question.pk: question for question in questions}
    given: dict[Question, Any] = {}
    for question, value in answers.items():
        own = by_pk.get(question.pk)
        if own is None:
            raise AnswersRefused(_("The question is not one of this meeting's."))
        if own.kind in CHOICE_KINDS:
            choices = {choice.pk: choice for choice in own.choices.all()}
            if any(choice.pk not in choices for choice in value):
                raise AnswersRefused(_("Choose one of the question's choices."))
            value = [choices[choice.pk] for choice in value]
        given[own] = value
    shown = visible_keys(rules_for(questions), {q.field_name: _raw(q, v) for q, v in given.items()})
    given = {question: value for question, value in given.items() if question.field_name in shown}
    for question in questions:
        if question.required and question.field_name in shown and question not in given:
            raise AnswersRefused(_("Answer the question “%(question)s”.") % {"question": question.label})
    return given


def answers_save_many(
    *, meeting, items: Sequence[tuple[Any, Mapping[Question, Any] | None]], replace: bool = False
) -> list[Answer]:
    """Save the answers of registrations of one meeting, in order, as if one at a time (``answers_save``'s rules).

    ``items``: (registration, answers) pairs; None answers: not asked. The registrations are new
    (created under the caller's seat lock), so their answers are inserted without looking for old
    ones; ``replace``: their old answers are removed once the new ones are checked. A limited choice counts the places of the
    items before it: the queries are the same for one registration as for fifty (the questions, the
    places taken, two inserts). A refusal names the item (``AnswersRefused.index``).
    """
    items = [(registration, answers) for registration, answers in items if answers is not None]
    if not items:
        return []
    questions = meeting_questions(meeting=meeting)
    given_by_item = []
    for index, (registration, answers) in enumerate(items):
        try:
            given_by_item.append((registration, _given(questions, answers)))
        except AnswersRefused as error:
            raise AnswersRefused(error.message, index=index) from error
    own = [registration.pk for registration, _answers in items] if replace else []
    _check_places(given_by_item, exclude=own)
    if own:
        Answer.objects.filter(registration_id__in=own).delete()
    pairs = [(registration, q, v) for registration, given in given_by_item for q, v in given.items()]
    created = Answer.objects.bulk_create(
        [Answer(registration=registration, question=q, value=_stored(q, v)) for registration, q, v in pairs]
    )
    links = [
        Answer.choices.through(answer_id=answer.pk, choice_id=choice.pk)
        for answer, (_registration, q, value) in zip(created, pairs)
        if q.kind in CHOICE_KINDS
        for choice in value
    ]
    Answer.choices.through.objects.bulk_create(links)
    return created


def _check_places(given_by_item: list[tuple[Any, Mapping[Question, Any]]], *, exclude: list[int]) -> None:
    """Refuse a full choice; the items before one take their places first (one query)."""
    limited = {
        choice.pk: choice
        for _registration, given in given_by_item
        for q, v in given.items()
        if q.kind in CHOICE_KINDS
        for choice in v
        if choice.capacity is not None
    }
    if not limited:
        return
    taken = dict(
        Answer.choices.through.objects.filter(choice_id__in=limited)
        .exclude(answer__registration__status=RegistrationStatus.CANCELLED)
        .exclude(answer__registration_id__in=exclude)
        .values_list("choice_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for index, (_registration, given) in enumerate(given_by_item):
        wanted = {choice.pk: choice for q, v in given.items() if q.kind in CHOICE_KINDS for choice in v}
        for pk, choice in wanted.items():
            if pk not in limited:
                continue
            if taken.get(pk, 0) >= choice.capacity:
                message = _("There are no places left for “%(choice)s”.") % {"choice": choice.label}
                raise AnswersRefused(message, index=index)
            taken[pk] = taken.get(pk, 0) + 1


@dataclass(frozen=True)
class ChoiceLine:
    label: str
    capacity: int | None = None


def question_choices_set(*, question: Question, lines: Sequence[ChoiceLine]) -> list[Choice]:
    """Make the question's choices these, in this order; a choice keeps its id (and answers) by its label."""
    with transaction.atomic():
        existing = {choice.label: choice for choice in question.choices.all()}
        kept = []
        for order, line in enumerate(lines):
            choice = existing.pop(line.label, None) or Choice(question=question, label=line.label)
            choice.order, choice.capacity = order, line.capacity
            choice.save()
            kept.append(choice)
        Choice.objects.filter(pk__in=[choice.pk for choice in existing.values()]).delete()
        return kept


def questions_copy(*, source, copy) -> int:
    """Copy the questions (and their choices and conditions) of ``source`` to the meeting ``copy``."""
    questions = meeting_questions(meeting=source)
    question_map: dict[int, Question] = {}
    choice_map: dict[str, str] = {}
    for question in questions:
        new = Question.objects.create(
            meeting=copy,
            label=question.label,
            kind=question.kind,
            required=question.required,
            help_text=question.help_text,
            order=question.order,
            identifier=question.identifier,
        )
        question_map[question.pk] = new
        for choice in question.choices.all():
            copied = Choice.objects.create(
                question=new, label=choice.label, order=choice.order, capacity=choice.capacity
            )
            choice_map[str(choice.pk)] = str(copied.pk)
    for question in questions:
        if question.condition_question_id in question_map:
            new = question_map[question.pk]
            new.condition_question = question_map[question.condition_question_id]
            new.condition_value = choice_map.get(question.condition_value, question.condition_value)
            new.save(update_fields=["condition_question", "condition_value"])
    return len(questions)


def meeting_duplicated_received(*, name, source, copy, **kwargs) -> int:
    return questions_copy(source=source, copy=copy)
