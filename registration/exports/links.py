"""The download links of a meeting's lists, shared by the staff pages and the admin."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from .arrangements import WorkshopsExport
from .invoices import InvoiceBasisExport
from .lists import MEETING_EXPORTERS


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class ListLinks:
    title: str
    links: list[Link]


def meeting_list_links(meeting, *, has_workshops: bool = True) -> list[ListLinks]:
    """One entry per list of the meeting, each with a link per format (PDF first where there is one)."""
    result = []
    for slug, exporter in MEETING_EXPORTERS.items():
        if exporter is WorkshopsExport and not has_workshops:
            continue
        if exporter is InvoiceBasisExport and not meeting.price > 0:
            continue  # only a meeting with a price is invoiced
        links = [
            Link(
                fmt.upper(),
                reverse("registration:staff_meeting_export", kwargs={"code": meeting.code, "kind": slug, "fmt": fmt}),
            )
            for fmt in exporter.formats
        ]
        result.append(ListLinks(str(exporter.title), links))
    return result
