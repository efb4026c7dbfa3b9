"""Reads of a meeting's questions, shared by the form pages, the lists and the personal page."""

from __future__ import annotations

from django.db.models import Count

from ..enums import RegistrationStatus
from .models import Answer, Choice, Question


def meeting_questions(*, meeting) -> list[Question]:
    """The meeting's questions in the form's order, with their choices (two queries)."""
    return list(Question.objects.filter(meeting=meeting).prefetch_related("choices").order_by("order", "id"))


def choice_places_taken(*, meeting, exclude_registration=None) -> dict[int, int]:
    """Places taken per choice with a capacity: by active (confirmed or waiting) registrations; one query."""
    answers = Answer.choices.through.objects.filter(
        choice__question__meeting=meeting, choice__capacity__isnull=False
    ).exclude(answer__registration__status=RegistrationStatus.CANCELLED)
    if exclude_registration is not None:
        answers = answers.exclude(answer__registration=exclude_registration)
    rows = answers.values("choice_id").annotate(n=Count("id")).order_by()
    return {row["choice_id"]: row["n"] for row in rows}


def choice_places_summary(*, meeting) -> str:
    """The places left of the meeting's limited choices, as the public page shows them (for its cache)."""
    limited = list(
        Choice.objects.filter(question__meeting=meeting, capacity__isnull=False)
        .values_list("pk", "capacity")
        .order_by("pk")
    )
    if not limited:
        return ""
    taken = choice_places_taken(meeting=meeting)
    return ",".join(f"{pk}={max(capacity - taken.get(pk, 0), 0)}" for pk, capacity in limited)


def registration_answers(*, registration) -> list[Answer]:
    """The registration's answers in the questions' order, with question and choices (two queries)."""
    return list(
        Answer.objects.filter(registration=registration)
        .select_related("question")
        .prefetch_related("choices")
        .order_by("question__order", "question_id")
    )
