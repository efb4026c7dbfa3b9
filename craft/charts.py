"""The evaluation scores of a network's meetings over time, as a chart for the group space."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.charts import Point, line_chart, number

from .selectors import MeetingEvaluation


def evaluation_chart(rows: Sequence[MeetingEvaluation], *, network_name: str) -> SafeString | None:
    """The average rating (1-5) of each held meeting with answers, in time order; None without answers."""
    answered = sorted((row for row in rows if row.average is not None), key=lambda row: row.meeting.starts_at)
    if not answered:
        return None
    points = [
        Point(
            when=timezone.localtime(row.meeting.starts_at).date(),
            value=row.average,
            hint=ngettext(
                "%(title)s, %(date)s: %(average)s (%(answers)s answer)",
                "%(title)s, %(date)s: %(average)s (%(answers)s answers)",
                row.answers,
            )
            % {
                "title": row.meeting.title,
                "date": timezone.localtime(row.meeting.starts_at).strftime("%d.%m.%Y"),
                "average": number(row.average, 1),
                "answers": number(row.answers),
            },
        )
        for row in answered
    ]
    first, latest = answered[0], answered[-1]
    best = max(answered, key=lambda row: (row.average, row.meeting.starts_at))
    worst = min(answered, key=lambda row: (row.average, row.meeting.starts_at))
    description = " ".join(
        [
            ngettext(
                "Average rating from 1 to 5 of %(count)d meeting, %(first)s-%(last)s.",
                "Average rating from 1 to 5 of %(count)d meetings, %(first)s-%(last)s.",
                len(answered),
            )
            % {
                "count": len(answered),
                "first": timezone.localtime(first.meeting.starts_at).year,
                "last": timezone.localtime(latest.meeting.starts_at).year,
            },
            _("Latest: %(average)s (%(title)s).")
            % {"average": number(latest.average, 1), "title": latest.meeting.title},
            _("Highest: %(high)s (%(high_title)s); lowest: %(low)s (%(low_title)s).")
            % {
                "high": number(best.average, 1),
                "high_title": best.meeting.title,
                "low": number(worst.average, 1),
                "low_title": worst.meeting.title,
            },
        ]
    )
    return line_chart(
        chart_id="evaluation-scores",
        title=_("Evaluations of %(network)s over time") % {"network": network_name},
        description=description,
        points=points,
        low=1,
        high=5,
        ticks=[1, 2, 3, 4, 5],
    )
