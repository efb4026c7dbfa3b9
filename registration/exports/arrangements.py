"""The lists for arranging the day: the catering summary and the workshop lists."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from meetings.selectors import Meal, meeting_meals

from .. import selectors
from ..enums import Diet, ExportKind
from .base import INT, Column, Exporter, Group
from .columns import participant_columns


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

    pdf_layout = "catering"

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
    pdf_layout = "workshops"
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
