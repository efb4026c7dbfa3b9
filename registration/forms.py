import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netvaerk.fields import VisibleFormCharField, VisibleFormEmailField

from .enums import Diet
from .forms_invoice import InvoiceDetailsForm, invoice_form_for


def no_control_characters(value: str) -> None:
    for char in value:
        if char in "\n\r\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char == "\x00":
            raise ValidationError(_("Remove the invisible control characters from the text."))


class _CleanCharField(VisibleFormCharField):
    default_validators = [no_control_characters]

    def to_python(self, value):
        value = super().to_python(value)
        # One line fields: collapse stray whitespace, keep æøå and emoji as typed.
        return " ".join(value.split()) if value and not isinstance(self.widget, forms.Textarea) else value


class RegistrationForm(forms.Form):
    """The public sign-up form, also used to change a registration."""

    name = _CleanCharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = VisibleFormEmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = _CleanCharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation = _CleanCharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    job_title = _CleanCharField(
        label=_("Job title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    workshop_first = forms.ModelChoiceField(queryset=None, label=_("Workshop, 1st priority"), required=True)
    workshop_second = forms.ModelChoiceField(queryset=None, label=_("Workshop, 2nd priority"), required=False)
    sensitive_consent = forms.BooleanField(
        label=_("I agree that my dietary requirements and accessibility needs are stored for this meeting"),
        help_text=_(
            "They are special-category personal data. They are only used to plan food and access, and are deleted 30 days after the meeting."
        ),
        required=False,
    )
    diets = forms.MultipleChoiceField(
        label=_("Dietary requirements"), choices=Diet.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    diet_note = _CleanCharField(label=_("Other dietary requirements"), max_length=300, required=False)
    accessibility_needs = _CleanCharField(label=_("Accessibility needs"), max_length=500, required=False)
    comment = _CleanCharField(
        label=_("Comment"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my registration is stored"), required=True
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    def __init__(self, *args, meeting, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        # Who pays, when the meeting has a price: a form of its own (forms_invoice.py), checked with this one.
        self.invoice = invoice_form_for(
            meeting, self.data if self.is_bound else None, initial=self.initial.get("invoice")
        )
        # Read once for both priorities; the meeting page lists them from here too.
        self.workshops = workshops = list(meeting.workshops.all())
        if workshops:
            for name, empty_label in (
                ("workshop_first", _("Choose a workshop")),
                ("workshop_second", _("No 2nd priority")),
            ):
                field = self.fields[name]
                field.queryset = meeting.workshops.all()
                field.empty_label = empty_label
                # The options from the workshops read once above; each field would read them again.
                field.choices = [("", empty_label), *((w.pk, field.label_from_instance(w)) for w in workshops)]
        else:
            del self.fields["workshop_first"]
            del self.fields["workshop_second"]
        if editing:
            del self.fields["email"]
            del self.fields["privacy"]
            del self.fields["website"]

    def clean(self):
        data = super().clean()
        first, second = data.get("workshop_first"), data.get("workshop_second")
        if first and second and first == second:
            self.add_error("workshop_second", _("Your 1st and 2nd priority must be different workshops."))
        has_sensitive = data.get("diets") or data.get("diet_note") or data.get("accessibility_needs")
        if has_sensitive and not data.get("sensitive_consent"):
            self.add_error(
                "sensitive_consent",
                _(
                    "Tick the box if we may store your dietary requirements and accessibility needs - or leave those fields empty."
                ),
            )
        if self.invoice is not None and not self.invoice.is_valid():
            self.add_error(None, _("Check who pays for the meeting (below)."))
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website")) if hasattr(self, "cleaned_data") else False

    def service_data(self) -> dict:
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("email", "privacy", "website", "sensitive_consent")
        }
        if self.invoice is not None:
            data["invoice"] = self.invoice.service_data()
        return data

    @classmethod
    def initial_from(cls, registration) -> dict:
        return {
            "name": registration.name,
            "phone": registration.phone,
            "organisation": registration.organisation,
            "job_title": registration.job_title,
            "workshop_first": registration.workshop_first_id,
            "workshop_second": registration.workshop_second_id,
            "sensitive_consent": registration.sensitive_consent_at is not None,
            "diets": registration.diets,
            "diet_note": registration.diet_note,
            "accessibility_needs": registration.accessibility_needs,
            "comment": registration.comment,
            "invoice": InvoiceDetailsForm.initial_from(registration),
        }


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or organisation"), required=False, max_length=100)


class CheckInCodeForm(forms.Form):
    """A check-in code, scanned from a QR code or typed from a badge (checked by the service)."""

    code = forms.CharField(label=_("Check-in code"), max_length=40)
