"""Reading what people type and what links carry, within bounds: the one way every app does it.

Dates, months and years are read by form fields bounded to the portal's
calendar (``CALENDAR_FIRST`` to ``CALENDAR_LAST``), so a link such as
``?month=9999-12`` or ``?fra=0001-01-01&til=9999-12-31`` gets a clear message
instead of a date arithmetic overflow further in (``date + timedelta`` past
year 9999). Ids read from a form or a query string go through
``parse_id`` (and ``BoundedModelMultipleChoiceField``). NUL bytes in the address, the query string and cookies are
answered by ``netvaerk.middleware.NulByteMiddleware``; form fields refuse them
themselves (Django's ``CharField``), with a message.

A re-rendered form never echoes more of a value than its field can hold: the
project's form renderer (``FORM_RENDERER``) gives every form a bound field that
cuts a sent value to the field's ``max_length`` (or ``SHORT_VALUE_LENGTH`` for
dates, numbers and choices), and error messages that quote a value to
``ERROR_LENGTH`` characters.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

CALENDAR_FIRST = dt.date(2000, 1, 1)
CALENDAR_LAST = dt.date(2100, 12, 31)
# Ids are PostgreSQL bigints; a longer number is no id (and int() refuses more than 4,300 digits).
ID_MAX = 2**63 - 1

SHORT_VALUE_LENGTH = 100
ERROR_LENGTH = 300


@deconstructible
class CalendarValidator:
    """A date (or datetime) within the portal's calendar; ``months`` words the message for a month."""

    def __init__(self, *, months: bool = False):
        self.months = months

    def __call__(self, value):
        day = value.date() if isinstance(value, dt.datetime) else value
        if CALENDAR_FIRST <= day <= CALENDAR_LAST:
            return
        if self.months:
            message, shown = _("Choose a month between %(first)s and %(last)s."), "YEAR_MONTH_FORMAT"
        else:
            message, shown = _("Choose a date between %(first)s and %(last)s."), "DATE_FORMAT"
        raise ValidationError(
            message,
            code="outside_calendar",
            params={"first": date_format(CALENDAR_FIRST, shown), "last": date_format(CALENDAR_LAST, shown)},
        )

    def __eq__(self, other):
        return isinstance(other, CalendarValidator) and other.months == self.months


calendar_validator = CalendarValidator()


class CalendarDateField(forms.DateField):
    """A date in the portal's calendar, as browsers' date inputs send it (2026-04-21) or as typed."""

    default_validators = [calendar_validator]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)


class MonthField(forms.DateField):
    """A month as year-month (2026-10), read as its first day, within the portal's calendar."""

    default_validators = [CalendarValidator(months=True)]
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Write the month as year-month, e.g. 2026-10.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))
        super().__init__(**kwargs)


class CalendarYearField(forms.IntegerField):
    """A year of the portal's calendar."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", CALENDAR_FIRST.year)
        kwargs.setdefault("max_value", CALENDAR_LAST.year)
        super().__init__(**kwargs)


class IdField(forms.IntegerField):
    """A database id: a positive whole number a bigint holds."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators += [MinValueValidator(1), MaxValueValidator(ID_MAX)]


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's multiple model choice, reading each sent id through ``parse_id`` before the database does:
    SQLite cannot bind a number beyond 64 bits, and Django's ``id__in`` lookup does not check the range."""

    def clean(self, value):
        pk = self.queryset.model._meta.pk
        if value and not self.to_field_name and isinstance(pk, models.IntegerField):
            for sent in value if isinstance(value, list | tuple) else [value]:
                if parse_id(sent) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": sent}
                    )
        return super().clean(value)


def parse_id(value) -> int | None:
    """The id in a query string or form value, or None when it is no id (letters, '²', 10,000 digits)."""
    field = IdField()
    try:
        return field.clean(value)
    except ValidationError:
        return None


def calendar_date(year, month=1, day=1) -> dt.date | None:
    """The date of these parts (strings or numbers) when it lies in the portal's calendar, else None."""
    parts = [parse_id(part) for part in (year, month, day)]
    if None in parts:
        return None
    try:
        value = dt.date(*parts)
    except (ValueError, OverflowError):
        return None
    return value if CALENDAR_FIRST <= value <= CALENDAR_LAST else None


# --- Re-rendered forms echo a bounded value -------------------------------------------------------------


class BoundedBoundField(BoundField):
    """A bound field whose re-rendered value and error messages stay within the field's bounds."""

    def value(self):
        value = super().value()
        if self.form.is_bound and isinstance(value, str):
            limit = getattr(self.field, "max_length", None)
            if limit is None and not isinstance(self.field, forms.CharField):
                limit = SHORT_VALUE_LENGTH
            if limit is not None and len(value) > limit:
                value = value[:limit]
        return value

    @property
    def errors(self):
        errors = super().errors
        if all(len(str(message)) <= ERROR_LENGTH for message in errors):
            return errors
        # Django's choice fields quote the value they refuse.
        shortened = [Truncator(str(message)).chars(ERROR_LENGTH) for message in errors]
        return self.form.error_class(shortened, renderer=self.form.renderer)


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's, with bounded echoes."""

    bound_field_class = BoundedBoundField
