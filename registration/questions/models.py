"""Questions a consultant adds to a meeting, their choices, and each registration's answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    YES_NO = "yes_no", _("Yes/no")
    SINGLE_CHOICE = "single_choice", _("One choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Several choices")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")


CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)
# A condition names an answer of one of these (the form value the page compares: "yes", "no" or a choice's id).
CONDITION_KINDS = (QuestionKind.YES_NO, *CHOICE_KINDS)
YES, NO = "yes", "no"


class Question(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    identifier = models.SlugField(
        _("identifier"),
        max_length=60,
        blank=True,
        help_text=_(
            "The column heading in the participant lists. Made from the question when left empty; keep it stable."
        ),
    )
    condition_question = models.ForeignKey(
        "self",
        verbose_name=_("shown only when the question"),
        # Not while another question depends on it; both go when the meeting goes.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="dependents",
    )
    condition_value = models.CharField(
        _("has the answer"),
        max_length=20,
        blank=True,
        help_text=_("'yes', 'no' or the id of one of its choices."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "identifier"],
                name="question_identifier_unique_per_meeting",
                violation_error_message=_("Another question of the meeting has this identifier."),
            ),
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"),
            models.CheckConstraint(
                condition=Q(condition_question__isnull=True, condition_value="")
                | Q(condition_question__isnull=False) & ~Q(condition_value=""),
                name="question_condition_complete",
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.identifier:
            # From the question's words, free within the meeting (the admin's form does the same).
            base = slugify(self.label)[:50] or "spoergsmaal"
            taken = set(Question.objects.filter(meeting_id=self.meeting_id).values_list("identifier", flat=True))
            self.identifier, n = base, 2
            while self.identifier in taken:
                self.identifier, n = f"{base}-{n}", n + 1
        super().save(*args, **kwargs)

    @property
    def field_name(self) -> str:
        """The form field's name (without the form's prefix); the page's script knows the question by it."""
        return f"q{self.pk}"


class Choice(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("choice"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit. Shown as places left on the form.")
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["order", "id"]

    def __str__(self):
        return self.label


def typed_answer(kind: str, value, choices):
    """An answer as Python from its stored parts: ``value`` (the JSON) and, for a choice question, its
    chosen ``choices``. str, bool, Decimal, date, a Choice (or None) or a list of Choices."""
    if kind in CHOICE_KINDS:
        chosen = sorted(choices, key=lambda c: (c.order, c.pk))
        if kind == QuestionKind.SINGLE_CHOICE:
            return chosen[0] if chosen else None
        return chosen
    if value is None:
        return None
    if kind == QuestionKind.NUMBER:
        return Decimal(value)
    if kind == QuestionKind.DATE:
        return dt.date.fromisoformat(value)
    return value


class Answer(models.Model):
    """One registration's answer to one question.

    ``value`` holds the typed answer as JSON (text, true/false, a number as a
    decimal string, a date as ISO text); the choices of a choice question are
    in ``choices``, so the places taken of a choice are counted in the database.
    """

    registration = models.ForeignKey(
        "registration.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("answer"), null=True, blank=True)
    choices = models.ManyToManyField(Choice, verbose_name=_("choices"), blank=True, related_name="answers")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_one_per_question"),
        ]

    def __str__(self):
        return f"{self.question}: {self.display()}"

    def typed(self, choices=None):
        """The answer as Python: str, bool, Decimal, date, a Choice or a list of Choices.

        ``choices``: the answer's choices when already loaded (a prefetch), else they are read.
        """
        kind = self.question.kind
        if kind in CHOICE_KINDS and choices is None:
            choices = self.choices.all()
        return typed_answer(kind, self.value, choices or ())

    def display(self) -> str:
        from .rules import display_value

        return display_value(self.question.kind, self.typed())
