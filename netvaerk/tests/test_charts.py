"""The SVG charts: named and described for screen readers, escaped, Danish numbers, nothing a strict CSP blocks."""

import datetime as dt
import re

from netvaerk.charts import Bar, Column, Point, bar_chart, column_chart, line_chart, number, percent


def _charts():
    return [
        bar_chart(
            chart_id="bars",
            title="Belægning",
            description="To møder.",
            bars=[Bar("Første møde", 58, percent(58)), Bar("Andet møde", 100, percent(100), tone="full")],
            scale=100,
            mark=100,
        ),
        column_chart(
            chart_id="columns",
            title="Fremmøde",
            description="Tre år.",
            columns=[Column("2021", 28, 24, "24"), Column("2022", None, None), Column("2023", 8, 7, "7")],
        ),
        line_chart(
            chart_id="line",
            title="Evalueringer",
            description="Tre møder.",
            points=[
                Point(dt.date(2021, 10, 1), 3.5),
                Point(dt.date(2023, 4, 20), 4.0),
                Point(dt.date(2026, 1, 5), 4.2),
            ],
            low=1,
            high=5,
            ticks=[1, 2, 3, 4, 5],
        ),
    ]


def test_charts_are_images_named_by_their_title_and_described_by_their_desc():
    for svg, chart_id in zip(_charts(), ["bars", "columns", "line"], strict=True):
        assert svg.startswith("<svg ")
        assert 'role="img"' in svg
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert re.search(rf'<title id="{chart_id}-title">[^<]+</title><desc id="{chart_id}-desc">[^<]+</desc>', svg)


def test_charts_use_no_script_and_no_inline_style():
    for svg in _charts():
        assert "<script" not in svg
        assert "style=" not in svg
        assert "<style" not in svg
        assert " on" not in re.sub(r'"[^"]*"', '""', svg)  # no event handler attributes


def test_chart_texts_are_escaped():
    svg = bar_chart(
        chart_id="x",
        title='<script>alert("t")</script>',
        description="<b>d</b>",
        bars=[Bar('<img src=x onerror="alert(1)">', 10, "10 %")],
        scale=100,
    )
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in svg
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in svg


def test_chart_numbers_are_danish():
    assert number(4.26, 1) == "4,3"
    assert number(1250) == "1.250"
    assert percent(58) == "58\u00a0%"
    svg = line_chart(
        chart_id="line",
        title="t",
        description="d",
        points=[Point(dt.date(2024, 1, 1), 4.5)],
        low=1,
        high=5,
        ticks=[1.5, 4.5],
        decimals=1,
    )
    assert ">4,5</text>" in svg and ">1,5</text>" in svg


def test_bar_lengths_follow_the_values():
    svg = bar_chart(
        chart_id="b", title="t", description="d", bars=[Bar("a", 50, "50 %"), Bar("b", 150, "150 %")], scale=150
    )
    widths = re.findall(r'class="chart-bar chart-bar-plain" x="0" y="[\d.]+" width="([\d.]+)"', svg)
    assert len(widths) == 2
    assert abs(float(widths[1]) - 3 * float(widths[0])) < 0.5


def test_chart_numbers_match_djangos_number_format_in_both_languages():
    from django.utils import translation
    from django.utils.formats import number_format

    for language in ("da", "en"):
        with translation.override(language):
            for value, decimals in [(0, 0), (7, 0), (1250, 0), (1234567, 0), (4.5, 1), (3.3, 1), (1250.7, 1)]:
                expected = number_format(
                    round(value, decimals) if decimals else value, decimal_pos=decimals, force_grouping=True
                )
                assert number(value, decimals) == expected, (language, value)
    # Halves round up, as people round (Django's number_format cuts a float off).
    assert number(3.25, 1) == "3,3"
    assert number(0.5) == "1"
