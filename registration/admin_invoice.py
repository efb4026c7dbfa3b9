"""Who pays, as an inline on a registration's admin page: the secretariat corrects an EAN or a reference.

The same checks as the sign-up form (registration/invoicing.py): a number that
fails its check digit is refused here too, and the other payer kind's fields
are emptied.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .invoicing import invoice_data_check
from .models import InvoiceDetails


class InvoiceDetailsAdminForm(forms.ModelForm):
    # Room for the spaces and hyphens of a number as typed; stored as digits (invoice_data_check).
    ean = forms.CharField(label=_("EAN number"), max_length=30, required=False)
    cvr = forms.CharField(label=_("CVR number"), max_length=20, required=False)

    class Meta:
        model = InvoiceDetails
        fields = [
            "payer",
            "organisation_name",
            "ean",
            "cvr",
            "reference",
            "contact_person",
            "private_name",
            "street",
            "postal_code",
            "city",
        ]

    def clean(self):
        data = super().clean()
        if self.errors or not self.has_changed():
            return data
        try:
            data.update(invoice_data_check(data=data))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data


class InvoiceDetailsInline(admin.StackedInline):
    model = InvoiceDetails
    form = InvoiceDetailsAdminForm
    max_num = 1
    can_delete = True
    fieldsets = [
        (None, {"fields": ["payer"]}),
        (None, {"fields": [("organisation_name", "contact_person"), ("ean", "cvr"), "reference"]}),
        (None, {"fields": ["private_name", "street", ("postal_code", "city")]}),
    ]

    def get_queryset(self, request):
        # The heading names the payer, by default the registration's organisation: read it with the details.
        return super().get_queryset(request).select_related("registration")

    def get_extra(self, request, obj=None, **kwargs):
        # An empty form to fill in for a priced meeting's registration that has none yet.
        if obj is None or obj.meeting.price <= 0 or InvoiceDetails.objects.filter(registration=obj).exists():
            return 0
        return 1


def invoice_inlines(registration) -> list[type[admin.StackedInline]]:
    """Who pays, on the page of a registration for a priced meeting (or one that has details already)."""
    if registration is None:
        return []
    if registration.meeting.price > 0 or InvoiceDetails.objects.filter(registration=registration).exists():
        return [InvoiceDetailsInline]
    return []
