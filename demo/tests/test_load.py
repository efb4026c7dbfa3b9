"""The demo data loads twice (and on a later day) without duplicates: it refreshes in place."""

import datetime as dt

import pytest
from django.apps import apps

from demo.load import load_demo

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
    "members.BoardPost",
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


def test_demo_minutes_name_the_attendance_the_check_ins_show():
    from members.models import Minutes
    from registration.models import Registration

    load_demo()
    minutes = Minutes.objects.get(meeting__title="Unge, fritid og demokrati")
    present = Registration.objects.filter(meeting=minutes.meeting, attended=True)
    organisations = present.exclude(organisation="").values("organisation").distinct().count()
    assert minutes.text.startswith(f"Til stede: {present.count()} deltagere fra {organisations} organisationer.\n")
