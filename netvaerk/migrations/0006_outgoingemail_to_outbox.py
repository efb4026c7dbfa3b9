# The outbox moved to its own app (outbox/): the table is renamed here and the model leaves the
# core's state; outbox/migrations/0001_initial.py takes it over without touching the database.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("netvaerk", "0005_organiser_embed_origins"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name="outgoingemail", table="outbox_outgoingemail")],
            state_operations=[migrations.DeleteModel(name="OutgoingEmail")],
        ),
    ]
