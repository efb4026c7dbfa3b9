# Indexes for the email log at ten years (issue 19; README "Data scale"). pg_trgm and the GIN
# indexes on PostgreSQL only (netvaerk/db_indexes.py): on SQLite the extension operation does
# nothing and the GIN indexes stay in the migration state without being built.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from netvaerk.db_indexes import AddIndexOnPostgreSQL, contains_index


class Migration(migrations.Migration):
    dependencies = [
        ("netvaerk", "0003_network_terms_of_reference"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddIndex(
            model_name="outgoingemail",
            index=models.Index(fields=["created_at"], name="outgoingemail_created"),
        ),
        migrations.AddIndex(
            model_name="outgoingemail",
            index=models.Index(fields=["ref_id"], name="outgoingemail_ref_id"),
        ),
        migrations.AddIndex(
            model_name="outgoingemail",
            index=models.Index(fields=["language"], name="outgoingemail_language"),
        ),
        AddIndexOnPostgreSQL(
            model_name="outgoingemail", index=contains_index("recipient", name="outgoingemail_recipient_trgm")
        ),
        AddIndexOnPostgreSQL(
            model_name="outgoingemail", index=contains_index("subject", name="outgoingemail_subject_trgm")
        ),
        AddIndexOnPostgreSQL(
            model_name="outgoingemail", index=contains_index("idempotency_key", name="outgoingemail_key_trgm")
        ),
    ]
