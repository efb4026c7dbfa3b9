"""The exporter contract: a name, a kind, formats, a filename and rows.

An exporter only reads (through the selectors) and yields rows of plain
values; the writers in ``writers.py`` turn the same rows into CSV, XLSX or
PDF. Values stay typed (datetime, int, bool, str) until a writer formats
them, so a spreadsheet gets real dates and a PDF gets Danish dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, ClassVar

from django.utils.text import slugify

from netvaerk import access

from .. import selectors

TEXT = "text"
INT = "int"
DECIMAL = "decimal"  # an amount in kroner with two decimals
BOOL = "bool"
DATE = "date"
DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    """One column of a list.

    By default it shows the ``values()`` lookup named ``field`` (or ``key``);
    ``value`` computes it from the whole row instead, reading ``reads``.
    With ``choices`` a stored code (or a list of codes) is shown as its label.
    """

    key: str
    label: Any  # a lazy translation, resolved when the header is written
    field: str | None = None
    kind: str = TEXT
    width: int = 20  # characters, for spreadsheets
    sensitive: bool = False  # dietary requirements or accessibility needs
    choices: Sequence[tuple[str, Any]] | None = None
    value: Callable[[Any], Any] | None = None
    reads: tuple[str, ...] = ()

    @property
    def lookups(self) -> tuple[str, ...]:
        return self.reads if self.value is not None else (self.field or self.key,)

    def getter(self) -> Callable[[Any], Any]:
        get = self.value if self.value is not None else itemgetter(self.field or self.key)
        if not self.choices:
            return get
        # Labels are translated once per file, not once per row.
        labels = {code: str(label) for code, label in self.choices}

        def label(row):
            code = get(row)
            if isinstance(code, list):
                return ", ".join(labels.get(item, item) for item in code)
            return labels.get(code, code)

        return label


@dataclass
class Group:
    """A titled part of a PDF (one workshop, for example)."""

    title: str
    rows: list[list[Any]]
    note: str = ""


class Exporter:
    """Base class; subclasses set the class attributes and implement ``objects``."""

    kind: ClassVar[str]
    slug: ClassVar[str]  # URL and filename stem (Danish, ASCII)
    title: ClassVar[Any]
    formats: ClassVar[tuple[str, ...]] = ("csv", "xlsx")
    # True when the user picks the columns on the export page (and it is remembered).
    choosable: ClassVar[bool] = False
    default_columns: ClassVar[Sequence[str]] = ()
    pdf_layout: ClassVar[str] = "table"  # a layout of sheets.LAYOUTS
    pdf_landscape: ClassVar[bool] = False
    # Leading columns a PDF shows as the heading of each group instead of in the table.
    pdf_group_columns: ClassVar[int] = 0
    chunk_size: ClassVar[int] = 2000

    def __init__(self, *, user, meeting=None, network=None, columns: Sequence[str] | None = None, **options):
        # An exporter reads for a person: it refuses what the access policy refuses (the views ask first).
        for bound in (meeting, network):
            if bound is not None:
                access.require(user, selectors.EXPORT_PERMISSION, bound)
        self.user = user
        self.meeting = meeting
        self.network = network
        self.options = options
        self.may_see_sensitive = user.has_perm(selectors.SENSITIVE_PERMISSION)
        available = {column.key: column for column in self.available_columns()}
        chosen = []
        if self.choosable and columns:
            # The file keeps the columns' own order, whatever order they were chosen in.
            wanted = set(columns)
            chosen = [column for key, column in available.items() if key in wanted]
        self.columns: list[Column] = chosen or [available[key] for key in self.defaults() if key in available]

    # --- What subclasses describe -----------------------------------------------

    @classmethod
    def all_columns(cls) -> list[Column]:
        raise NotImplementedError

    @classmethod
    def defaults(cls) -> Sequence[str]:
        return cls.default_columns or [column.key for column in cls.all_columns()]

    def queryset(self):
        """The registrations behind the rows, from a selector (joins included)."""
        raise NotImplementedError

    # Lookups read besides the columns' own (e.g. to group the rows).
    extra_lookups: ClassVar[tuple[str, ...]] = ()

    def lookups(self) -> list[str]:
        return list(dict.fromkeys([*self.extra_lookups, *(f for c in self.columns for f in c.lookups)]))

    def objects(self) -> Iterable[Any]:
        """The rows as dicts of the lookups the chosen columns read, fetched in chunks.

        values() instead of model instances: the joins stay in one query and
        20,000 rows cost a fifth of the time and memory.
        """
        return self.queryset().values(*self.lookups()).iterator(chunk_size=self.chunk_size)

    def count(self) -> int:
        return self.queryset().count()

    def filename_stem(self) -> str:
        if self.meeting is not None:
            return f"{self.slug}-{self.meeting.code}"
        return self.slug

    # --- Shared behaviour ---------------------------------------------------------------

    def available_columns(self) -> list[Column]:
        """The columns this user may export: sensitive ones only with the right to see them."""
        return [column for column in self.all_columns() if self.may_see_sensitive or not column.sensitive]

    @property
    def sensitive(self) -> bool:
        return any(column.sensitive for column in self.columns)

    def header(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    def rows(self) -> Iterator[list[Any]]:
        getters = [column.getter() for column in self.columns]
        for obj in self.objects():
            yield [getter(obj) for getter in getters]

    def groups(self) -> list[Group]:
        """Parts of the PDF; one untitled part unless a subclass groups the rows."""
        return [Group(title="", rows=list(self.rows()))]

    def filename(self, fmt: str) -> str:
        return f"{slugify(self.filename_stem()) or self.slug}.{fmt}"

    def sheet_title(self) -> str:
        # Excel allows 31 characters and no []:*?/\ in a sheet name.
        title = str(self.title)
        for char in "[]:*?/\\":
            title = title.replace(char, " ")
        return title[:31]

    def log_parameters(self) -> dict[str, Any]:
        return {key: str(value) for key, value in self.options.items() if value not in (None, "")}

    def pdf_context(self) -> dict[str, Any]:
        return {}

    @classmethod
    def query_options(cls, query) -> dict[str, Any]:
        """Options a download link may carry in its query string (e.g. ``?workshop=1``); none by default."""
        return {}
