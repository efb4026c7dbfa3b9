"""The meeting list and the calendar at ten years of data (issue 19): seats counted per shown meeting, labels
read without hashing the choice lists; the answers stay the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from meetings.enums import AgendaItemKind, MeetingFormat, MeetingKind
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local
from registration.enums import RegistrationStatus
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _meeting_selects(client, name, query):
    """The answer and the SELECTs of the meetings themselves (not the count, the prefetches or the clock)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"api-v1:{name}"), query)
    assert response.status_code == 200
    selects = [q["sql"] for q in captured if q["sql"].startswith('SELECT "meetings_meeting"."id"')]
    return response.json(), selects


@pytest.fixture
def seated(db):
    """Two coming meetings of 3 seats: one with a seat left, one full, and registrations in every status."""
    today = timezone.localdate()
    free = MeetingFactory(capacity=3, show_seats_left=True, starts_at=local(today + dt.timedelta(days=5), 9))
    full = MeetingFactory(capacity=3, show_seats_left=True, starts_at=local(today + dt.timedelta(days=6), 9))
    for meeting, confirmed in ((free, 2), (full, 3)):
        RegistrationFactory.create_batch(confirmed, meeting=meeting)
        RegistrationFactory.create_batch(2, meeting=meeting, status=RegistrationStatus.WAITING)
        RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    return free, full


def test_the_list_counts_confirmed_seats_per_shown_meeting_without_joining_the_registrations(client, seated):
    free, full = seated
    body, selects = _meeting_selects(client, "meeting_list", {"page_size": 100})
    states = {item["code"]: item["registration"] for item in body["items"]}
    assert states[free.code]["state"] == "open" and states[free.code]["seats_left"] == 1
    assert states[full.code]["state"] == "waiting_list" and states[full.code]["seats_left"] is None
    # One SELECT of the meetings; the seats are a subquery per row, computed for the rows of the page
    # after its LIMIT. A join of every registration grouped by meeting sorted some 25,000 wide rows for
    # a page of 20 at ten years (168 ms; README "Data scale").
    assert len(selects) == 1
    assert 'JOIN "registration_registration"' not in selects[0]
    assert 'FROM "registration_registration"' in selects[0]


def test_the_calendar_counts_confirmed_seats_without_joining_the_registrations(client, seated):
    free, full = seated
    body, selects = _meeting_selects(client, "calendar", {})
    states = {event["code"]: event["registration_state"] for event in body["events"]}
    assert states == {free.code: "open", full.code: "waiting_list"}
    assert len(selects) == 1 and 'JOIN "registration_registration"' not in selects[0]
    # Only what an event shows: no long texts, no organiser or host organisation.
    for column in ('"meetings_meeting"."description"', '"meetings_meeting"."cancellation_terms"', "netvaerk_organiser"):
        assert column not in selects[0]


def test_a_meeting_without_registrations_has_every_seat_left(client, db):
    meeting = MeetingFactory(capacity=5, show_seats_left=True)
    item = client.get(reverse("api-v1:meeting_list")).json()["items"][0]
    assert item["code"] == meeting.code and item["registration"]["seats_left"] == 5


def test_labels_are_the_choices_labels_in_danish(client, db):
    meeting = MeetingFactory(kind=MeetingKind.THEME_DAY, format=MeetingFormat.ONLINE, venue=None)
    AgendaItemFactory(meeting=meeting, kind=AgendaItemKind.GROUP_WORK)
    item = client.get(reverse("api-v1:meeting_list")).json()["items"][0]
    event = client.get(reverse("api-v1:calendar")).json()["events"][0]
    with override("da"):
        assert item["kind_label"] == event["kind_label"] == str(MeetingKind.THEME_DAY.label)
        assert item["format_label"] == event["location"] == str(MeetingFormat.ONLINE.label)
        assert item["programme"][0]["kind_label"] == str(AgendaItemKind.GROUP_WORK.label)
    assert item["kind_label"] == "Temadag"
