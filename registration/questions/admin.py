"""The questions of a meeting, edited in the meeting's admin (contributed by registration/admin.py).

Choices are typed one per line in the question's own row, with the places after
a bar: ``Bus fra Aarhus | 20``. A choice keeps its identity (and the answers
that picked it) as long as its text stays the same. A condition is picked from
the answers of the meeting's saved yes/no and choice questions above it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netvaerk.admin import ScopedInlineMixin

from ..enums import RegistrationStatus
from .models import CHOICE_KINDS, CONDITION_KINDS, NO, YES, Question
from .services import ChoiceLine, question_choices_set


def parse_choice_lines(text: str) -> list[ChoiceLine]:
    lines, seen = [], set()
    for raw in text.splitlines():
        if not raw.strip():
            continue
        label, bar, places = raw.partition("|")
        label = " ".join(label.split())
        capacity = None
        if bar:
            places = places.strip()
            if places and not (places.isascii() and places.isdigit() and len(places) <= 6):
                raise forms.ValidationError(
                    gettext("Write the places of “%(choice)s” as a whole number after the bar.") % {"choice": label}
                )
            capacity = int(places) if places else None
        if not label or len(label) > 200:
            raise forms.ValidationError(gettext("Each choice needs a text of at most 200 characters."))
        if label in seen:
            raise forms.ValidationError(gettext("The choice “%(choice)s” is there twice.") % {"choice": label})
        seen.add(label)
        lines.append(ChoiceLine(label, capacity))
    return lines


class QuestionInlineForm(forms.ModelForm):
    meeting = None  # the meeting whose page this is (set by QuestionInline.get_formset)

    condition = forms.ChoiceField(
        label=_("Show only when"),
        required=False,
        help_text=_("An answer of a yes/no or choice question above this one. Save new questions first."),
    )
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 30}),
        help_text=_("One per line; places after a bar, e.g. “Coach | 20”."),
    )

    class Meta:
        model = Question
        fields = ["order", "label", "kind", "required", "help_text", "identifier"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "---------")]
        self._targets = {}
        for question in self._meeting_questions():
            if question.kind not in CONDITION_KINDS or question.pk == self.instance.pk:
                continue
            answers = (
                [(YES, gettext("Yes")), (NO, gettext("No"))]
                if question.kind not in CHOICE_KINDS
                else [(str(choice.pk), choice.label) for choice in question.choices.all()]
            )
            for value, text in answers:
                key = f"{question.pk}:{value}"
                options.append((key, f"{question.label} = {text}"))
                self._targets[key] = (question, value)
        self.fields["condition"].choices = options
        if self.instance.pk:
            if self.instance.condition_question_id:
                self.initial["condition"] = f"{self.instance.condition_question_id}:{self.instance.condition_value}"
            self.initial["choices_text"] = "\n".join(
                f"{c.label} | {c.capacity}" if c.capacity is not None else c.label for c in self.instance.choices.all()
            )

    def _meeting_questions(self) -> list[Question]:
        if self.meeting is None or self.meeting.pk is None:
            return []
        cache = self.meeting.__dict__.setdefault("_question_admin_cache", None)
        if cache is None:
            cache = list(Question.objects.filter(meeting=self.meeting).prefetch_related("choices"))
            self.meeting.__dict__["_question_admin_cache"] = cache
        return cache

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        try:
            lines = parse_choice_lines(data.get("choices_text") or "")
        except forms.ValidationError as error:
            self.add_error("choices_text", error)
            lines = None
        if lines is not None:
            if kind in CHOICE_KINDS and not lines:
                self.add_error("choices_text", gettext("A choice question needs at least one choice."))
            elif kind and kind not in CHOICE_KINDS and lines:
                self.add_error("choices_text", gettext("Only choice questions have choices."))
            elif self.instance.pk and kind in CHOICE_KINDS:
                self._check_removed(lines)
        self.lines = lines or []
        if self.instance.pk and kind and kind != self.instance.kind and self.instance.answers.exists():
            self.add_error("kind", gettext("The kind of answer cannot change once people have answered."))
        target = self._targets.get(data.get("condition") or "")
        if target is not None:
            question, value = target
            own_order = data.get("order") or 0
            above = (question.order, question.pk) < (own_order, self.instance.pk or float("inf"))
            if not above:
                self.add_error("condition", gettext("The question it depends on must come before this one."))
        self.target = target
        if not data.get("identifier") and data.get("label"):
            data["identifier"] = self._free_identifier(slugify(data["label"])[:50] or "spoergsmaal")
        return data

    def _check_removed(self, lines) -> None:
        keep = {line.label for line in lines}
        for choice in self.instance.choices.all():
            if choice.label in keep:
                continue
            picked = choice.answers.exclude(registration__status=RegistrationStatus.CANCELLED).count()
            if picked:
                self.add_error(
                    "choices_text",
                    gettext("“%(choice)s” is chosen by %(n)d registrations and cannot be removed.")
                    % {"choice": choice.label, "n": picked},
                )
            if Question.objects.filter(condition_question=self.instance, condition_value=str(choice.pk)).exists():
                self.add_error(
                    "choices_text",
                    gettext("Another question is shown on “%(choice)s”; change that condition first.")
                    % {"choice": choice.label},
                )

    def _free_identifier(self, base: str) -> str:
        taken = {q.identifier for q in self._meeting_questions() if q.pk != self.instance.pk}
        identifier, n = base, 2
        while identifier in taken:
            identifier, n = f"{base}-{n}", n + 1
        return identifier

    def save(self, commit=True):
        question = super().save(commit=False)
        if self.target is not None:
            question.condition_question, question.condition_value = self.target[0], self.target[1]
        else:
            question.condition_question, question.condition_value = None, ""
        if commit:
            question.save()
            question_choices_set(question=question, lines=self.lines)
        else:
            self.save_m2m = lambda: question_choices_set(question=question, lines=self.lines)
        return question


class QuestionInline(ScopedInlineMixin, admin.StackedInline):
    model = Question
    fk_name = "meeting"
    form = QuestionInlineForm
    extra = 0
    ordering = ["order", "id"]
    fields = [("order", "label"), ("kind", "required"), "choices_text", "condition", "help_text", "identifier"]
    verbose_name = _("question to the participants")
    verbose_name_plural = _("questions to the participants")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices").select_related("condition_question")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type("QuestionInlineForm", (self.form,), {"meeting": obj})
        return super().get_formset(request, obj, **kwargs)
