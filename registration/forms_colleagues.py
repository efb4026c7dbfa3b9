"""The "sign up colleagues too" part of the public sign-up form.

Rows are named ``c<n>-name``, ``c<n>-email``, ``c<n>-organisation`` and each
row's answers to the meeting's questions ``c<n>-q<id>`` (a QuestionsForm with
prefix ``c<n>``). Without JavaScript the page shows a fixed number of empty
rows (up to the meeting's limit); static/js/colleagues.js adds rows up to the
limit. The server counts the filled rows whatever the page showed: more than
the meeting allows is refused with a message.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from netvaerk.fields import VisibleFormCharField, VisibleFormEmailField

from .forms import no_control_characters
from .groups import Person
from .questions.forms import QuestionsForm

ROW_KEY = re.compile(r"^c(\d{1,4})-")
ROWS_WITHOUT_SCRIPT = 3
ROW_FIELDS = ("name", "email", "organisation")


class ColleagueForm(forms.Form):
    name = VisibleFormCharField(label=_("Colleague's name"), max_length=200, validators=[no_control_characters])
    email = VisibleFormEmailField(label=_("Colleague's email"), max_length=254)
    organisation = VisibleFormCharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        validators=[no_control_characters],
        help_text=_("Empty: the same as yours."),
    )


class ColleagueRow:
    """One colleague: the person's fields and their answers (prefix ``c<n>``)."""

    def __init__(self, index: int, data=None, *, questions=None, taken=None):
        self.index = index
        self.prefix = f"c{index}"
        self.form = ColleagueForm(data, prefix=self.prefix)
        self.questions_form = (
            QuestionsForm(data, questions=questions, taken=taken, prefix=self.prefix) if questions else None
        )
        self.error = ""  # a message about the row from the service (duplicate)
        self.outcome = ""

    def is_blank(self) -> bool:
        if not self.form.is_bound:
            return True
        keys = [self.form.add_prefix(name) for name in ROW_FIELDS]
        if self.questions_form is not None:
            keys += [self.questions_form.add_prefix(q.field_name) for q in self.questions_form.questions]
        return not any(str(value).strip() for key in keys for value in self.form.data.getlist(key))

    def _answered(self) -> bool:
        data = self.form.data
        return any(
            str(value).strip()
            for q in self.questions_form.questions
            for value in data.getlist(self.questions_form.add_prefix(q.field_name))
        )

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        if self.questions_form is not None and self._answered():
            # Answers given now are checked as on the colleague's own page; none given: they answer later.
            valid = self.questions_form.is_valid() and valid
        return valid

    def person(self) -> Person:
        answers = None
        if self.questions_form is not None and self._answered():
            answers = self.questions_form.answers()
        data = self.form.cleaned_data
        return Person(
            name=data["name"], email=data["email"], organisation=data.get("organisation") or "", answers=answers
        )


class ColleaguesForm:
    """The booker's choice ("I am not taking part myself") and the colleague rows."""

    def __init__(self, data=None, *, meeting, questions=None, taken=None):
        self.limit = meeting.max_colleagues or 0
        self.data = data
        self.is_bound = data is not None
        self.not_attending = forms.BooleanField(required=False).clean(
            (data or {}).get("not_attending") in ("on", "1", "true", "True")
        )
        self.errors: list[str] = []
        self.questions, self.taken = questions, taken
        indexes = set(range(1, min(self.limit, ROWS_WITHOUT_SCRIPT) + 1))
        if data is not None:
            indexes |= {int(m.group(1)) for key in data for m in [ROW_KEY.match(key)] if m}
        self._indexes = sorted(indexes)

    @cached_property
    def rows(self) -> list[ColleagueRow]:
        # Built when first read: a meeting page whose empty form is kept rendered never reads them.
        return [ColleagueRow(i, self.data, questions=self.questions, taken=self.taken) for i in self._indexes]

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    @property
    def template_row(self) -> ColleagueRow:
        """An empty row numbered ``__N__``, which the page's script copies and renumbers."""
        row = ColleagueRow.__new__(ColleagueRow)
        row.index, row.prefix = "__N__", "c__N__"
        row.form = ColleagueForm(prefix=row.prefix)
        row.questions_form = (
            QuestionsForm(questions=self.questions, taken=self.taken, prefix=row.prefix) if self.questions else None
        )
        return row

    def filled_rows(self) -> list[ColleagueRow]:
        return [row for row in self.rows if not row.is_blank()]

    @property
    def used(self) -> bool:
        return self.is_bound and (self.not_attending or bool(self.filled_rows()))

    def is_valid(self) -> bool:
        filled = self.filled_rows()
        if len(filled) > self.limit:
            self.errors.append(
                str(_("You can sign up at most %(limit)s colleagues for this meeting.") % {"limit": self.limit})
                if self.limit
                else str(_("This meeting does not take sign-ups of colleagues."))
            )
            return False
        if self.not_attending and not filled:
            self.errors.append(str(_("You are not taking part yourself: add at least one colleague.")))
            return False
        return all([row.is_valid() for row in filled])

    def people(self) -> list[Person]:
        return [row.person() for row in self.filled_rows()]

    def shown_rows(self) -> list[ColleagueRow]:
        """The rows the page shows: the filled ones after a post, else the empty ones for a page without script."""
        filled = self.filled_rows() if self.is_bound else []
        return filled or self.rows[: min(self.limit, ROWS_WITHOUT_SCRIPT)]
