"""The ten-year builder: who pays for a priced meeting, one row per registration, as the demo's course has them."""

from __future__ import annotations

import random

# Valid CVR numbers (modulus 11) of housing organisations; EAN numbers are made per organisation.
CVR_NUMBERS = ["13585628", "25313763", "10150817"]


class InvoicesBuilder:
    """Invoice details of the registrations of priced meetings: EAN (municipalities), CVR, or a private payer."""

    def _invoice(self, row: dict, invoices: list) -> None:
        # Its own random numbers, so the rest of the build stays as its seed makes it.
        rng = random.Random(row["id"])
        details = {"id": len(invoices) + 1, "registration_id": row["id"], "payer": "organisation"}
        how = rng.random()
        if how < 0.6:
            details.update(
                ean=_ean(row["organisation"]),
                reference=f"REK-{rng.randint(10000, 99999)}",
                contact_person="Bogholderiet" if rng.random() < 0.5 else row["name"],
            )
        elif how < 0.9:
            details.update(cvr=rng.choice(CVR_NUMBERS), reference=f"PO {rng.randint(1000, 9999)}")
            details["contact_person"] = row["name"]
        else:
            details.update(
                payer="private",
                private_name=row["name"],
                street="Mjølnerparken 12",
                postal_code="2200",
                city="København N",
            )
        invoices.append(details)

    def _copy_invoices(self, invoices: list) -> None:
        from registration.models import InvoiceDetails

        self._copy(InvoiceDetails, invoices)
        self._log(f"invoice details: {len(invoices)}")


def _ean(organisation: str) -> str:
    """A stable, valid EAN location number per organisation (GS1 check digit), in the 5798 range."""
    from stdnum import ean

    body = f"5798000{sum(map(ord, organisation)) % 100000:05d}"
    return body + ean.calc_check_digit(body)
