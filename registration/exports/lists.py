"""The lists the secretariat downloads, one small exporter class each."""

from __future__ import annotations

from operator import attrgetter, itemgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .. import selectors
from ..enums import ExportKind, ParticipantScope
from .answers import QuestionColumnsMixin
from .arrangements import CateringExport, WorkshopsExport
from .base import INT, Column, Exporter
from .columns import meeting_columns, participant_columns
from .invoices import InvoiceBasisExport

# --- One meeting --------------------------------------------------------------------------------


class ParticipantsExport(QuestionColumnsMixin, Exporter):
    kind = ExportKind.PARTICIPANTS
    slug = "deltagere"
    title = gettext_lazy("Participant list")
    formats = ("csv", "xlsx")
    choosable = True
    default_columns = (
        "name",
        "organisation",
        "job_title",
        "email",
        "phone",
        "status",
        "workshop",
        "registered_at",
        "channel",
    )

    @classmethod
    def all_columns(cls):
        return participant_columns()

    @property
    def scope(self) -> str:
        scope = self.options.get("scope")
        return scope if scope in ParticipantScope.values else ParticipantScope.CONFIRMED

    def queryset(self):
        return selectors.meeting_registrations(meeting=self.meeting, scope=self.scope)

    def filename_stem(self):
        stem = super().filename_stem()
        return stem if self.scope == ParticipantScope.CONFIRMED else f"{stem}-{self.scope}"

    def log_parameters(self):
        return {"scope": self.scope}


class SignInSheetExport(Exporter):
    """Confirmed participants by name, with room for a signature (PDF)."""

    kind = ExportKind.SIGN_IN_SHEET
    slug = "underskriftsliste"
    title = gettext_lazy("Sign-in sheet")
    formats = ("pdf",)
    pdf_layout = "sign_in"
    blank_rows = 6  # for people who turn up without a registration

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.options.get("workshop"):
            # Each participant's workshop, so the door can send people to the right room.
            self.columns = [*self.columns, {column.key: column for column in participant_columns()}["workshop"]]

    @classmethod
    def query_options(cls, query):
        return {"workshop": True} if query.get("workshop") == "1" else {}

    def pdf_context(self):
        return {"blank_rows": self.blank_rows, "with_workshop": bool(self.options.get("workshop"))}

    @classmethod
    def all_columns(cls):
        columns = {column.key: column for column in participant_columns()}
        return [columns["name"], columns["organisation"]]

    def queryset(self):
        return selectors.meeting_registrations(meeting=self.meeting, scope=ParticipantScope.CONFIRMED)


class BadgesExport(SignInSheetExport):
    """Name badges on A4, eight to a page (two columns, four rows)."""

    kind = ExportKind.BADGES
    slug = "navneskilte"
    title = gettext_lazy("Name badges")
    formats = ("pdf",)
    pdf_layout = "badges"
    per_page = 8

    @classmethod
    def query_options(cls, query):
        return {}

    def groups(self):
        return []  # the badges are laid out from pdf_context, not as a table

    def pdf_context(self):
        # Each badge carries its holder's check-in code, drawn as a QR code (sheets.py, registration/checkin.py).
        codes = self.queryset().values_list("check_in_code", flat=True)
        rows = [[*row, code or ""] for row, code in zip(self.rows(), codes, strict=False)]
        pages = []
        for start in range(0, len(rows), self.per_page):
            page = rows[start : start + self.per_page]
            # Two badges a line; a lone last badge gets an empty neighbour.
            pages.append([page[i : i + 2] + [None] * (2 - len(page[i : i + 2])) for i in range(0, len(page), 2)])
        return {"pages": pages}


class WaitingListExport(Exporter):
    kind = ExportKind.WAITING_LIST
    slug = "venteliste"
    title = gettext_lazy("Waiting list")
    formats = ("pdf", "csv", "xlsx")
    pdf_landscape = True

    @classmethod
    def all_columns(cls):
        columns = {column.key: column for column in participant_columns()}
        return [
            Column("position", gettext_lazy("No."), kind=INT, width=5, value=itemgetter("position")),
            columns["name"],
            columns["organisation"],
            columns["email"],
            columns["phone"],
            columns["waiting_since"],
            columns["workshop_first"],
        ]

    def queryset(self):
        return selectors.meeting_waiting_list(meeting=self.meeting)

    def objects(self):
        for position, row in enumerate(super().objects(), start=1):
            row["position"] = position
            yield row


# --- Across meetings --------------------------------------------------------------------------------


class NetworkRegistrationsExport(Exporter):
    """Every registration of a network's meetings in a date range."""

    kind = ExportKind.NETWORK_REGISTRATIONS
    slug = "tilmeldinger"
    title = gettext_lazy("Registrations of a network")
    formats = ("csv", "xlsx")
    choosable = True
    default_columns = (
        "meeting_code",
        "meeting_start",
        "meeting_title",
        "name",
        "organisation",
        "email",
        "status",
        "attended",
    )

    @classmethod
    def all_columns(cls):
        return meeting_columns() + participant_columns()

    def queryset(self):
        return selectors.network_registrations(
            network=self.network, start=self.options["start"], end=self.options["end"]
        )

    def filename_stem(self):
        return f"{self.slug}-{self.network.slug}-{self.options['start']:%Y%m%d}-{self.options['end']:%Y%m%d}"


class AttendanceExport(Exporter):
    """Registered, attended, no-shows and cancelled per network and year."""

    kind = ExportKind.ATTENDANCE
    slug = "fremmoede"
    title = gettext_lazy("Attendance figures")
    formats = ("csv", "xlsx")

    @classmethod
    def all_columns(cls):
        return [
            Column("network", gettext_lazy("Network"), value=cls._network, width=40),
            Column("year", gettext_lazy("Year"), value=attrgetter("year"), kind=INT, width=8),
            Column("meetings", gettext_lazy("Meetings held"), value=attrgetter("meetings"), kind=INT, width=12),
            Column("registered", gettext_lazy("Registered"), value=attrgetter("registered"), kind=INT, width=12),
            Column("attended", gettext_lazy("Attended"), value=attrgetter("attended"), kind=INT, width=12),
            Column("no_shows", gettext_lazy("No-shows"), value=attrgetter("no_shows"), kind=INT, width=12),
            Column(
                "cancelled",
                pgettext_lazy("registration status", "Cancelled"),
                value=attrgetter("cancelled"),
                kind=INT,
                width=12,
            ),
        ]

    @staticmethod
    def _network(figures) -> str:
        return figures.network or _("Stand-alone meetings")

    def objects(self):
        if not hasattr(self, "_figures"):
            self._figures = selectors.attendance_figures(
                user=self.user, year_from=self.options.get("year_from"), year_to=self.options.get("year_to")
            )
        return self._figures

    def count(self):
        return len(self.objects())


MEETING_EXPORTERS: dict[str, type[Exporter]] = {
    exporter.slug: exporter
    for exporter in (
        ParticipantsExport,
        SignInSheetExport,
        BadgesExport,
        CateringExport,
        WorkshopsExport,
        WaitingListExport,
        InvoiceBasisExport,
    )
}
