"""The lists the secretariat downloads, one small exporter class each."""

from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from meetings.selectors import Meal, meeting_meals

from .. import selectors
from ..checkin import qr_svg_data_uri
from ..enums import Diet, ExportKind, ParticipantScope, RegistrationStatus
from .answers import QuestionColumnsMixin
from .base import BOOL, DATETIME, INT, Column, Exporter, Group
from .invoices import InvoiceBasisExport


def participant_columns() -> list[Column]:
    """Every column a participant list can have, in their order in the file."""
    return [
        Column("name", gettext_lazy("Name"), width=26),
        Column("organisation", gettext_lazy("Organisation"), width=30),
        Column("job_title", gettext_lazy("Job title"), width=24),
        Column("email", gettext_lazy("Email"), width=36),
        Column("phone", gettext_lazy("Phone"), width=15),
        Column("status", gettext_lazy("Status"), width=20, choices=RegistrationStatus.choices),
        Column("workshop", gettext_lazy("Workshop"), field="workshop__title", width=28),
        Column("workshop_first", gettext_lazy("Workshop, 1st priority"), field="workshop_first__title", width=28),
        Column("workshop_second", gettext_lazy("Workshop, 2nd priority"), field="workshop_second__title", width=28),
        Column("diets", gettext_lazy("Dietary requirements"), width=28, sensitive=True, choices=Diet.choices),
        Column("diet_note", gettext_lazy("Other dietary requirements"), width=30, sensitive=True),
        Column("accessibility_needs", gettext_lazy("Accessibility needs"), width=30, sensitive=True),
        Column("comment", gettext_lazy("Comment"), width=40),
        Column("language", gettext_lazy("Language"), width=8),
        Column("registered_at", gettext_lazy("Registered"), field="created_at", kind=DATETIME, width=18),
        Column("confirmed_at", gettext_lazy("Confirmed"), kind=DATETIME, width=18),
        Column("waiting_since", gettext_lazy("On the waiting list since"), kind=DATETIME, width=18),
        Column("cancelled_at", pgettext_lazy("registration status", "Cancelled"), kind=DATETIME, width=18),
        Column("attended", gettext_lazy("Attended"), kind=BOOL, width=10),
        Column("checked_in_at", gettext_lazy("Checked in"), kind=DATETIME, width=18),
    ]


def _meeting_columns() -> list[Column]:
    return [
        Column("meeting_code", gettext_lazy("Meeting code"), field="meeting__code", width=12),
        Column("meeting_start", gettext_lazy("Meeting date"), field="meeting__starts_at", kind=DATETIME, width=18),
        Column("meeting_title", gettext_lazy("Meeting"), field="meeting__title", width=36),
    ]


# --- One meeting --------------------------------------------------------------------------------


class ParticipantsExport(QuestionColumnsMixin, Exporter):
    kind = ExportKind.PARTICIPANTS
    slug = "deltagere"
    title = gettext_lazy("Participant list")
    formats = ("csv", "xlsx")
    choosable = True
    default_columns = ("name", "organisation", "job_title", "email", "phone", "status", "workshop", "registered_at")

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
    pdf_template = "registration/staff/pdf/sign_in_sheet.html"
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
        return {"blank_rows": range(self.blank_rows), "with_workshop": bool(self.options.get("workshop"))}

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
    pdf_template = "registration/staff/pdf/badges.html"
    per_page = 8

    @classmethod
    def query_options(cls, query):
        return {}

    def groups(self):
        return []  # the badges are laid out from pdf_context, not as a table

    def pdf_context(self):
        # Each badge carries its holder's check-in code as a QR code (registration/checkin.py).
        codes = self.queryset().values_list("check_in_code", flat=True)
        rows = [[*row, qr_svg_data_uri(code) if code else ""] for row, code in zip(self.rows(), codes, strict=False)]
        pages = []
        for start in range(0, len(rows), self.per_page):
            page = rows[start : start + self.per_page]
            # Two badges a line; a lone last badge gets an empty neighbour.
            pages.append([page[i : i + 2] + [None] * (2 - len(page[i : i + 2])) for i in range(0, len(page), 2)])
        return {"pages": pages}


