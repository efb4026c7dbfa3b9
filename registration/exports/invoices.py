"""The invoice basis of priced meetings: one row per registration, for the finance system.

Who pays (organisation by EAN/CVR, or a private payer), the reference and
contact, the participant, the amount and the status, and whether the person
came (from the check-in). The amount per row:

- confirmed: the meeting's price (a no-show pays too; the attendance column tells);
- on the waiting list: 0;
- cancelled: the price when cancelled after the free period of the meeting's
  terms (``free_cancellation_days``), else 0; the "late cancellation" column
  marks those rows, so the secretariat can apply the written terms;
- a cancelled meeting: 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from meetings.enums import MeetingStatus

from .. import selectors
from ..enums import ExportKind, PayerKind, RegistrationStatus
from .base import DATETIME, DECIMAL, Column, Exporter

ZERO = Decimal("0.00")

_DETAILS = "invoice_details__"


def _payer_name(row) -> str:
    if row[f"{_DETAILS}payer"] == PayerKind.PRIVATE:
        return row[f"{_DETAILS}private_name"]
    if row[f"{_DETAILS}payer"] == PayerKind.ORGANISATION:
        return row[f"{_DETAILS}organisation_name"] or row["organisation"]
    return ""


def _address(row) -> str:
    town = f"{row[f'{_DETAILS}postal_code'] or ''} {row[f'{_DETAILS}city'] or ''}".strip()
    return ", ".join(part for part in (row[f"{_DETAILS}street"], town) if part)


def _late_cancellation(row) -> bool:
    days = row["meeting__free_cancellation_days"]
    if row["status"] != RegistrationStatus.CANCELLED or days is None or row["cancelled_at"] is None:
        return False
    return row["cancelled_at"] > row["meeting__starts_at"] - dt.timedelta(days=days)


def _amount(row) -> Decimal:
    price = row["meeting__price"] or ZERO
    if row["meeting__status"] == MeetingStatus.CANCELLED:
        return ZERO
    if row["status"] == RegistrationStatus.CONFIRMED:
        return price
    if row["status"] == RegistrationStatus.CANCELLED and _late_cancellation(row):
        return price
    return ZERO


def invoice_columns() -> list[Column]:
    details = lambda key: f"{_DETAILS}{key}"  # noqa: E731
    return [
        Column("meeting_code", gettext_lazy("Meeting code"), field="meeting__code", width=12),
        Column("meeting_start", gettext_lazy("Meeting date"), field="meeting__starts_at", kind=DATETIME, width=18),
        Column("meeting_title", gettext_lazy("Meeting"), field="meeting__title", width=36),
        Column("payer", gettext_lazy("Payer"), field=details("payer"), choices=PayerKind.choices, width=24),
        Column(
            "payer_name",
            gettext_lazy("Payer's name"),
            value=_payer_name,
            reads=(details("payer"), details("private_name"), details("organisation_name"), "organisation"),
            width=32,
        ),
        Column("ean", gettext_lazy("EAN number"), field=details("ean"), width=15),
        Column("cvr", gettext_lazy("CVR number"), field=details("cvr"), width=10),
        Column("reference", gettext_lazy("Requisition or order number"), field=details("reference"), width=20),
        Column("contact_person", gettext_lazy("Contact person"), field=details("contact_person"), width=24),
        Column(
            "address",
            gettext_lazy("Address"),
            value=_address,
            reads=(details("street"), details("postal_code"), details("city")),
            width=36,
        ),
        Column("name", gettext_lazy("Participant"), width=26),
        Column("email", gettext_lazy("Email"), width=32),
        Column("organisation", gettext_lazy("Organisation"), width=30),
        Column(
            "amount",
            gettext_lazy("Amount (DKK)"),
            value=_amount,
            reads=(
                "meeting__price",
                "meeting__status",
                "status",
                "cancelled_at",
                "meeting__starts_at",
                "meeting__free_cancellation_days",
            ),
            kind=DECIMAL,
            width=12,
        ),
        Column("status", gettext_lazy("Status"), choices=RegistrationStatus.choices, width=20),
        Column(
            "late_cancellation",
            gettext_lazy("Cancelled after the free period"),
            value=lambda row: _("Yes") if _late_cancellation(row) else "",
            reads=("status", "cancelled_at", "meeting__starts_at", "meeting__free_cancellation_days"),
            width=14,
        ),
        # Filled in by InvoiceBasisExport.objects(), which knows the time.
        Column(
            "attendance",
            gettext_lazy("Attendance"),
            value=itemgetter("attendance"),
            reads=("status", "attended", "meeting__ends_at"),
            width=14,
        ),
        Column("registered_at", gettext_lazy("Registered"), field="created_at", kind=DATETIME, width=18),
        Column("cancelled_at", pgettext_lazy("registration status", "Cancelled"), kind=DATETIME, width=18),
    ]


class InvoiceBasisExport(Exporter):
    """One meeting's invoice basis (from the meeting's lists page)."""

    kind = ExportKind.INVOICE_BASIS
    slug = "fakturagrundlag"
    title = gettext_lazy("Invoice basis")
    formats = ("csv", "xlsx")

    def __init__(self, *, now: dt.datetime | None = None, **kwargs):
        super().__init__(**kwargs)
        # Attended or no-show is decided against this moment (a meeting not yet over has no no-shows).
        self.now = now or timezone.now()

    @classmethod
    def all_columns(cls) -> list[Column]:
        return invoice_columns()

    def objects(self):
        attended, no_show = _("Attended"), _("No-show")
        for row in super().objects():
            if row["status"] != RegistrationStatus.CONFIRMED:
                row["attendance"] = ""
            elif row["attended"]:
                row["attendance"] = attended
            else:
                row["attendance"] = no_show if row["meeting__ends_at"] <= self.now else ""
            yield row

    def meetings(self):
        return selectors.meetings_for_staff(user=self.user).filter(pk=self.meeting.pk)

    def queryset(self):
        return selectors.invoice_registrations(meetings=self.meetings())


class InvoiceBasisAcrossExport(InvoiceBasisExport):
    """The invoice basis of every priced meeting in a date range, of one network or of all the user plans."""

    slug = "fakturagrundlag"
    title = gettext_lazy("Invoice basis")

    def meetings(self):
        return selectors.priced_meetings_for_staff(
            user=self.user, start=self.options["start"], end=self.options["end"], network=self.network
        )

    def filename_stem(self) -> str:
        who = self.network.slug if self.network is not None else "alle"
        return f"{self.slug}-{who}-{self.options['start']:%Y%m%d}-{self.options['end']:%Y%m%d}"

    def log_parameters(self) -> dict[str, Any]:
        return {"start": self.options["start"].isoformat(), "end": self.options["end"].isoformat()}
