"""Invoice details of registrations for priced meetings: who pays, checked and stored.

An organisation pays by EAN number (13 digits with a GS1 check digit; every
Danish public body receives e-invoices on one) or by CVR number (8 digits,
modulus 11), with an optional requisition/order number and contact person. A
private payer gives a name and an address. The numbers are checked with
python-stdnum; spaces, hyphens and dots are allowed as typed and removed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import ean as stdnum_ean
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as NumberError

from meetings.selectors import free_cancellation_until

from .enums import PayerKind, RegistrationStatus
from .models import InvoiceDetails, Registration

ORGANISATION_FIELDS = ("organisation_name", "ean", "cvr", "reference", "contact_person")
PRIVATE_FIELDS = ("private_name", "street", "postal_code", "city")
SEPARATORS = " -.\u00a0"


def _digits(value: str) -> str:
    """The number as typed without spaces, hyphens and dots (also a no-break space)."""
    return "".join(char for char in (value or "") if char not in SEPARATORS)


def ean_clean(*, value: str) -> str:
    """An EAN (GLN) number as 13 digits, or a ValidationError with a Danish message."""
    number = _digits(value)
    if not number.isascii() or not number.isdigit():
        raise ValidationError(_("The EAN number may only contain digits."), code="ean_format")
    if len(number) != 13:
        raise ValidationError(
            _("An EAN number has 13 digits; you typed %(count)d.") % {"count": len(number)}, code="ean_length"
        )
    try:
        return stdnum_ean.validate(number)
    except NumberError:
        raise ValidationError(
            _("The EAN number is not valid: the last digit (the check digit) does not fit. Check the number."),
            code="ean_checksum",
        ) from None


def cvr_clean(*, value: str) -> str:
    """A CVR number as 8 digits ("DK" in front is allowed), or a ValidationError with a Danish message."""
    number = _digits(value).upper().removeprefix("DK")
    if not number.isascii() or not number.isdigit():
        raise ValidationError(_("The CVR number may only contain digits."), code="cvr_format")
    if len(number) != 8:
        raise ValidationError(
            _("A CVR number has 8 digits; you typed %(count)d.") % {"count": len(number)}, code="cvr_length"
        )
    try:
        return stdnum_cvr.validate(number)
    except InvalidLength:
        raise ValidationError(_("A CVR number has 8 digits."), code="cvr_length") from None
    except InvalidChecksum:
        raise ValidationError(
            _("The CVR number is not valid (the modulus 11 check fails). Check the number."), code="cvr_checksum"
        ) from None
    except NumberError:
        raise ValidationError(_("A CVR number never starts with 0. Check the number."), code="cvr_format") from None


def invoice_data_check(*, data: dict[str, Any]) -> dict[str, Any]:
    """The invoice details as they are stored, or a ValidationError (per field) naming what is missing.

    The fields of the other kind of payer are emptied: an organisation's
    details are not kept for a private payer, nor the reverse.
    """
    payer = data.get("payer")
    if payer not in PayerKind.values:
        raise ValidationError({"payer": _("Choose who pays.")})
    clean = {key: " ".join(str(data.get(key) or "").split()) for key in ORGANISATION_FIELDS + PRIVATE_FIELDS}
    errors: dict[str, str] = {}
    if payer == PayerKind.ORGANISATION:
        for key, check in (("ean", ean_clean), ("cvr", cvr_clean)):
            if clean[key]:
                try:
                    clean[key] = check(value=clean[key])
                except ValidationError as error:
                    errors[key] = error.messages[0]
        if not clean["ean"] and not clean["cvr"] and not errors:
            errors["ean"] = _("Give the organisation's EAN number or CVR number. Public bodies pay by EAN number.")
        for key in PRIVATE_FIELDS:
            clean[key] = ""
    else:
        required = {
            "private_name": _("Give the name of the one who pays."),
            "street": _("Give the address the invoice goes to."),
            "postal_code": _("Give the postcode."),
            "city": _("Give the city."),
        }
        errors.update({key: message for key, message in required.items() if not clean[key]})
        for key in ORGANISATION_FIELDS:
            clean[key] = ""
    if errors:
        raise ValidationError(errors)
    return {"payer": payer, **clean}


def invoice_details_store(*, registration: Registration, data: dict[str, Any] | None) -> InvoiceDetails | None:
    """Store (or replace) who pays for the registration; None data changes nothing.

    Called by registration_create and registration_update inside their
    transaction, so a sign-up and its invoice details are saved together.
    """
    if data is None:
        return None
    clean = invoice_data_check(data=data)
    details, _created = InvoiceDetails.objects.update_or_create(registration=registration, defaults=clean)
    return details


def invoice_details_store_new(*, items: list[tuple[Registration, dict[str, Any] | None]]) -> list[InvoiceDetails]:
    """Store who pays for new registrations (created in the caller's transaction): one insert for all.

    ``items``: (registration, data) pairs; None data: not asked. Checked as ``invoice_details_store``.
    """
    rows = [
        InvoiceDetails(registration=registration, **invoice_data_check(data=data))
        for registration, data in items
        if data is not None
    ]
    return InvoiceDetails.objects.bulk_create(rows) if rows else []


def invoice_details_of(*, registration: Registration) -> InvoiceDetails | None:
    try:
        return registration.invoice_details
    except InvoiceDetails.DoesNotExist:
        return None


def invoice_details_export(*, registration: Registration) -> dict[str, str] | None:
    """The invoice details as JSON-ready data (the personal data export)."""
    details = invoice_details_of(registration=registration)
    if details is None:
        return None
    return {
        "payer": details.payer,
        **{key: getattr(details, key) for key in ORGANISATION_FIELDS + PRIVATE_FIELDS},
    }


def invoice_details_anonymise(*, registration_ids: list[int]) -> int:
    """Remove what names a person from the invoice details of these registrations.

    A private payer's row goes; an organisation's EAN/CVR and reference stay
    (they name an organisation), its contact person goes.
    """
    rows = InvoiceDetails.objects.filter(registration_id__in=registration_ids)
    deleted, _by_model = rows.filter(payer=PayerKind.PRIVATE).delete()
    changed = rows.filter(payer=PayerKind.ORGANISATION).update(contact_person="")
    return deleted + changed


def cancellation_fee_may_apply(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    """True when cancelling now is past the meeting's free period (a confirmed seat of a priced meeting)."""
    meeting = registration.meeting
    if meeting.price <= 0 or registration.status != RegistrationStatus.CONFIRMED:
        return False
    until = free_cancellation_until(meeting=meeting)
    return until is not None and (now or timezone.now()) > until
