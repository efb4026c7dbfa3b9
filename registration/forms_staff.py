"""Forms of the staff export pages: column choice, date range, years."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.forms import CalendarDateField, CalendarYearField

from .enums import ParticipantScope
from .exports.base import Exporter


class ColumnChoiceForm(forms.Form):
    """Which columns (and for a meeting, which registrations) go into the file."""

    columns = forms.MultipleChoiceField(
        label=_("Columns"), widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    format = forms.ChoiceField(label=_("Format"), widget=forms.HiddenInput)

    def __init__(self, *args, exporter: Exporter, **kwargs):
        super().__init__(*args, **kwargs)
        self.exporter = exporter
        self.fields["columns"].choices = [
            (column.key, f"{column.label} *" if column.sensitive else column.label)
            for column in exporter.available_columns()
        ]
        self.offers_sensitive = any(column.sensitive for column in exporter.available_columns())
        self.fields["columns"].initial = [column.key for column in exporter.columns]
        self.fields["format"].choices = [(fmt, fmt.upper()) for fmt in exporter.formats]

    def chosen_columns(self) -> list[str]:
        # Keep the file's column order, whatever order the browser sent.
        chosen = set(self.cleaned_data["columns"])
        return [column.key for column in self.exporter.available_columns() if column.key in chosen]


class ParticipantListForm(ColumnChoiceForm):
    scope = forms.ChoiceField(
        label=_("Who"),
        choices=ParticipantScope.choices,
        initial=ParticipantScope.CONFIRMED,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    field_order = ["scope", "columns", "format"]


class DateRangeForm(forms.Form):
    """A date range read from the download link (?fra=YYYY-MM-DD&til=YYYY-MM-DD)."""

    fra = CalendarDateField(label=_("From"))
    til = CalendarDateField(label=_("To"))

    def clean(self):
        data = super().clean()
        start, end = data.get("fra"), data.get("til")
        if start and end and end < start:
            raise ValidationError(_("The end date is before the start date."))
        return data

    def start_with_this_year(self) -> None:
        today = timezone.localdate()
        self.fields["fra"].initial = dt.date(today.year, 1, 1)
        self.fields["til"].initial = dt.date(today.year, 12, 31)


class NetworkRegistrationsForm(ColumnChoiceForm, DateRangeForm):
    network = forms.ModelChoiceField(label=_("Network"), queryset=None)

    field_order = ["network", "fra", "til", "columns", "format"]

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.start_with_this_year()


class YearRangeForm(forms.Form):
    year_from = CalendarYearField(label=_("From year"), required=False)
    year_to = CalendarYearField(label=_("To year"), required=False)


class InvoiceBasisForm(DateRangeForm):
    """The invoice basis across meetings: a period and, if wanted, one network."""

    network = forms.ModelChoiceField(
        label=_("Network"), queryset=None, required=False, empty_label=_("All the networks you plan")
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "XLSX"), ("csv", "CSV")], widget=forms.HiddenInput)

    field_order = ["network", "fra", "til", "format"]

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.start_with_this_year()
