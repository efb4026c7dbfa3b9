from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import DocumentKind
from .query import MAX_LENGTH, clean_query


class QueryField(forms.CharField):
    """The query with control and invisible characters (NUL among them) taken out before it is checked."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search for"),
        required=False,
        max_length=MAX_LENGTH,
        error_messages={
            "max_length": _("Write a shorter search: at most %(limit_value)d characters (you wrote %(show_value)d).")
        },
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All"))] + DocumentKind.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the types shown.")},
    )
