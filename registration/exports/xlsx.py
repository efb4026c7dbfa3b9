"""The XLSX file of an exporter, written with XlsxWriter in its constant-memory mode.

Measured for issue 19 (README "Data scale"): the participant list of a meeting with 20,000
registrations took 2.4 s of CPU with openpyxl's write-only mode; XlsxWriter writes the same
workbook in about half. Constant-memory mode writes each row to a temporary file as it comes, so
memory stays flat however many rows there are (rows must come in order, which they do).

The same workbook as before: header bold, top-aligned and frozen, the column widths of the
exporter, an autofilter over the data, dates and times as real dates in local wall-clock time,
and every text as a text cell (``write_string``: never a formula, a number or a link, whatever
it looks like), neutralised by the one spreadsheet rule (``netvaerk.text.spreadsheet_safe``).
"""

from __future__ import annotations

import re
import tempfile

import xlsxwriter
from django.utils.translation import gettext as _

from netvaerk.text import spreadsheet_safe

from .base import BOOL, DATE, DATETIME, DECIMAL, INT, Exporter

XLSX_DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
XLSX_DATE_FORMAT = "dd.mm.yyyy"
# Characters XML 1.0 cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_writers(exporter: Exporter, ws, local, formats):
    """One function per column: (row, column, value) -> writes the cell, or leaves it empty."""
    yes, no = _("Yes"), _("No")

    def text(row, col, value):
        # An empty text is an empty cell, as openpyxl wrote it.
        if value is not None and value != "":
            ws.write_string(row, col, spreadsheet_safe(_ILLEGAL_XML.sub("", str(value))))

    def number(row, col, value):
        if value is not None:
            ws.write_number(row, col, value)

    def amount(row, col, value):
        if value is not None:
            ws.write_number(row, col, float(value), formats["amount"])

    def boolean(row, col, value):
        ws.write_string(row, col, yes if value else no)

    def datetime_(row, col, value):
        if value is not None:
            ws.write_datetime(row, col, local(value).replace(tzinfo=None), formats["datetime"])

    def date_(row, col, value):
        if value is not None:
            ws.write_datetime(row, col, value, formats["date"])

    by_kind = {INT: number, DECIMAL: amount, BOOL: boolean, DATETIME: datetime_, DATE: date_}
    return [by_kind.get(column.kind, text) for column in exporter.columns]


def xlsx_file(exporter: Exporter, *, local):
    """The workbook in a rewound temporary file; ``local`` turns an aware datetime into local time."""
    out = tempfile.TemporaryFile()
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    formats = {
        "header": workbook.add_format({"bold": True, "valign": "top"}),
        "datetime": workbook.add_format({"num_format": XLSX_DATETIME_FORMAT}),
        "date": workbook.add_format({"num_format": XLSX_DATE_FORMAT}),
        "amount": workbook.add_format({"num_format": "#,##0.00"}),
    }
    ws = workbook.add_worksheet(exporter.sheet_title())
    for index, column in enumerate(exporter.columns):
        ws.set_column(index, index, column.width)
    ws.freeze_panes(1, 0)
    for index, label in enumerate(exporter.header()):
        ws.write_string(0, index, spreadsheet_safe(label), formats["header"])
    writers = _cell_writers(exporter, ws, local, formats)
    rows = 0
    for rows, row in enumerate(exporter.rows(), start=1):
        for col, (write, value) in enumerate(zip(writers, row)):
            write(rows, col, value)
    ws.autofilter(0, 0, rows, max(len(exporter.columns), 1) - 1)
    workbook.close()
    out.seek(0)
    return out
