"""Indexes for the staff side at ten years of data (issue 19), and the migration operation that
builds PostgreSQL-only ones.

The admin's search is ``icontains``: ``UPPER(column::text) LIKE UPPER('%term%')``. A btree cannot
serve a pattern with a leading wildcard; a pg_trgm GIN index on the same ``UPPER(column)``
expression can (and also serves ``iexact``). Every field an admin searches needs one: the fields
of a search are ORed, and PostgreSQL combines index scans (BitmapOr) only when every arm has an
index, else it reads the whole table.

SQLite has neither GIN indexes nor trigram operator classes: there the index is kept in the
migration state (so ``makemigrations`` sees nothing to do) without being built, as the search
app does for its own (search/operations.py).
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db.migrations.operations import AddIndex
from django.db.models.functions import Upper


class ContainsIndex(GinIndex):
    """A GIN index that only PostgreSQL builds.

    Elsewhere (SQLite, the demo) its statements are SQL comments: also when SQLite rebuilds a table
    to add a column and recreates the table's indexes from the model's state.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: built on PostgreSQL only"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: built on PostgreSQL only"
        return super().remove_sql(model, schema_editor, **kwargs)


def contains_index(field: str, *, name: str) -> ContainsIndex:
    """A pg_trgm GIN index that serves the admin's ``icontains``/``iexact`` search on ``field``."""
    return ContainsIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


class AddIndexOnPostgreSQL(AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{super().describe()} (PostgreSQL only)"
