"""The demo data: loads twice without duplicates, and its logins work."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from members.demo import CONSULTANT_EMAIL, CONSULTANT_PASSWORD, load_demo

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


def test_load_demo_consultant_can_log_in_to_admin(client):
    load_demo()
    assert client.login(email=CONSULTANT_EMAIL, password=CONSULTANT_PASSWORD)
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
