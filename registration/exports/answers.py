"""One column per question of the meeting in its participant list, headed by the question's identifier.

The identifier (``boligomraade``) stays the same when the question's wording
changes, so a spreadsheet or a script that reads the list keeps working. The
answers are read per chunk of rows: two queries per chunk, however many
questions the meeting has, as plain values (the questions and their choices
are read once; an Answer object a row cost a conference's list 80 ms).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..questions.models import Answer, Question, QuestionKind, typed_answer
from ..questions.rules import display_value
from ..questions.selectors import meeting_questions
from .base import DATE, INT, TEXT, Column

ANSWERS = "_answers"  # the row's answers by question id, added to each row
_KINDS = {QuestionKind.NUMBER: INT, QuestionKind.DATE: DATE}


def _value(question: Question):
    kind = question.kind

    def get(row) -> Any:
        answer = row[ANSWERS].get(question.pk)
        if answer is None:
            return None
        value, choices = answer
        typed = typed_answer(kind, value, choices)
        if kind in (QuestionKind.NUMBER, QuestionKind.DATE):
            return typed
        if kind == QuestionKind.SINGLE_CHOICE:
            return typed.label if typed else ""
        if kind == QuestionKind.MULTIPLE_CHOICE:
            return ", ".join(choice.label for choice in typed)
        return display_value(kind, typed)

    return get


def question_column(question: Question) -> Column:
    return Column(
        f"q_{question.identifier}",
        question.identifier,
        kind=_KINDS.get(question.kind, TEXT),
        width=30 if question.kind in (QuestionKind.LONG_TEXT, QuestionKind.MULTIPLE_CHOICE) else 20,
        value=_value(question),
        reads=("id",),
    )


class QuestionColumnsMixin:
    """For an exporter of one meeting's registrations: its questions as columns, chosen by default."""

    def _questions(self) -> list[Question]:
        if not hasattr(self, "_meeting_questions"):
            self._meeting_questions = meeting_questions(meeting=self.meeting) if self.meeting is not None else []
        return self._meeting_questions

    def available_columns(self) -> list[Column]:
        return [*super().available_columns(), *(question_column(q) for q in self._questions())]

    def defaults(self):
        return [*super().defaults(), *(f"q_{q.identifier}" for q in self._questions())]

    def objects(self) -> Iterable[Any]:
        rows = super().objects()
        wanted = [c.key[2:] for c in self.columns if c.key.startswith("q_")]
        questions = [q.pk for q in self._questions() if q.identifier in wanted]
        if not questions:
            return rows
        return self._with_answers(rows, questions)

    def _with_answers(self, rows, questions: list[int]) -> Iterator[Any]:
        rows = iter(rows)
        choices_by_pk = {choice.pk: choice for q in self._questions() for choice in q.choices.all()}
        while chunk := list(islice(rows, self.chunk_size)):
            # registration id -> question id -> (value, [chosen choices])
            answers: dict[int, dict[int, tuple[Any, list]]] = {}
            found = Answer.objects.filter(
                registration_id__in=[row["id"] for row in chunk], question_id__in=questions
            ).values_list("pk", "registration_id", "question_id", "value")
            by_answer = {}
            for pk, registration_id, question_id, value in found:
                answers.setdefault(registration_id, {})[question_id] = by_answer[pk] = (value, [])
            chosen = Answer.choices.through.objects.filter(answer_id__in=list(by_answer)).values_list(
                "answer_id", "choice_id"
            )
            for answer_id, choice_id in chosen:
                by_answer[answer_id][1].append(choices_by_pk[choice_id])
            for row in chunk:
                row[ANSWERS] = answers.get(row["id"], {})
                yield row
