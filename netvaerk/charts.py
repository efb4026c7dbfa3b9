"""Charts drawn on the server as SVG: horizontal bars, columns per year and a line over time.

No script and no inline style (the site's Content Security Policy): the
shapes carry classes that ``static/css/portal.css`` colours. Each chart is
an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (``aria-labelledby``), which a screen reader reads instead of the
shapes; the page shows the same figures in a table next to it. Every text is
escaped (``_e``, ``format_html``); numbers are written in the active language's
format (Danish: ``4,3`` and ``1.250``).

The drawing is sized in a small coordinate system (about a phone's width)
and scales to its box, so labels stay readable on a phone and on a desk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.formats import get_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

FONT = 12
SMALL = 10


@lru_cache(maxsize=8)
def _separators(language: str | None) -> tuple[str, str]:
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


def number(value: float, decimals: int = 0) -> str:
    """A number as the active language writes it (Danish: 4,3 and 1.250), rounded half up, grouped by thousands.

    What django.utils.formats.number_format writes, at a fraction of its cost
    (a chart writes hundreds of numbers).
    """
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    decimal_separator, thousand_separator = _separators(get_language())
    return (
        f"{rounded:,.{decimals}f}".replace(",", "\x00")
        .replace(".", decimal_separator)
        .replace("\x00", thousand_separator)
    )


def percent(value: float) -> str:
    return f"{number(value)}\u00a0%"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _e(text) -> str:
    """Text for the SVG, escaped (the shapes are written as strings for speed; every text goes through here)."""
    return escape(str(text))


def _fmt(value: float) -> str:
    # Coordinates: plain decimals whatever the language.
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(*, chart_id: str, title: str, description: str, width: int, height: int, body: str, css: str) -> SafeString:
    return format_html(
        '<svg class="chart {css}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        css=css,
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        body=mark_safe(body),  # noqa: S308 - built below, every text through _e()
    )


# --- Horizontal bars, one labelled row each ------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # shown above the bar
    value: float  # the bar's length, against ``scale``
    text: str  # the figure written after the bar
    tone: str = ""  # a class suffix: chart-bar-<tone>
    hint: str = ""  # a tooltip (the full label, more figures)


def bar_chart(
    *, chart_id: str, title: str, description: str, bars: Sequence[Bar], scale: float, mark: float | None = None
) -> SafeString:
    """One row per bar: its label, then the bar with its figure; ``mark`` draws a reference line (e.g. 100 %)."""
    width, label_limit, text_room, row = 360, 52, 48, 38
    plot = width - text_room
    height = row * len(bars) + 8
    parts = []
    for n, bar in enumerate(bars):
        top = n * row + 4
        length = max(0.0, min(bar.value / scale, 1.0)) * plot if scale else 0.0
        parts.append(
            f'<g class="chart-row"><title>{_e(bar.hint or bar.label)}</title>'
            f'<text class="chart-label" x="0" y="{_fmt(top + FONT)}" font-size="{FONT}">'
            f"{_e(_short(bar.label, label_limit))}</text>"
            f'<rect class="chart-track" x="0" y="{_fmt(top + FONT + 5)}" width="{_fmt(plot)}" height="14" rx="2"></rect>'
            f'<rect class="chart-bar chart-bar-{_e(bar.tone or "plain")}" x="0" y="{_fmt(top + FONT + 5)}" '
            f'width="{_fmt(length)}" height="14" rx="2"></rect>'
            f'<text class="chart-value" x="{_fmt(plot + 6)}" y="{_fmt(top + FONT + 16)}" font-size="{FONT}">'
            f"{_e(bar.text)}</text></g>"
        )
    if mark is not None and scale:
        x = _fmt(min(mark / scale, 1.0) * plot)
        parts.append(f'<line class="chart-mark" x1="{x}" x2="{x}" y1="0" y2="{height}"></line>')
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        body="".join(parts),
        css="chart-bars",
    )


# --- Columns per category, a total with a part inside ----------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str  # under the column (a year)
    total: float | None  # the light column (None: no figures for this category)
    part: float | None  # the dark column inside it
    text: str = ""  # written above the column
    hint: str = ""


def column_chart(*, chart_id: str, title: str, description: str, columns: Sequence[Column]) -> SafeString:
    """Columns side by side on one scale (the largest total), each a light total with its dark part inside."""
    width, height, top, bottom, left = 300, 150, 16, 20, 4
    plot_height = height - top - bottom
    slot = (width - left) / max(len(columns), 1)
    scale = max([column.total or 0 for column in columns] + [column.part or 0 for column in columns] + [1])
    label_every = 1 if slot >= 26 else 2 if slot >= 13 else 5
    parts = [
        f'<line class="chart-axis" x1="0" x2="{width}" y1="{_fmt(top + plot_height)}" y2="{_fmt(top + plot_height)}"></line>'
    ]
    for n, column in enumerate(columns):
        x = left + n * slot + slot * 0.15
        bar_width = slot * 0.7
        parts.append(f'<g class="chart-column"><title>{_e(column.hint or column.label)}</title>')
        for value, css in ((column.total, "chart-total"), (column.part, "chart-part")):
            if value:
                bar_height = value / scale * plot_height
                parts.append(
                    f'<rect class="{css}" x="{_fmt(x)}" y="{_fmt(top + plot_height - bar_height)}" '
                    f'width="{_fmt(bar_width)}" height="{_fmt(bar_height)}"></rect>'
                )
        middle = _fmt(x + bar_width / 2)
        if column.text and slot >= 22:
            base = (column.total or column.part or 0) / scale * plot_height
            parts.append(
                f'<text class="chart-value" x="{middle}" y="{_fmt(top + plot_height - base - 3)}" '
                f'font-size="{SMALL}" text-anchor="middle">{_e(column.text)}</text>'
            )
        if n % label_every == 0 or n == len(columns) - 1:
            parts.append(
                f'<text class="chart-label" x="{middle}" y="{_fmt(height - 5)}" font-size="{SMALL}" '
                f'text-anchor="middle">{_e(column.label)}</text>'
            )
        parts.append("</g>")
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        body="".join(parts),
        css="chart-columns",
    )


# --- Points over time on a fixed scale ---------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    when: dt.date
    value: float
    hint: str = ""


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[Point],
    low: float,
    high: float,
    ticks: Sequence[float],
    decimals: int = 0,
) -> SafeString:
    """Points in time order on a fixed vertical scale (``low``-``high``), joined by a line; years marked below."""
    width, height, left, right, top, bottom = 360, 190, 26, 10, 10, 22
    plot_width, plot_height = width - left - right, height - top - bottom
    points = sorted(points, key=lambda point: point.when)
    first = points[0].when if points else dt.date.today()
    last = points[-1].when if points else first
    span = max((last - first).days, 1)

    def x_of(day: dt.date) -> float:
        return left + ((day - first).days / span) * plot_width if len(points) > 1 else left + plot_width / 2

    def y_of(value: float) -> float:
        return top + (1 - (value - low) / (high - low)) * plot_height

    parts = []
    for tick in ticks:
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"></line>'
                '<text class="chart-label" x="{tx}" y="{ty}" font-size="{font}" text-anchor="end">{label}</text>',
                x1=left,
                x2=width - right,
                y=_fmt(y_of(tick)),
                tx=left - 5,
                ty=_fmt(y_of(tick) + 4),
                font=SMALL,
                label=number(tick, decimals),
            )
        )
    years = list(range(first.year, last.year + 1))
    year_every = max(1, len(years) // 6 + (1 if len(years) % 6 else 0)) if len(years) > 6 else 1
    for n, year in enumerate(years):
        day = dt.date(year, 1, 1)
        if len(points) > 1 and first <= day <= last:
            parts.append(
                format_html(
                    '<line class="chart-grid chart-year" x1="{x}" x2="{x}" y1="{y1}" y2="{y2}"></line>',
                    x=_fmt(x_of(day)),
                    y1=top,
                    y2=top + plot_height,
                )
            )
        if n % year_every == 0:
            middle = max(first, dt.date(year, 7, 1)) if len(points) > 1 else first
            middle = min(middle, last)
            parts.append(
                format_html(
                    '<text class="chart-label" x="{x}" y="{y}" font-size="{font}" text-anchor="middle">{year}</text>',
                    x=_fmt(x_of(middle)),
                    y=height - 5,
                    font=SMALL,
                    year=year,
                )
            )
    if len(points) > 1:
        path = " ".join(f"{_fmt(x_of(point.when))},{_fmt(y_of(point.value))}" for point in points)
        parts.append(format_html('<polyline class="chart-line" points="{path}"></polyline>', path=path))
    parts.extend(
        f'<circle class="chart-point" cx="{_fmt(x_of(point.when))}" cy="{_fmt(y_of(point.value))}" r="4">'
        f"<title>{_e(point.hint)}</title></circle>"
        for point in points
    )
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        body="".join(parts),
        css="chart-line-chart",
    )
