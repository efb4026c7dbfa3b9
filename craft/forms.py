import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.enums import MeetingFormat
from meetings.models import Meeting
from netvaerk.forms import CalendarDateField, CalendarYearField
from netvaerk.models import Network, Organisation

from .enums import Rating


class _MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.local_start:%d.%m.%Y} · {obj.title}"


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Idea"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    tags = forms.CharField(
        label=_("Tags"), max_length=300, required=False, help_text=_("Words to find the idea by, separated by commas.")
    )
    meeting = _MeetingChoiceField(
        label=_("From the meeting"), queryset=Meeting.objects.none(), required=False, empty_label=_("No meeting")
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(network=network).exclude(status="draft").order_by("-starts_at")
        )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("Why and how"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would you like to get out of it? Could you or someone you know give a short talk?"),
    )


class ProposalPlanForm(forms.Form):
    meeting = _MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), empty_label=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was the meeting, all in all?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What worked, and what should the next meeting do differently?"),
    )


class YearForm(forms.Form):
    aar = CalendarYearField(label=_("Year"), required=False)


class PlanSlotForm(forms.Form):
    """One draft meeting of "plan next year": the day, the format, the host."""

    create = forms.BooleanField(label=_("Create"), required=False, initial=True)
    starts_on = CalendarDateField(label=_("Date"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=MeetingFormat.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    host = forms.ModelChoiceField(
        label=_("Host"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("No host yet"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    number = forms.IntegerField(widget=forms.HiddenInput)
    count = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, organisations=None, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["host"].queryset = organisations
        self.year = year

    def clean_starts_on(self):
        value: dt.date = self.cleaned_data["starts_on"]
        if self.year and value.year != self.year:
            raise forms.ValidationError(_("Choose a day in %(year)d.") % {"year": self.year})
        return value


class BasePlanFormSet(forms.BaseFormSet):
    def __init__(self, *args, organisations=None, year=None, **kwargs):
        self.organisations = organisations
        self.year = year
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "organisations": self.organisations, "year": self.year}


PlanFormSet = forms.formset_factory(PlanSlotForm, formset=BasePlanFormSet, extra=0)
