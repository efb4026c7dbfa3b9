"""The staff pages' charts: fill rate of coming meetings, attendance per network over the years.

Drawn from the rows the pages already read (no query of their own), with
``netvaerk.charts``; each chart's ``<desc>`` says in words what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.charts import Bar, Column, bar_chart, column_chart, number, percent

from .selectors import AttendanceRow, MeetingOverviewRow

# The fill-rate chart draws the next meetings with a number of seats; the CSV has all of them.
FILL_CHART_MEETINGS = 15
LOW_FILL_PERCENT = 50


def _date(meeting) -> str:
    from django.utils import timezone

    return timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y")


@dataclass(frozen=True)
class FillRateChart:
    svg: SafeString
    rows: list[MeetingOverviewRow]  # the meetings drawn, for the table beside the chart
    with_seats: int  # coming meetings with a number of seats (all of them are in the CSV)


def fill_rate_chart(rows: Sequence[MeetingOverviewRow]) -> FillRateChart | None:
    """The next coming meetings that have a number of seats, as bars of confirmed seats in per cent."""
    with_seats = [row for row in rows if row.fill_percent is not None]
    shown = with_seats[:FILL_CHART_MEETINGS]
    if not shown:
        return None
    bars = [
        Bar(
            label=f"{_date(row.meeting)} {row.meeting.title}",
            value=row.fill_percent,
            text=percent(row.fill_percent),
            tone="full" if row.fill_percent >= 100 else "low" if row.fill_percent < LOW_FILL_PERCENT else "ok",
            hint=_("%(title)s: %(confirmed)s of %(capacity)s seats, %(waiting)s waiting")
            % {
                "title": row.meeting.title,
                "confirmed": number(row.confirmed),
                "capacity": number(row.meeting.capacity),
                "waiting": number(row.waiting),
            },
        )
        for row in shown
    ]
    full = sum(1 for row in shown if row.fill_percent >= 100)
    low = sum(1 for row in shown if row.fill_percent < LOW_FILL_PERCENT)
    lowest = min(shown, key=lambda row: (row.fill_percent, row.meeting.starts_at))
    description = " ".join(
        [
            ngettext(
                "Confirmed seats in per cent of the seats of the next meeting with a number of seats.",
                "Confirmed seats in per cent of the seats of the next %(count)d meetings with a number of seats, "
                "soonest first.",
                len(shown),
            )
            % {"count": len(shown)},
            ngettext("%(count)d is full.", "%(count)d are full.", full) % {"count": full},
            ngettext("%(count)d is less than half full.", "%(count)d are less than half full.", low) % {"count": low},
            _("Lowest: %(title)s on %(date)s, %(percent)s.")
            % {"title": lowest.meeting.title, "date": _date(lowest.meeting), "percent": percent(lowest.fill_percent)},
        ]
    )
    scale = max(100, *(row.fill_percent for row in shown))
    svg = bar_chart(
        chart_id="fill-rate",
        title=_("Fill rate of the coming meetings"),
        description=description,
        bars=bars,
        scale=scale,
        mark=100,
    )
    return FillRateChart(svg=svg, rows=shown, with_seats=len(with_seats))


@dataclass(frozen=True)
class AttendanceChart:
    network: str
    svg: SafeString


def attendance_charts(figures: Sequence[AttendanceRow]) -> list[AttendanceChart]:
    """One small chart per network: registered (light) and attended (dark) per year, every year of the figures."""
    if not figures:
        return []
    years = list(range(min(row.year for row in figures), max(row.year for row in figures) + 1))
    by_network: dict[str, dict[int, AttendanceRow]] = {}
    for row in figures:
        by_network.setdefault(row.network, {})[row.year] = row
    charts = []
    for n, (network, rows) in enumerate(by_network.items()):
        name = network or _("Stand-alone meetings")
        columns = []
        for year in years:
            row = rows.get(year)
            if row is None:
                columns.append(
                    Column(
                        label=str(year), total=None, part=None, hint=_("%(year)s: no meetings held") % {"year": year}
                    )
                )
                continue
            columns.append(
                Column(
                    label=str(year),
                    total=row.registered,
                    part=row.attended,
                    text=number(row.attended),
                    hint=_("%(year)s: %(attended)s attended of %(registered)s registered at %(meetings)s meetings")
                    % {
                        "year": year,
                        "attended": number(row.attended),
                        "registered": number(row.registered),
                        "meetings": number(row.meetings),
                    },
                )
            )
        held = [rows[year] for year in years if year in rows]
        best = max(held, key=lambda row: (row.attended, row.year))
        latest = held[-1]
        description = " ".join(
            [
                _("Registered (light) and attended (dark) per year, %(first)s-%(last)s.")
                % {"first": years[0], "last": years[-1]},
                _("Most attended in %(year)s: %(attended)s.") % {"year": best.year, "attended": number(best.attended)},
                _("Latest, %(year)s: %(attended)s attended of %(registered)s registered.")
                % {
                    "year": latest.year,
                    "attended": number(latest.attended),
                    "registered": number(latest.registered),
                },
            ]
        )
        svg = column_chart(
            chart_id=f"attendance-{n}",
            title=_("Attendance: %(network)s") % {"network": name},
            description=description,
            columns=columns,
        )
        charts.append(AttendanceChart(network=name, svg=svg))
    return charts
