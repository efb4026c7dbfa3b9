"""Model fields for what people type about themselves: names, organisations, job titles, emails.

``VisibleCharField`` and ``VisibleEmailField`` remove invisible format
characters (``netvaerk.text.strip_format_characters``) from their value on
every way to the database: ``save()``, ``create()``, ``bulk_create()``,
``update()``, ``bulk_update()``, and the model and form validation that the
admin and every ModelForm run. Lookups by ``exact`` and ``iexact`` clean
their value the same way, so an address with a zero-width space in it finds
the account of the clean address instead of colliding with it. So every door that stores a person's name
(public sign-up, personal link, profile, account sign-up, admin, member
import, comments, requests for offers) gets the rule without knowing it.

The column is unchanged: ``deconstruct()`` names the plain Django field, so
migrations neither see nor need this class (it is behaviour, not schema).
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models.lookups import IExact

from .text import strip_format_characters


def _clean(value):
    return strip_format_characters(value) if isinstance(value, str) else value


class VisibleFormCharField(forms.CharField):
    """A form field that drops invisible format characters before the required and length checks."""

    def to_python(self, value):
        return super().to_python(_clean(value))


class VisibleFormEmailField(forms.EmailField):
    def to_python(self, value):
        return super().to_python(_clean(value))


class _CleanIExact(IExact):
    # Django leaves an iexact value unprepared; here it passes through the field's cleaning.
    prepare_rhs = True


class _VisibleMixin:
    form_class: type[forms.Field]
    plain_path: str

    def to_python(self, value):
        return _clean(super().to_python(value))

    def get_prep_value(self, value):
        return _clean(super().get_prep_value(value))

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        cleaned = _clean(value)
        if cleaned != value:
            # The saved object shows what the database holds.
            setattr(model_instance, self.attname, cleaned)
        return cleaned

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": self.form_class, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, self.plain_path, args, kwargs


class VisibleCharField(_VisibleMixin, models.CharField):
    """A CharField without invisible format characters (names, organisations, job titles)."""

    form_class = VisibleFormCharField
    plain_path = "django.db.models.CharField"


class VisibleEmailField(_VisibleMixin, models.EmailField):
    """An EmailField without invisible format characters."""

    form_class = VisibleFormEmailField
    plain_path = "django.db.models.EmailField"


VisibleCharField.register_lookup(_CleanIExact)
VisibleEmailField.register_lookup(_CleanIExact)
