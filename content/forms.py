import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.fields import VisibleFormCharField, VisibleFormEmailField
from netvaerk.forms import CalendarDateField
from registration.forms import no_control_characters

from .enums import FORMAT_DEFAULT_TIMES, OfferFormat
from .models import Offer


class _OneLine(VisibleFormCharField):
    default_validators = [no_control_characters]

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


class _Honeypot(forms.Form):
    # Hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    @property
    def is_spam(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("website"))


class CommentForm(_Honeypot):
    """A comment: members write only the text; guests also give a name and an email."""

    name = _OneLine(label=_("Name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = VisibleFormEmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Not shown on the site. We only use it if we need to ask you about your comment."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=3000,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, member: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        if member:
            del self.fields["name"]
            del self.fields["email"]
            del self.fields["website"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError(_("Write a comment."))
        return body


class OfferRequestForm(_Honeypot):
    """The public request for an offer."""

    organisation_name = _OneLine(
        label=_("Organisation"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    contact_name = _OneLine(
        label=_("Contact person"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = VisibleFormEmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = _OneLine(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    format = forms.ChoiceField(label=_("Preferred format"), required=False)
    period = _OneLine(
        label=_("Preferred period"),
        max_length=200,
        required=False,
        help_text=_("For example 'autumn 2026, preferably a Thursday'."),
    )
    participants = forms.IntegerField(label=_("Expected number of participants"), min_value=1, max_value=2000)
    wishes = forms.CharField(
        label=_("Wishes and questions"),
        max_length=3000,
        required=False,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should the participants take home? Who are they?"),
    )
    privacy = forms.BooleanField(
        label=_("I agree that my request is stored and sent to the provider and the secretariat"), required=True
    )

    def __init__(self, *args, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(OfferFormat.choices)
        choices = [(value, labels[value]) for value in OfferFormat.values if value in (offer.formats or [])]
        self.fields["format"].choices = [("", _("Not decided yet"))] + choices
        if not choices:
            del self.fields["format"]

    def service_data(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key not in ("privacy", "website")}


# --- admin ------------------------------------------------------------------------------------


class OfferAdminForm(forms.ModelForm):
    formats = forms.MultipleChoiceField(
        label=_("formats"),
        choices=OfferFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The formats a customer can choose between."),
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "slug",
            "kind",
            "status",
            "order",
            "subtitle",
            "teaser",
            "audience",
            "introduction",
            "points_heading",
            "points",
            "description",
            "formats",
            "format_note",
            "price_note",
            "provider",
            "organiser",
        ]

    def clean_formats(self):
        chosen = set(self.cleaned_data["formats"])
        return [value for value in OfferFormat.values if value in chosen]


class CreateMeetingForm(forms.Form):
    """The date and times of the draft theme day made from an agreed request."""

    # Browsers' date and time inputs speak ISO (2026-04-21, 09:30), whatever the page's language.
    date = CalendarDateField(label=_("Date"), input_formats=["%Y-%m-%d", "%d.%m.%Y"])
    start_time = forms.TimeField(
        label=_("Start time"),
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("End time"),
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    @classmethod
    def initial_for(cls, offer_request) -> dict:
        start, end = FORMAT_DEFAULT_TIMES.get(offer_request.format, FORMAT_DEFAULT_TIMES[OfferFormat.WHOLE_DAY])
        return {"start_time": dt.time(*start), "end_time": dt.time(*end)}

    def clean(self):
        data = super().clean()
        date, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if date and date < timezone.localdate():
            self.add_error("date", _("Choose a date that has not passed."))
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        return data

    def starts_ends(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return (
            timezone.make_aware(dt.datetime.combine(data["date"], data["start_time"])),
            timezone.make_aware(dt.datetime.combine(data["date"], data["end_time"])),
        )
