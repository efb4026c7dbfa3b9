"""CSV, XLSX and PDF from one exporter's rows.

Spreadsheet safety: a cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return could run as a formula when a spreadsheet opens
the file (CSV injection), also when the character hides behind spaces or
invisible characters. Such text gets a leading apostrophe in CSV *and* XLSX
(``neutralise``, one rule: ``netvaerk.text.spreadsheet_safe``), the OWASP
advice, and XLSX cells are always written as text cells (never formulas).
The apostrophe is visible; a participant's typed text is never executed.
PDFs print the text as typed.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from netvaerk.text import spreadsheet_safe

from . import xlsx
from .base import BOOL, DATE, DATETIME, DECIMAL, INT, Exporter
from .paper import Col
from .sheets import LAYOUTS

CSV_ROWS_PER_CHUNK = 500

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


# The one rule for every cell of CSV and XLSX (header and rows).
neutralise = spreadsheet_safe


def _to_local():
    """A converter to Copenhagen wall-clock time; the zone is looked up once per file, not per cell."""
    zone = timezone.get_current_timezone()

    def local(value: dt.datetime) -> dt.datetime:
        return value.astimezone(zone) if value.tzinfo is not None else value

    return local


# --- CSV -----------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the line (for csv.writer in a generator)."""

    def write(self, value):
        return value


def _csv_converters(exporter: Exporter):
    yes, no = _("Yes"), _("No")
    _local = _to_local()

    def text(value):
        return "" if value is None else neutralise(str(value))

    def number(value):
        return "" if value is None else value

    def boolean(value):
        return yes if value else no

    def datetime_(value):
        return "" if value is None else _local(value).strftime("%Y-%m-%d %H:%M")

    def date_(value):
        return "" if value is None else value.isoformat()

    def amount(value):
        # A decimal comma, as Danish Excel and finance systems read a CSV with ";" between fields.
        return "" if value is None else f"{value:.2f}".replace(".", ",")

    by_kind = {INT: number, DECIMAL: amount, BOOL: boolean, DATETIME: datetime_, DATE: date_}
    return [by_kind.get(column.kind, text) for column in exporter.columns]


def csv_lines(exporter: Exporter) -> Iterator[str]:
    """UTF-8 text with a byte order mark and ``;`` between fields, as Danish Excel expects.

    Yields a chunk every few hundred rows; the rows are read lazily.
    """
    language = translation.get_language()
    # The generator runs after the view has returned: keep its language.
    with translation.override(language):
        writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
        converters = _csv_converters(exporter)
        yield "\ufeff" + writer.writerow([neutralise(label) for label in exporter.header()])
        buffer = []
        for row in exporter.rows():
            buffer.append(writer.writerow([convert(value) for convert, value in zip(converters, row)]))
            if len(buffer) >= CSV_ROWS_PER_CHUNK:
                yield "".join(buffer)
                buffer = []
        if buffer:
            yield "".join(buffer)


def csv_response(exporter: Exporter) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(exporter), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = content_disposition_header(True, exporter.filename("csv"))
    return response


# --- XLSX ----------------------------------------------------------------------------


def xlsx_file(exporter: Exporter):
    """The workbook in a rewound temporary file (registration/exports/xlsx.py: XlsxWriter, constant memory)."""
    return xlsx.xlsx_file(exporter, local=_to_local())


def xlsx_response(exporter: Exporter) -> FileResponse:
    return FileResponse(
        xlsx_file(exporter),
        as_attachment=True,
        filename=exporter.filename("xlsx"),
        content_type=CONTENT_TYPES["xlsx"],
    )


# --- PDF -------------------------------------------------------------------------------


def display_value(value: Any, kind: str) -> str:
    """A value as a Danish reader expects it on paper."""
    if value is None:
        return ""
    if kind == BOOL:
        return _("Yes") if value else _("No")
    if kind == DATETIME:
        return timezone.localtime(value).strftime("%d.%m.%Y %H.%M")
    if kind == DATE:
        return value.strftime("%d.%m.%Y")
    if kind == DECIMAL:
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _pdf_columns(exporter: Exporter, skip: int = 0) -> list[Col]:
    return [
        Col(str(column.label), column.width, "right" if column.kind in (INT, DECIMAL) else "left")
        for column in exporter.columns[skip:]
    ]


def pdf_bytes(exporter: Exporter) -> bytes:
    """The exporter's rows on paper, in its layout (registration/exports/sheets.py)."""
    kinds = [column.kind for column in exporter.columns]
    skip = exporter.pdf_group_columns
    groups = [
        {
            "title": group.title,
            "note": group.note,
            "rows": [[display_value(v, k) for v, k in zip(row, kinds)][skip:] for row in group.rows],
        }
        for group in exporter.groups()
    ]
    paper = LAYOUTS[exporter.pdf_layout](exporter, _pdf_columns(exporter, skip), groups, exporter.pdf_context())
    title = str(exporter.title) + (f" · {exporter.meeting.code}" if exporter.meeting is not None else "")
    return paper.pdf(title=title)


def pdf_response(exporter: Exporter) -> HttpResponse:
    response = HttpResponse(pdf_bytes(exporter), content_type=CONTENT_TYPES["pdf"])
    # Inline: the browser opens the sheet ready to print; the name is kept for saving.
    response["Content-Disposition"] = content_disposition_header(False, exporter.filename("pdf"))
    return response


WRITERS = {"csv": csv_response, "xlsx": xlsx_response, "pdf": pdf_response}


def export_response(exporter: Exporter, fmt: str) -> HttpResponse:
    return WRITERS[fmt](exporter)