class CateringExport(Exporter):
    """The meals of the programme with their times, then how many need which food, and the free-text notes.

    Names only for users who may see dietary data; the counts and notes are
    for anyone who may download the meeting's lists.
    """

    kind = ExportKind.CATERING
    slug = "forplejning"
    title = gettext_lazy("Catering summary")
    formats = ("pdf", "csv", "xlsx")

    @classmethod
    def all_columns(cls):
        return [
            Column("what", gettext_lazy("Requirement"), value=itemgetter(0), width=40),
            Column("count", gettext_lazy("Number"), value=itemgetter(1), kind=INT, width=10),
            Column("names", gettext_lazy("Participants"), value=itemgetter(2), width=60, sensitive=True),
        ]

    def meals(self) -> list[Meal]:
        if not hasattr(self, "_meals"):
            self._meals = meeting_meals(meeting=self.meeting)
        return self._meals

    def meals_line(self) -> str:
        """ "Meals: Morgenbrød 09.30, Frokost 12.15", read from the programme (kind or title)."""
        meals = self.meals()
        if not meals:
            return _("Meals: none in the programme")
        return _("Meals: %(meals)s") % {"meals": ", ".join(str(meal) for meal in meals)}

    pdf_template = "registration/staff/pdf/catering.html"

    def groups(self):
        # On paper the meals stand as a list of their own above the table (pdf_context), not as its first row.
        return [Group(title="", rows=list(self.rows())[1:])]

    def pdf_context(self):
        return {"meals": self.meals()}

    def summary(self) -> list[tuple[str, int | None, str]]:
        """(requirement, number, names) rows: the meals, each diet, each distinct note, then the totals."""
        by_diet: dict[str, list[str]] = {code: [] for code in Diet.values}
        notes: dict[str, list[str]] = {}
        total = without = 0
        for name, diets, note in selectors.meeting_diets(meeting=self.meeting):
            total += 1
            for code in diets or []:
                by_diet.setdefault(code, []).append(name)
            note = (note or "").strip()
            if note:
                notes.setdefault(note, []).append(name)
            if not diets and not note:
                without += 1
        labels = dict(Diet.choices)
        rows: list[tuple[str, int | None, str]] = [(self.meals_line(), None, "")]
        rows += [
            (str(labels.get(code, code)), len(names), ", ".join(names)) for code, names in by_diet.items() if names
        ]
        rows += [(_("Other: %(note)s") % {"note": note}, len(names), ", ".join(names)) for note, names in notes.items()]
        rows.append((_("No special requirements"), without, ""))
        rows.append((_("Participants in total"), total, ""))
        return rows

    def objects(self):
        if not hasattr(self, "_summary"):
            self._summary = self.summary()
        return self._summary

    def count(self):
        return len(self.objects())


class WorkshopsExport(Exporter):
    """Confirmed participants per assigned workshop; those without one come last."""

    kind = ExportKind.WORKSHOPS
    slug = "workshops"
    title = gettext_lazy("Workshop lists")
    formats = ("pdf", "csv", "xlsx")
    pdf_template = "registration/staff/pdf/workshops.html"
    pdf_group_columns = 2  # workshop and room are the heading of each part
    extra_lookups = ("workshop",)

    @classmethod
    def all_columns(cls):
        columns = {column.key: column for column in participant_columns()}
        return [
            Column(
                "workshop", gettext_lazy("Workshop"), value=cls._workshop_title, reads=("workshop__title",), width=30
            ),
            Column("room", gettext_lazy("Room"), field="workshop__room", width=14),
            columns["name"],
            columns["organisation"],
            columns["email"],
            Column(
                "priority",
                gettext_lazy("Priority"),
                value=cls._priority,
                reads=("workshop", "workshop_first", "workshop_second"),
                width=13,
            ),
        ]

    @staticmethod
    def _workshop_title(row) -> str:
        return row["workshop__title"] or _("No workshop assigned")

    @staticmethod
    def _priority(row) -> str:
        if row["workshop"] is None:
            return ""
        if row["workshop"] == row["workshop_first"]:
            return _("1st priority")
        if row["workshop"] == row["workshop_second"]:
            return _("2nd priority")
        return _("Placed by staff")

    def queryset(self):
        return selectors.meeting_workshop_participants(meeting=self.meeting)

    def groups(self):
        """One part per workshop in programme order, also the empty ones; then the unassigned."""
        by_workshop: dict[int | None, list[list[Any]]] = {}
        getters = [column.getter() for column in self.columns]
        for row in self.objects():
            by_workshop.setdefault(row["workshop"], []).append([get(row) for get in getters])
        groups = []
        for workshop in selectors.meeting_workshops(meeting=self.meeting):
            rows = by_workshop.pop(workshop.pk, [])
            seats = workshop.capacity if workshop.capacity is not None else "∞"
            note = ngettext("%(n)d participant, %(seats)s seats", "%(n)d participants, %(seats)s seats", len(rows)) % {
                "n": len(rows),
                "seats": seats,
            }
            if workshop.room:
                note = f"{workshop.room} · {note}"
            groups.append(Group(title=workshop.title, rows=rows, note=note))
        rows = by_workshop.pop(None, [])
        if rows:
            groups.append(
                Group(
                    title=_("No workshop assigned"),
                    rows=rows,
                    note=ngettext("%(n)d participant", "%(n)d participants", len(rows)) % {"n": len(rows)},
                )
            )
        return groups


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
        return _meeting_columns() + participant_columns()

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
