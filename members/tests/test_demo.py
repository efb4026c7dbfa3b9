"""The demo data: loads twice without duplicates, and its logins work."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from members.demo import (
    CONSULTANT_EMAIL,
    CONSULTANT_PASSWORD,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    SECRETARIAT_EMAIL,
    SECRETARIAT_PASSWORD,
    load_demo,
)

pytestmark = pytest.mark.django_db

COUNTED = [
    "members.User",
    "auth.Group",
    "netvaerk.Organiser",
    "netvaerk.Organisation",
    "netvaerk.WorkArea",
    "netvaerk.TargetGroup",
    "netvaerk.Theme",
    "netvaerk.Network",
    "meetings.Venue",
    "meetings.Meeting",
    "meetings.AgendaItem",
    "meetings.Workshop",
    "members.Profile",
    "members.Membership",
    "members.Post",
    "members.Material",
    "members.Minutes",
    "registration.Registration",
    "account.EmailAddress",
]


def _counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def test_load_demo_twice_does_not_duplicate_rows():
    today = dt.date(2026, 11, 23)
    load_demo(today=today)
    first = _counts()
    load_demo(today=today)
    assert _counts() == first
    assert first["netvaerk.Network"] >= 5
    assert first["meetings.Meeting"] >= 10


def test_load_demo_on_a_later_day_keeps_one_row_per_meeting():
    load_demo(today=dt.date(2026, 11, 23))
    first = _counts()
    load_demo(today=dt.date(2027, 2, 1))
    assert _counts() == first


def test_load_demo_twice_keeps_seed_programme_once(client):
    load_demo()
    load_demo()
    response = client.get("/moeder/21-374/")
    assert response.status_code == 200
    assert response.content.decode().count("Dagens program og tjek ind") == 1
    assert len(response.context["agenda_items"]) == 11


def test_load_demo_command_prints_logins():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert CONSULTANT_EMAIL in out.getvalue()
    assert MEMBER_EMAIL in out.getvalue()
    assert MEMBER_PASSWORD in out.getvalue()
    assert SECRETARIAT_EMAIL in out.getvalue() and SECRETARIAT_PASSWORD in out.getvalue()


def test_load_demo_secretariat_logs_in_and_downloads_a_list_of_another_network(client):
    from meetings.models import Meeting

    load_demo()
    assert client.login(email=SECRETARIAT_EMAIL, password=SECRETARIAT_PASSWORD)
    meeting = Meeting.objects.get(title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse")
    response = client.get(reverse("registration:staff_meeting_export", args=[meeting.code, "deltagere", "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_demo_minutes_name_the_attendance_the_check_ins_show():
    from members.models import Minutes
    from registration.models import Registration

    load_demo()
    minutes = Minutes.objects.get(meeting__title="Unge, fritid og demokrati")
    present = Registration.objects.filter(meeting=minutes.meeting, attended=True)
    organisations = present.exclude(organisation="").values("organisation").distinct().count()
    assert minutes.text.startswith(f"Til stede: {present.count()} deltagere fra {organisations} organisationer.\n")


def test_load_demo_consultant_can_log_in_to_admin(client):
    load_demo()
    assert client.login(email=CONSULTANT_EMAIL, password=CONSULTANT_PASSWORD)
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200


def test_demo_member_logs_in_and_uses_the_group_space(client):
    load_demo()
    response = client.post(reverse("account_login"), {"login": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    assert response["Location"] == reverse("members:home")
    home = client.get(reverse("members:home")).content.decode()
    assert "Lokalsamfund" in home
    slug = "lokalsamfund-medborgerskab"
    board = client.get(reverse("members:board", args=[slug]))
    assert board.status_code == 200
    assert "Erfaringer med ungeråd?" in board.content.decode()
    directory = client.get(reverse("members:directory", args=[slug])).content.decode()
    assert "ahmad.rahimi@tingbjerg.example" in directory
    assert "soeren.holt@ribe.example" not in directory  # did not consent
    material = client.get(reverse("members:material", args=[slug]))
    item = next(m for m in material.context["materials"] if m.kind == "file")
    download = client.get(reverse("members:material_download", args=[slug, item.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "Til stede" in client.get(reverse("members:minutes", args=[slug])).content.decode()
    assert client.get(reverse("members:registrations")).context["upcoming"]


def test_demo_coordinator_sees_the_pending_request(client):
    load_demo()
    client.post(reverse("account_login"), {"login": CONSULTANT_EMAIL, "password": CONSULTANT_PASSWORD})
    page = client.get(reverse("members:requests", args=["lokalsamfund-medborgerskab"]))
    assert page.status_code == 200
    assert "Fatima Ali" in page.content.decode()
