"""Migration operations for PostgreSQL's search indexes that SQLite cannot build.

The index stays in the model's state on every database (so ``makemigrations``
sees nothing to do); only PostgreSQL builds it. SQLite has no GIN indexes and
no trigram operator classes, and its fallback search reads the words column
without them.
"""

from django.db.migrations.operations import AddIndex


class AddIndexOnPostgreSQL(AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{super().describe()} (PostgreSQL only)"
