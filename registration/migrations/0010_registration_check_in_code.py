"""Every registration gets a random check-in code (the QR code at the door).

The column is added empty (no table rewrite). Only the registrations that can
still come to the door get a code here: those not cancelled, of meetings that
end from a week ago on. Ten years of registrations (300,000 rows in the bench
database) would take three minutes to rewrite, the table locked all the while
(each updated row writes to its five trigram indexes), for codes of meetings
long past. They get their codes in batches by primary key, one UPDATE per
batch, so memory and each statement stay small; then the column becomes
unique, and every new registration gets its code when it is created.
"""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

import registration.models

BATCH = 5000


def _codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(registration.models.new_check_in_code())
    return list(codes)


def fill_codes(apps, schema_editor):
    Registration = apps.get_model("registration", "Registration")
    connection = schema_editor.connection
    rows = (
        Registration.objects.using(connection.alias)
        .exclude(status="cancelled")
        .filter(meeting__ends_at__gte=timezone.now() - dt.timedelta(days=7))
    )
    table = connection.ops.quote_name(Registration._meta.db_table)
    last = 0
    while True:
        ids = list(
            rows.filter(pk__gt=last, check_in_code__isnull=True).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return
        pairs = list(zip(ids, _codes(len(ids)), strict=True))
        if connection.vendor == "postgresql":
            # One UPDATE joined to a VALUES list: bulk_update's CASE per row took 224 s for 300,000 rows.
            values = ", ".join(["(%s, %s)"] * len(pairs))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} AS r SET check_in_code = v.code FROM (VALUES {values}) AS v(id, code) "
                    "WHERE r.id = v.id",
                    [item for pair in pairs for item in pair],
                )
        else:
            rows.bulk_update([Registration(pk=pk, check_in_code=code) for pk, code in pairs], ["check_in_code"])
        last = ids[-1]


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0009_invoice_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="check_in_code",
            field=models.CharField(editable=False, max_length=10, null=True, verbose_name="check-in code"),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="registration",
            name="check_in_code",
            field=models.CharField(
                blank=True,
                null=True,
                default=registration.models.new_check_in_code,
                editable=False,
                help_text="Shown as a QR code in the confirmation, on the personal page and on the name badge.",
                max_length=10,
                unique=True,
                verbose_name="check-in code",
            ),
        ),
    ]
