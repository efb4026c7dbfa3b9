"""Who pays: the invoice part of the sign-up form, asked only when the meeting has a price.

Its own form with the prefix ``invoice`` (fields ``invoice-payer``,
``invoice-ean``...), included by RegistrationForm and rendered by
``registration/_invoice_fields.html``. The rules are in
registration/invoicing.py, shared with the service.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netvaerk.fields import VisibleFormCharField

from .enums import PayerKind
from .invoicing import ORGANISATION_FIELDS, PRIVATE_FIELDS, invoice_data_check, invoice_details_of

PREFIX = "invoice"


class _Line(VisibleFormCharField):
    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


def _line(label, max_length, *, help_text="", autocomplete=None, inputmode=None):
    attrs = {key: value for key, value in (("autocomplete", autocomplete), ("inputmode", inputmode)) if value}
    return _Line(
        label=label, max_length=max_length, required=False, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


class InvoiceDetailsForm(forms.Form):
    payer = forms.ChoiceField(label=_("Who pays?"), choices=PayerKind.choices, widget=forms.RadioSelect)
    organisation_name = _line(
        _("Paying organisation"),
        200,
        help_text=_("Leave empty if it is the organisation you gave above."),
        autocomplete="organization",
    )
    # Room for spaces and hyphens as people type the number; the digits are checked in clean().
    ean = _line(_("EAN number"), 30, help_text=_("13 digits, e.g. 5798000000001."), inputmode="numeric")
    cvr = _line(_("CVR number"), 20, help_text=_("8 digits."), inputmode="numeric")
    reference = _line(_("Requisition or order number"), 100)
    contact_person = _line(_("Contact person"), 200, help_text=_("The person the invoice is addressed to."))
    private_name = _line(_("Name of the payer"), 200, autocomplete="name")
    street = _line(_("Address"), 200, autocomplete="street-address")
    postal_code = _line(_("Postcode"), 10, autocomplete="postal-code", inputmode="numeric")
    city = _line(_("City"), 100, autocomplete="address-level2")

    organisation_fields = ORGANISATION_FIELDS
    private_fields = PRIVATE_FIELDS

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            return invoice_data_check(data=data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data

    def service_data(self) -> dict:
        return dict(self.cleaned_data)

    @classmethod
    def initial_from(cls, registration) -> dict:
        details = invoice_details_of(registration=registration)
        if details is None:
            return {}
        return {key: getattr(details, key) for key in ("payer", *ORGANISATION_FIELDS, *PRIVATE_FIELDS)}


def invoice_form_for(meeting, data=None, *, initial=None) -> InvoiceDetailsForm | None:
    """The invoice part for a meeting with a price; None for a free meeting."""
    if not meeting.price or meeting.price <= 0:
        return None
    return InvoiceDetailsForm(data, initial=initial or {})
