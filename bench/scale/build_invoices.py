"""The ten-year builder: who pays for a priced meeting, one row per registration, as the demo's course has them."""

from __future__ import annotations

import random


class InvoicesBuilder:
    """Invoice details of the registrations of priced meetings: EAN (municipalities), CVR, or a private payer."""

    def _invoice(self, row: dict, invoices: list) -> None:
        from demo.loaders.invoicing import payer_details

        # Its own random numbers, so the rest of the build stays as its seed makes it.
        rng = random.Random(row["id"])
        how = rng.random()
        how = "ean" if how < 0.6 else "cvr" if how < 0.9 else "private"
        details = payer_details(rng, name=row["name"], organisation=row["organisation"], how=how)
        invoices.append({"id": len(invoices) + 1, "registration_id": row["id"], **details})

    def _copy_invoices(self, invoices: list) -> None:
        from registration.models import InvoiceDetails

        self._copy(InvoiceDetails, invoices)
        self._log(f"invoice details: {len(invoices)}")
