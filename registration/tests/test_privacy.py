import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from meetings.tests.factories import MeetingFactory
from registration import privacy
from registration.enums import RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db
MARKER = "ZQXMARKER4711"
MARKER_EMAIL = f"{MARKER.lower()}@example.dk"


def held_meeting(days_ago):
    start = timezone.now() - dt.timedelta(days=days_ago)
    return MeetingFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=3), registration_deadline=start - dt.timedelta(days=1)
    )


def marked_registration(meeting, email=MARKER_EMAIL, **extra):
    return RegistrationFactory(
        meeting=meeting,
        name=f"Åse {MARKER}",
        email=email,
        phone=MARKER,
        organisation=MARKER,
        comment=MARKER,
        diets=["halal"],
        diet_note=MARKER,
        accessibility_needs=MARKER,
        sensitive_consent_at=timezone.now(),
        **extra,
    )


def database_contains(text: str) -> list[str]:
    """Every table and text column in which the text occurs (a full scan of the database)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT 1 FROM {connection.ops.quote_name(table)} "
                    f"WHERE CAST({connection.ops.quote_name(column.name)} AS TEXT) LIKE %s LIMIT 1",
                    [f"%{text}%"],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column.name}")
    return found


def test_sensitive_details_are_deleted_30_days_after_the_meeting():
    recent = marked_registration(held_meeting(10))
    old = marked_registration(held_meeting(31), email="other@example.dk")
    result = privacy.registrations_apply_retention()
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.diet_note == MARKER
    assert (
        old.diets == [] and old.diet_note == "" and old.accessibility_needs == "" and old.sensitive_consent_at is None
    )
    assert old.name.startswith("Åse")  # names stay until the 12-month anonymisation
    assert result.sensitive_deleted == 1


@override_settings(RETENTION_PERSONAL_DAYS=365)
def test_marker_is_gone_everywhere_after_anonymisation_but_counts_stay():
    meeting = held_meeting(400)
    marked_registration(meeting)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    assert database_contains(MARKER)
    privacy.registrations_apply_retention()
    assert database_contains(MARKER) == []
    assert database_contains(MARKER.lower()) == []
    assert Registration.objects.filter(meeting=meeting).count() == 2
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 1


def test_retention_is_idempotent():
    marked_registration(held_meeting(400))
    first = privacy.registrations_apply_retention()
    second = privacy.registrations_apply_retention()
    assert first.anonymised == 1 and second.anonymised == 0


def test_personal_data_export_and_erase_for_one_email():
    meeting = MeetingFactory()
    marked_registration(meeting)
    data = privacy.personal_data_for_email(MARKER.upper() + "@EXAMPLE.DK")
    assert data["registrations"][0]["diet_note"] == MARKER
    assert privacy.personal_data_erase(email=f"{MARKER.lower()}@example.dk") == 1
    assert database_contains(MARKER) == []


def test_staff_download_and_erase_personal_data_in_the_admin(admin_client):
    marked_registration(MeetingFactory())
    url = "/admin/registration/registration/personal-data/"
    response = admin_client.post(url, {"email": f"{MARKER.lower()}@example.dk", "download": "1"})
    assert response["Content-Type"].startswith("application/json")
    assert MARKER in response.content.decode()
    admin_client.post(url, {"email": f"{MARKER.lower()}@example.dk", "erase": "1"})
    assert database_contains(MARKER) == []


def test_personal_data_request_needs_the_delete_permission(consultant_client):
    assert consultant_client.get("/admin/registration/registration/personal-data/").status_code == 403
