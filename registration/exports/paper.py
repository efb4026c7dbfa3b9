"""The paper lists (PDF) drawn with ReportLab's canvas: headings, notes and tables, page by page.

The lists were HTML laid out by WeasyPrint, which costs about 5 ms per table
row: the sign-in sheet of a meeting with 1,176 confirmed (57 pages) took
6-7 s, the badges and the workshop lists as long (README "Data scale"). Here
each row is measured (font metrics), wrapped and placed by position, and
the same sheet takes about a tenth of a second. The layout is the same as
before: A4, DejaVu Sans (the font the PDFs always had, so every Danish and
most European names print), a heading and a line about the meeting on the
first page, table headers repeated on every page, rows never split across
pages, and a footer with the list's title and "Page n / N".

A page is first laid out as a list of drawing operations, and drawn once the
number of pages is known (for the footer). All text of a page goes into one
text object, row by row, so a PDF reader (and the tests, through pypdf)
reads each row as a line.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REGULAR, BOLD, ITALIC = "PaperSans", "PaperSans-Bold", "PaperSans-Oblique"
_FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
LEADING = 1.17  # DejaVu Sans' normal line height, as the browser and WeasyPrint set it
PAD = 1.5 * mm  # a table cell's padding

INK, GREY, DARK, NOTE, RULE = (HexColor(c) for c in ("#111111", "#555555", "#333333", "#444444", "#999999"))


def _font_path(file: str) -> str | None:
    for folder in _FONT_DIRS:
        path = Path(folder) / file
        if path.exists():
            return str(path)
    # Elsewhere fontconfig knows (fonts-dejavu-core is a system package of the project: .ci/system-packages.sh).
    family = "DejaVu Sans:style=" + {"DejaVuSans.ttf": "Book", "DejaVuSans-Bold.ttf": "Bold"}.get(file, "Oblique")
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return found.stdout if found.stdout.endswith(file) else None


@cache
def register_fonts() -> None:
    """Once per process: reading the three font files takes about 0.1 s.

    Without the oblique face (fonts-dejavu-extra) the few italic notes print upright."""
    regular = _font_path(_FONT_FILES[REGULAR])
    if regular is None:
        raise RuntimeError("DejaVu Sans is missing: install fonts-dejavu-core (.ci/system-packages.sh)")
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, _font_path(file) or regular))


def width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _pieces(paragraph: str) -> list[tuple[str, str]]:
    """(separator, piece): a line may break at a space or after a hyphen, as a browser breaks."""
    return [
        ("" if index else " ", part)
        for word in paragraph.split()
        for index, part in enumerate(re.findall(r"[^-]+-+|[^-]+|-+", word))
    ]


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """Lines of at most ``room`` points, broken at spaces and hyphens; a longer word is broken anywhere."""
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        line = ""
        for separator, piece in _pieces(paragraph):
            candidate = f"{line}{separator}{piece}" if line else piece
            if width(candidate, font, size) <= room:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = piece
            while width(line, font, size) > room and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and width(line[:cut], font, size) > room:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Col:
    label: str
    share: float  # of the table's width; a column with 0 takes what the others leave
    align: str = "left"  # or "right" (numbers)
    fixed: float = 0  # a width in points instead of a share


class Paper:
    """A document in the making: flowing blocks on pages with the portal's margins and footer."""

    def __init__(self, *, running: str, page_label: str, wide: bool = False, margins=(16, 14, 18, 14), footer=True):
        register_fonts()
        self.size = landscape(A4) if wide else A4
        top, right, bottom, left = (m * mm for m in margins)
        self.left, self.right = left, self.size[0] - right
        self.top, self.bottom = self.size[1] - top, bottom
        self.running, self.page_label, self.footer = running, page_label, footer
        self.pages: list[list[tuple]] = []
        self.new_page()

    @property
    def room(self) -> float:
        return self.right - self.left

    def new_page(self) -> None:
        self.ops: list[tuple] = []
        self.pages.append(self.ops)
        self.y = self.top
        self.gap = 0.0  # the bottom margin of the block above, collapsed with the next one's top margin

    def fits(self, height: float) -> bool:
        return self.y - height >= self.bottom or self.y == self.top

    def text(self, x: float, y: float, line: str, font: str = REGULAR, size: float = 10, colour=INK) -> None:
        self.ops.append(("text", x, y, font, size, colour, line))

    def rule(self, x1: float, x2: float, y: float, weight: float, colour=RULE, dash: Sequence[float] = ()) -> None:
        self.ops.append(("line", x1, y, x2, y, weight, colour, tuple(dash)))

    # --- Blocks ------------------------------------------------------------------------------------

    def paragraph(self, text: str, *, size=10, font=REGULAR, colour=INK, before=0.0, after=0.0, keep=0.0) -> None:
        """Wrapped text; ``keep`` is room that must follow on the same page (a heading keeps its table)."""
        lines = wrap(text, font, size, self.room)
        space = max(self.gap, before)
        if not self.fits(space + len(lines) * size * LEADING + keep):
            self.new_page()
        elif self.y != self.top:
            self.y -= space
        for line in lines:
            self.y -= size * LEADING
            self.text(self.left, self.y + size * 0.24, line, font, size, colour)
        self.gap = after

    def space(self) -> None:
        """The pending margin, before a block that has none of its own (a table)."""
        if self.y != self.top:
            self.y -= self.gap
        self.gap = 0.0

    def table(
        self,
        columns: Sequence[Col],
        rows: Sequence[Sequence[str]],
        *,
        size=9,
        min_height=0.0,
        rules=True,
        header=True,
        bold_first=False,
        middle=False,
        after=0.0,
    ) -> None:
        """Rows under a header repeated on each page; a row stays on one page; cells wrap.

        ``middle``: text in the middle of a tall row (the sign-in sheet), else at the top.
        """
        self.space()
        xs, widths = self._columns(columns)
        head = [wrap(col.label, BOLD, size, w - 2 * PAD) for col, w in zip(columns, widths)] if header else None
        head_height = max(len(cell) for cell in head) * size * LEADING + 2 * PAD if head else 0
        if head and not self.fits(head_height + max(min_height, size * LEADING + 2 * PAD)):
            self.new_page()
        if head:
            self._row(columns, xs, widths, head, head_height, size, BOLD, (1.2, INK) if rules else None, False)
        for values in rows:
            fonts = [BOLD if bold_first and i == 0 else REGULAR for i in range(len(columns))]
            cells = [wrap(v, f, size, w - 2 * PAD) for v, f, w in zip(values, fonts, widths)]
            height = max([min_height, *(len(cell) * size * LEADING + 2 * PAD for cell in cells)])
            if not self.fits(height):
                self.new_page()
                if head:
                    self._row(columns, xs, widths, head, head_height, size, BOLD, (1.2, INK) if rules else None, False)
            self._row(columns, xs, widths, cells, height, size, fonts, (0.5, RULE) if rules else None, middle)
        self.gap = after

    def _columns(self, columns: Sequence[Col]) -> tuple[list[float], list[float]]:
        fixed = sum(col.fixed for col in columns)
        shares = sum(col.share for col in columns if not col.fixed) or 1
        rest = max(self.room - fixed, 0)
        widths = [col.fixed or rest * col.share / shares for col in columns]
        xs, x = [], self.left
        for w in widths:
            xs.append(x)
            x += w
        return xs, widths

    def _row(self, columns, xs, widths, cells, height, size, fonts, rule, middle) -> None:
        for i, (col, x, w, cell) in enumerate(zip(columns, xs, widths, cells)):
            font = fonts[i] if isinstance(fonts, list) else fonts
            y = self.y - ((height - len(cell) * size * LEADING) / 2 if middle else PAD)
            for line in cell:
                y -= size * LEADING
                if not line:
                    continue
                x_text = x + w - PAD - width(line, font, size) if col.align == "right" else x + PAD
                self.text(x_text, y + size * 0.24, line, font, size, INK)
        self.y -= height
        if rule:
            self.rule(xs[0], xs[-1] + widths[-1], self.y, rule[0], rule[1])

    def _footer(self, number: int, total: int) -> list[tuple]:
        """The list's running title bottom left (wrapped), "Page n / N" bottom right."""
        label = f"{self.page_label} {number} / {total}"
        label_width = width(label, REGULAR, 8)
        y = self.bottom - 6 * mm
        ops = [("text", self.right - label_width, y, REGULAR, 8, GREY, label)]
        for line in wrap(self.running, REGULAR, 8, self.room - label_width - 8 * mm):
            ops.append(("text", self.left, y, REGULAR, 8, GREY, line))
            y -= 8 * LEADING
        return ops

    # --- Output ------------------------------------------------------------------------------------

    def pdf(self, *, title: str) -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=self.size, pageCompression=1, invariant=0)
        canvas.setTitle(title)
        canvas.setCreator("Netværksportalen")
        total = len(self.pages)
        for number, ops in enumerate(self.pages, start=1):
            if self.footer:
                ops = [*ops, *self._footer(number, total)]
            draw_page(canvas, ops)
            canvas.showPage()
        canvas.save()
        return out.getvalue()


def draw_page(canvas: Canvas, ops: list[tuple]) -> None:
    """Lines and shapes first, then every text of the page in one text object."""
    stroke = None
    for op in ops:
        if op[0] == "line":
            _, x1, y1, x2, y2, weight, colour, dash = op
            if stroke != (weight, colour, dash):
                # Set only when it changes: the badges draw 40 cut lines a page in one style.
                stroke = (weight, colour, dash)
                canvas.setLineWidth(weight)
                canvas.setStrokeColor(colour)
                canvas.setDash(list(dash) if dash else [])
            canvas.line(x1, y1, x2, y2)
        elif op[0] == "operators":
            # A path already written as PDF operators (the badges' QR codes: sheets.qr_operators).
            _, operators, colour = op
            canvas.setFillColor(colour)
            canvas.addLiteral(operators)
    text = canvas.beginText()
    font = None
    for op in ops:
        if op[0] != "text":
            continue
        _, x, y, name, size, colour, line = op
        if font != (name, size, colour):
            font = (name, size, colour)
            text.setFont(name, size)
            text.setFillColor(colour)
        text.setTextOrigin(x, y)
        text.textOut(line)
    canvas.drawText(text)
