"""The layouts of the paper lists: a plain table, the sign-in sheet, the workshop lists, the catering
summary and the name badges, drawn on ``paper.Paper``.

Each takes the exporter and the rows the writer prepared (display strings),
so the PDF shows the same rows as the CSV and XLSX files.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.colors import HexColor

from ..badge_qr import badge_qr_rows
from .paper import BOLD, DARK, GREY, INK, ITALIC, LEADING, NOTE, PAD, REGULAR, Col, Paper, mm, width, wrap

BADGE_TEAL = HexColor("#0b4f5c")


def _dmy(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y") if value else ""


def _hm(value) -> str:
    return timezone.localtime(value).strftime("%H.%M") if value else ""


def running_line(exporter, printed) -> str:
    """The footer: the list, the meeting (or network) and when it was printed."""
    parts = [str(exporter.title)]
    if exporter.meeting is not None:
        parts += [exporter.meeting.title, exporter.meeting.code]
    elif exporter.network is not None:
        parts.append(exporter.network.name)
    parts.append(f"{_('printed')} {printed:%d.%m.%Y} {printed:%H.%M}")
    return " · ".join(parts)


def new_paper(exporter, *, wide: bool = False, **kwargs) -> Paper:
    printed = timezone.localtime()
    return Paper(running=running_line(exporter, printed), page_label=_("Page"), wide=wide, **kwargs)


def heading(paper: Paper, exporter) -> None:
    """The list's title and a line about the meeting or network, on the first page."""
    paper.paragraph(str(exporter.title), size=16, font=BOLD, after=2 * mm)
    meeting = exporter.meeting
    if meeting is not None:
        line = f"{meeting.title} · {meeting.code} · {_dmy(meeting.starts_at)} {_hm(meeting.starts_at)}–{_hm(meeting.ends_at)}"
        if meeting.venue_id:
            line += f" · {meeting.venue.one_line_address}"
        paper.paragraph(line, colour=DARK, after=5 * mm)
    elif exporter.network is not None:
        paper.paragraph(exporter.network.name, colour=DARK, after=5 * mm)


def _group_heading(paper: Paper, group: dict[str, Any]) -> None:
    if group["title"]:
        paper.paragraph(group["title"], size=12.5, font=BOLD, before=6 * mm, after=1 * mm, keep=20 * mm)
    if group["note"]:
        paper.paragraph(group["note"], size=9, colour=NOTE, after=2 * mm, keep=15 * mm)


def _empty(paper: Paper, text: str) -> None:
    paper.paragraph(text, font=ITALIC, colour=GREY, after=2 * mm)


def _numbered(columns: list[Col], rows: list[list[str]]) -> tuple[list[Col], list[list[str]]]:
    return [Col("#", 0, "right", fixed=9 * mm), *columns], [[str(n), *row] for n, row in enumerate(rows, start=1)]


# --- The layouts ---------------------------------------------------------------------------------


def table_sheet(exporter, columns: list[Col], groups: list[dict[str, Any]], context: dict[str, Any]) -> Paper:
    """Groups, each with an optional title and note, as tables (the waiting list)."""
    paper = new_paper(exporter, wide=exporter.pdf_landscape)
    heading(paper, exporter)
    for group in groups:
        _group_heading(paper, group)
        if group["rows"]:
            paper.table(columns, group["rows"], after=2 * mm)
        else:
            _empty(paper, _("No one on this list."))
    return paper


def workshops_sheet(exporter, columns: list[Col], groups: list[dict[str, Any]], context: dict[str, Any]) -> Paper:
    """One workshop a page, its participants numbered."""
    paper = new_paper(exporter)
    heading(paper, exporter)
    for index, group in enumerate(groups):
        if index:
            paper.new_page()
        _group_heading(paper, group)
        if group["rows"]:
            paper.table(*_numbered(columns, group["rows"]))
        else:
            _empty(paper, _("No participants in this workshop yet."))
    return paper


def sign_in_sheet(exporter, columns: list[Col], groups: list[dict[str, Any]], context: dict[str, Any]) -> Paper:
    """Confirmed participants by name, a tall row each with room for a signature, and empty rows at the end."""
    paper = new_paper(exporter)
    heading(paper, exporter)
    with_workshop = context["with_workshop"]
    share = 24 if with_workshop else 30
    cols = [Col(columns[0].label, share), Col(columns[1].label, share)]
    if with_workshop:
        cols.append(Col(columns[2].label, 22))
    cols.append(Col(_("Signature"), 100 - sum(col.share for col in cols) - 6))
    for group in groups:
        count = len(group["rows"])
        note = ngettext(
            "%(counter)s confirmed participant, sorted by name.",
            "%(counter)s confirmed participants, sorted by name.",
            count,
        ) % {"counter": count}
        paper.paragraph(
            f"{note} {_('Empty rows at the end for people who come without a registration.')}",
            size=9,
            colour=NOTE,
            after=2 * mm,
        )
        rows = [[*row[: len(cols) - 1], ""] for row in group["rows"]]
        numbered_cols, numbered_rows = _numbered(cols, rows)
        blanks = [[""] * len(numbered_cols) for _blank in range(context["blank_rows"])]
        if not rows:
            _empty(paper, _("No confirmed participants yet."))
        # 9 mm to write in, and the cell's padding (the height the HTML sheet had).
        paper.table(numbered_cols, numbered_rows + blanks, min_height=9 * mm + 2 * PAD, middle=True)
    return paper


