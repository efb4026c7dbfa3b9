"""The evaluation scores of a network's meetings as a download, through the staff export machinery and its log."""

from __future__ import annotations

from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

from members.access import can_see_evaluations
from netvaerk.charts import number
from registration.enums import ExportKind
from registration.exports.base import DATETIME, INT, Column, Exporter

from . import selectors


def _average(row) -> str:
    return number(row.average, 1) if row.average is not None else ""


class EvaluationScoresExport(Exporter):
    """One row per held meeting of a network: answers, average and how many gave each rating (no names)."""

    kind = ExportKind.EVALUATION_SCORES
    slug = "evalueringer"
    title = gettext_lazy("Evaluation scores")
    formats = ("csv",)

    def __init__(self, *, user, network, **options):
        # Whoever plans the network sees its evaluations (members.access), also a coordinator without staff rights;
        # the base class's export right is for lists with personal data, which this has none of.
        if not can_see_evaluations(user=user, network=network):
            raise PermissionDenied
        super().__init__(user=user, **options)
        self.network = network

    @classmethod
    def all_columns(cls):
        ratings = [
            Column(
                f"rating_{value}",
                gettext_lazy("Rating %(value)s") % {"value": value},
                value=lambda row, value=value: dict(row.distribution)[value],
                kind=INT,
                width=10,
            )
            for value in range(1, 6)
        ]
        return [
            Column("code", gettext_lazy("Meeting code"), value=attrgetter("meeting.code"), width=12),
            Column("starts_at", gettext_lazy("Meeting date"), value=attrgetter("meeting.starts_at"), kind=DATETIME),
            Column("title", gettext_lazy("Meeting"), value=attrgetter("meeting.title"), width=40),
            Column("answers", gettext_lazy("Answers"), value=attrgetter("answers"), kind=INT, width=10),
            Column("average", gettext_lazy("Average (1-5)"), value=_average, width=12),
            *ratings,
        ]

    def objects(self):
        if not hasattr(self, "_rows"):
            self._rows = selectors.network_evaluations(network=self.network)
        return self._rows

    def count(self):
        return len(self.objects())

    def filename_stem(self) -> str:
        return f"{self.slug}-{self.network.slug}"
