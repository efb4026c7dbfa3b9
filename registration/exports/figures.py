"""The figures behind the staff pages' charts, as downloads (the attendance chart uses AttendanceExport)."""

from __future__ import annotations

from operator import attrgetter

from django.utils.translation import gettext_lazy

from .. import selectors
from ..enums import ExportKind
from .base import DATETIME, INT, Column, Exporter


class FillRateExport(Exporter):
    """Every coming meeting with a number of seats: seats, confirmed, fill rate, waiting list."""

    kind = ExportKind.FILL_RATE
    slug = "fyldning"
    title = gettext_lazy("Fill rate of coming meetings")
    formats = ("csv",)

    @classmethod
    def all_columns(cls):
        return [
            Column("code", gettext_lazy("Meeting code"), value=attrgetter("meeting.code"), width=12),
            Column("starts_at", gettext_lazy("Meeting date"), value=attrgetter("meeting.starts_at"), kind=DATETIME),
            Column("title", gettext_lazy("Meeting"), value=attrgetter("meeting.title"), width=40),
            Column("network", gettext_lazy("Network"), value=cls._network, width=30),
            Column("capacity", gettext_lazy("Seats"), value=attrgetter("meeting.capacity"), kind=INT, width=10),
            Column("confirmed", gettext_lazy("Confirmed"), value=attrgetter("confirmed"), kind=INT, width=10),
            Column("fill_percent", gettext_lazy("Filled (%)"), value=attrgetter("fill_percent"), kind=INT, width=10),
            Column("waiting", gettext_lazy("Waiting"), value=attrgetter("waiting"), kind=INT, width=10),
        ]

    @staticmethod
    def _network(row) -> str:
        return row.meeting.network.name if row.meeting.network else ""

    def objects(self):
        if not hasattr(self, "_rows"):
            rows = selectors.upcoming_meetings_overview(user=self.user)
            self._rows = [row for row in rows if row.fill_percent is not None]
        return self._rows

    def count(self):
        return len(self.objects())
