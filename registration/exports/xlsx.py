"""The XLSX file of an exporter: one worksheet of SpreadsheetML written row by row into the zip.

Measured for issue 19 (README "Data scale"): the participant list of a meeting with 20,000
registrations took 2.4 s of CPU with openpyxl's write-only mode and 1.3-2.3 s with XlsxWriter in
constant-memory mode, nearly all of it the libraries' work per cell (checks, a cell object,
escaping, a write call each). A list of plain values needs little of that: here each row is one
formatted string, and a thousand rows at a time go through the zip's compressor, which takes about
a tenth of the time. Memory stays flat however many rows there are (the rows come from an
iterator, the file is a temporary file).

The workbook is the one XlsxWriter wrote: header bold, top-aligned and frozen, the column widths of
the exporter, an autofilter over the data, dates and times as real dates in local wall-clock time
with their number formats, amounts with two decimals, and every text as an inline text cell
(never a formula, a number or a link, whatever it looks like), neutralised by the one spreadsheet
rule (``netvaerk.text.spreadsheet_safe``), with control characters escaped as Excel does
(``_x000D_``). The tests open the files with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile

from django.utils.translation import gettext as _

from netvaerk.text import spreadsheet_safe

from .base import BOOL, DATE, DATETIME, DECIMAL, INT, Exporter

XLSX_DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
XLSX_DATE_FORMAT = "dd.mm.yyyy"
ROWS_PER_WRITE = 1000
MAX_TEXT = 32767  # characters Excel holds in a cell
# Characters XML 1.0 cannot hold are left out; the control characters it can are escaped as Excel
# does (_xHHHH_), and so is a text that already looks like such an escape.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXCEL_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
# Excel's day 0 (with its 1900 leap-year error, the serial numbers from March 1900 on count from here).
_EPOCH = dt.datetime(1899, 12, 30)

# Style indexes into cellXfs below.
HEADER, DATETIME_STYLE, DATE_STYLE, AMOUNT_STYLE = 1, 2, 3, 4


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _text_cell(ref: str, text: str, style: int = 0) -> str:
    if not text:
        return ""
    text = spreadsheet_safe(text)
    s = f' s="{style}"' if style else ""
    # Most texts need nothing: printable (no control character), nothing to escape, no space to keep.
    if (
        text.isprintable()
        and "&" not in text
        and "<" not in text
        and ">" not in text
        and "_x" not in text
        and not text[0].isspace()
        and not text[-1].isspace()
    ):
        return f'<c r="{ref}"{s} t="inlineStr"><is><t>{text[:MAX_TEXT]}</t></is></c>'
    text = _ILLEGAL_XML.sub("", text)[:MAX_TEXT]
    text = _EXCEL_ESCAPE.sub(r"_x005F\1", text).replace("\r", "_x000D_")
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _cell_writers(exporter: Exporter, local):
    """One function per column: (reference, value) -> the cell's XML, or "" for an empty cell."""
    yes, no = _("Yes"), _("No")

    def text(ref, value):
        # An empty text is an empty cell, as openpyxl and XlsxWriter wrote it.
        return "" if value is None or value == "" else _text_cell(ref, str(value))

    def number(ref, value):
        return "" if value is None else f'<c r="{ref}"><v>{value:.16G}</v></c>'

    def amount(ref, value):
        return "" if value is None else f'<c r="{ref}" s="{AMOUNT_STYLE}"><v>{float(value):.16G}</v></c>'

    def boolean(ref, value):
        return _text_cell(ref, yes if value else no)

    def datetime_(ref, value):
        if value is None:
            return ""
        serial = (local(value).replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{DATETIME_STYLE}"><v>{serial:.16G}</v></c>'

    def date_(ref, value):
        if value is None:
            return ""
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{(value - _EPOCH.date()).days}</v></c>'

    by_kind = {INT: number, DECIMAL: amount, BOOL: boolean, DATETIME: datetime_, DATE: date_}
    return [by_kind.get(column.kind, text) for column in exporter.columns]


def _width(characters: float) -> float:
    # As Excel (and XlsxWriter) store a width given in characters of the default font.
    return int(characters * 7 + 5) / 7 if characters >= 1 else int(characters * 12 + 0.5) / 12


def xlsx_file(exporter: Exporter, *, local):
    """The workbook in a rewound temporary file; ``local`` turns an aware datetime into local time."""
    out = tempfile.TemporaryFile()
    names = [_column_name(index) for index in range(max(len(exporter.columns), 1))]
    title = exporter.sheet_title()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path, content in _package(title).items():
            archive.writestr(path, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{_width(column.width):.16G}" customWidth="1"/>'
                for i, column in enumerate(exporter.columns, start=1)
            )
            header = "".join(
                _text_cell(f"{name}1", label, HEADER) for name, label in zip(names, exporter.header(), strict=False)
            )
            sheet.write(
                (
                    f'{XML}<worksheet {NS}><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
                    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                    f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
                    f'<sheetData><row r="1">{header}</row>'
                ).encode()
            )
            writers = _cell_writers(exporter, local)
            number, buffer = 1, []
            for number, row in enumerate(exporter.rows(), start=2):
                cells = "".join(
                    write(f"{name}{number}", value) for write, name, value in zip(writers, names, row, strict=False)
                )
                buffer.append(f'<row r="{number}">{cells}</row>')
                if len(buffer) >= ROWS_PER_WRITE:
                    sheet.write("".join(buffer).encode())
                    buffer = []
            last = f"{names[-1]}{number}"
            sheet.write(f'{"".join(buffer)}</sheetData><autoFilter ref="A1:{last}"/></worksheet>'.encode())
        archive.writestr("xl/workbook.xml", _workbook(title, last))
    out.seek(0)
    return out


# --- The package around the sheet -----------------------------------------------------------------

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _workbook(title: str, last: str) -> str:
    sheet = "'" + _xml(title).replace("'", "''") + "'"
    absolute = re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", last)
    return (
        f'{XML}<workbook {NS}><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name="{_xml(title)}" sheetId="1" r:id="rId1"/></sheets>'
        f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{sheet}!$A$1:{absolute}</definedName></definedNames>"
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _package(title: str) -> dict[str, str]:
    return {
        "[Content_Types].xml": (
            f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'{XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<numFmts count="3"><numFmt numFmtId="164" formatCode="{XLSX_DATETIME_FORMAT}"/>'
            f'<numFmt numFmtId="165" formatCode="{XLSX_DATE_FORMAT}"/>'
            '<numFmt numFmtId="166" formatCode="#,##0.00"/></numFmts>'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
            '<alignment vertical="top"/></xf>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
    }
