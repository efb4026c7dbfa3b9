# Indexes for the registrations at ten years (issue 19; README "Data scale"): the admin's default
# order and the GIN indexes of its contains-search (PostgreSQL only, netvaerk/db_indexes.py).

from django.db import migrations, models

from netvaerk.db_indexes import AddIndexOnPostgreSQL, contains_index


class Migration(migrations.Migration):
    dependencies = [
        ("netvaerk", "0004_scale_indexes"),
        ("registration", "0005_exportlog_format_json"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(fields=["created_at", "id"], name="registration_created_id"),
        ),
        AddIndexOnPostgreSQL(model_name="registration", index=contains_index("name", name="registration_name_trgm")),
        AddIndexOnPostgreSQL(model_name="registration", index=contains_index("email", name="registration_email_trgm")),
        AddIndexOnPostgreSQL(
            model_name="registration", index=contains_index("organisation", name="registration_organisation_trgm")
        ),
        AddIndexOnPostgreSQL(
            model_name="registration", index=contains_index("job_title", name="registration_job_title_trgm")
        ),
    ]
