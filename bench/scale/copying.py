"""Rows into PostgreSQL with COPY, with a table's indexes set aside during a bulk load."""

from __future__ import annotations

import contextlib
import io
import json


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


class Copier:
    """Writes rows (dicts keyed by attname) of one model into its table with COPY.

    Missing keys take the field's default (auto_now fields take ``now``); ids
    are given by the caller, so rows can refer to each other before they exist.
    """

    CHUNK = 5_000

    def __init__(self, model, now):
        from django.db import models

        self.model = model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.now = now
        self.converters = []
        for f in self.fields:
            if isinstance(f, models.JSONField):
                self.converters.append(lambda v: _escape(json.dumps(v, ensure_ascii=False)))
            elif isinstance(f, models.BooleanField):
                self.converters.append(lambda v: "t" if v else "f")
            elif isinstance(f, (models.DateTimeField, models.DateField, models.TimeField)):
                self.converters.append(lambda v: v.isoformat())
            else:
                self.converters.append(lambda v: _escape(str(v)))
        columns = ", ".join(f'"{f.column}"' for f in self.fields)
        self.sql = f'COPY "{self.table}" ({columns}) FROM STDIN'
        self.count = 0
        self._lines: list[str] = []

    def _default(self, f):
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return self.now
        return f.get_default()

    def add(self, row: dict) -> None:
        values = []
        for f, convert in zip(self.fields, self.converters):
            value = row[f.attname] if f.attname in row else self._default(f)
            values.append("\\N" if value is None else convert(value))
        self._lines.append("\t".join(values))
        self.count += 1
        if len(self._lines) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._lines:
            return
        from django.db import connection

        data = io.StringIO("\n".join(self._lines) + "\n")
        self._lines = []
        with connection.cursor() as cursor:
            cursor.copy_expert(self.sql, data, 1 << 20)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()


@contextlib.contextmanager
def indexes_set_aside(model):
    """Drop a table's secondary indexes, unique and foreign-key constraints for a bulk load, then restore them.

    Building an index once is much faster than updating it row by row. Inside
    a transaction (the tests) nothing is dropped: PostgreSQL refuses to alter
    tables with pending deferred checks.
    """
    from django.db import connection

    if connection.in_atomic_block:
        yield
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')


def copy_rows(model, rows, now) -> int:
    with Copier(model, now) as copier:
        for row in rows:
            copier.add(row)
    return copier.count