def catering_sheet(exporter, columns: list[Col], groups: list[dict[str, Any]], context: dict[str, Any]) -> Paper:
    """The meals with their times, then the dietary requirements."""
    paper = new_paper(exporter)
    heading(paper, exporter)
    paper.paragraph(_("Meals"), size=12.5, font=BOLD, before=6 * mm, after=1 * mm, keep=10 * mm)
    meals = context["meals"]
    if meals:
        rows = [
            [meal.start_time.strftime("%H.%M"), str(meal.label), "" if meal.label == meal.title else str(meal.title)]
            for meal in meals
        ]
        # As wide as their text, side by side.
        fonts = (BOLD, REGULAR, REGULAR)
        cols = [Col("", 0, fixed=max(width(row[i], fonts[i], 10) for row in rows) + 2 * PAD + 3 * mm) for i in range(3)]
        paper.table(cols, rows, size=10, rules=False, header=False, bold_first=True, after=5 * mm)
    else:
        _empty(paper, _("No meal in the programme."))
    paper.paragraph(_("Dietary requirements"), size=12.5, font=BOLD, before=6 * mm, after=1 * mm, keep=10 * mm)
    for group in groups:
        paper.table(columns, group["rows"], after=2 * mm)
    return paper


def badges_sheet(exporter, columns: list[Col], groups: list[dict[str, Any]], context: dict[str, Any]) -> Paper:
    """Eight badges an A4 page (two across, four down), cut along dashed lines; no footer."""
    paper = new_paper(exporter, margins=(14, 10, 14, 10), footer=False)
    pages = context["pages"]
    if not pages:
        paper.paragraph(_("No confirmed participants yet."))
    meeting = exporter.meeting
    event = [meeting.title, _dmy(meeting.starts_at) + (f" · {meeting.venue.name}" if meeting.venue_id else "")]
    # The meeting's lines at the foot are the same on every badge: wrapped once.
    event_lines = [line for text in event for line in wrap(text, REGULAR, 8.5, 95 * mm - 14 * mm)]
    for number, page in enumerate(pages):
        if number:
            paper.new_page()
        for line_number, line in enumerate(page):
            for column, badge in enumerate(line):
                left = paper.left + column * 95 * mm
                top = paper.top - line_number * 66 * mm
                _badge(paper, left, top, badge, event_lines)
    return paper


def _badge(paper: Paper, left: float, top: float, badge, event_lines: list[str]) -> None:
    right, bottom = left + 95 * mm, top - 66 * mm
    dash = (1.2, 1.2)
    for x1, y1, x2, y2 in ((left, top, right, top), (left, bottom, right, bottom)):
        paper.ops.append(("line", x1, y1, x2, y2, 0.4, GREY, dash))
    for x in (left, right):
        paper.ops.append(("line", x, top, x, bottom, 0.4, GREY, dash))
    if not badge:
        return
    name, organisation, code = badge
    inner = 95 * mm - 14 * mm
    y = top - 15 * mm
    for line in wrap(name, BOLD, 20, inner):
        y -= 20 * 1.15
        paper.text(left + 7 * mm, y + 20 * 0.24, line, BOLD, 20)
    y -= 3 * mm
    for line in wrap(organisation, REGULAR, 12, inner - (22 * mm if code else 0)):
        y -= 12 * 1.25
        paper.text(left + 7 * mm, y + 12 * 0.24, line, REGULAR, 12, DARK)
    if code:
        _qr(paper, right - 7 * mm - 18 * mm, bottom + 18 * mm, 18 * mm, code)
    # The meeting at the foot, under a coloured rule (lines from the bottom up).
    y = bottom + 6 * mm
    for line in reversed(event_lines):
        paper.text(left + 7 * mm, y + 8.5 * 0.24, line, REGULAR, 8.5, DARK)
        y += 8.5 * LEADING
    paper.ops.append(("line", left + 7 * mm, y + 2 * mm, right - 7 * mm, y + 2 * mm, 1.5, BADGE_TEAL, ()))


# A run of dark modules in a QR code's rows (badge_qr.badge_qr_rows: "1" dark, rows joined by a "0").
_DARK_RUN = re.compile("1+")


def qr_operators(size: int, rows: str) -> str:
    """The dark modules as PDF path operators in module units: one ``x y w 1 re`` a run of a row.

    Found by a regular expression over the rows, not module by module, and each run's operator is
    written once a process: 0.04 ms a code, where growing the runs into rectangles in Python and
    formatting their coordinates in points took 0.5 ms (README "Data scale").
    """
    stride = size + 1
    operators = []
    for run in _DARK_RUN.finditer(rows):
        key = (stride, *run.span())
        operator = _RUN_OPERATORS.get(key)
        if operator is None:
            _, start, end = key
            operator = _RUN_OPERATORS[key] = f"{start % stride} {start // stride} {end - start} 1 re"
        operators.append(operator)
    return " ".join(operators)


# (row length + 1, start, end) of a run in the joined rows -> its operator; a few thousand for the
# badges' codes (10 characters make a 21 x 21 code).
_RUN_OPERATORS: dict[tuple[int, int, int], str] = {}


def _qr(paper: Paper, x: float, y: float, size: float, code: str) -> None:
    """The check-in code as one vector path (a PDF draws it sharp at any size), scaled into place by a
    transformation matrix: one module a unit, rows downwards from the top left corner."""
    modules, rows = badge_qr_rows(code)
    module = size / modules
    place = f"{module:.4f} 0 0 {-module:.4f} {x:.2f} {y + size:.2f} cm"
    paper.ops.append(("operators", f"q {place} {qr_operators(modules, rows)} f Q", INK))


LAYOUTS = {
    "table": table_sheet,
    "workshops": workshops_sheet,
    "sign_in": sign_in_sheet,
    "catering": catering_sheet,
    "badges": badges_sheet,
}
