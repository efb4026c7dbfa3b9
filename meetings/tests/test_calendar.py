"""Calendar files (.ics): one meeting, a network's feed and the feed of all meetings."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from meetings.tests.factories import MeetingFactory, local
from netvaerk.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(response):
    return _calendar(response).walk("VEVENT")


def _one_event(client, meeting):
    events = _events(client.get(reverse("public:meeting_calendar", args=[meeting.code])))
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(
    ("day", "utc_offset"),
    [(dt.date(2030, 1, 17), dt.timedelta(hours=1)), (dt.date(2030, 7, 11), dt.timedelta(hours=2))],
    ids=["winter", "summer"],
)
def test_meeting_ics_keeps_copenhagen_wall_time(client, day, utc_offset):
    meeting = MeetingFactory(starts_at=local(day, 9, 30), ends_at=local(day, 15, 0))
    response = client.get(reverse("public:meeting_calendar", args=[meeting.code]))
    event = _events(response)[0]

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.date(), start.hour, start.minute) == (day, 9, 30)
    assert (end.hour, end.minute) == (15, 0)
    assert start.utcoffset() == utc_offset
    # Written as local time with its zone (so calendars never move it), and the zone is defined.
    assert f"DTSTART;TZID=Europe/Copenhagen:{day:%Y%m%d}T093000" in response.content.decode()
    assert _calendar(response).walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"


def test_meeting_ics_has_title_place_and_meeting_url(client):
    meeting = MeetingFactory(title="Sociale viceværter", venue__name="Rosenhøj", venue__postal_code="8260")
    event = _one_event(client, meeting)
    url = f"{settings.SITE_URL}/moeder/{meeting.code}/"
    assert str(event["SUMMARY"]) == "Sociale viceværter"
    assert url in str(event["DESCRIPTION"])
    assert str(event["URL"]) == url
    assert "Rosenhøj" in str(event["LOCATION"]) and "8260" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"


def test_meeting_ics_uid_stable_across_saves(client):
    meeting = MeetingFactory()
    uid = str(_one_event(client, meeting)["UID"])
    meeting.title = "Nyt navn"
    meeting.starts_at += dt.timedelta(hours=1)
    meeting.ends_at += dt.timedelta(hours=1)
    meeting.save()
    event = _one_event(client, meeting)
    assert str(event["UID"]) == uid
    assert str(event["SUMMARY"]) == "Nyt navn"


def test_meeting_ics_uids_differ_between_meetings(client):
    first, second = MeetingFactory(), MeetingFactory()
    assert str(_one_event(client, first)["UID"]) != str(_one_event(client, second)["UID"])


def test_meeting_ics_cancelled_meeting_marked_cancelled(client):
    meeting = MeetingFactory(cancelled=True)
    assert str(_one_event(client, meeting)["STATUS"]) == "CANCELLED"


def test_meeting_ics_never_contains_online_link(client):
    meeting = MeetingFactory(online_url="https://teams.example/meet/hemmeligt-link")
    response = client.get(reverse("public:meeting_calendar", args=[meeting.code]))
    assert "hemmeligt-link" not in response.content.decode()


@pytest.fixture
def two_networks():
    network, other = NetworkFactory(), NetworkFactory()
    return {
        "network": network,
        "published": MeetingFactory(network=network, title="Offentligt møde"),
        "past": MeetingFactory(network=network, title="Holdt møde", past=True),
        "cancelled": MeetingFactory(network=network, title="Aflyst møde", cancelled=True),
        "draft": MeetingFactory(network=network, title="Kladde", draft=True),
        "other": MeetingFactory(network=other, title="Andet netværks møde"),
        "standalone": MeetingFactory(network=None, title="Temadag"),
        "other_draft": MeetingFactory(network=None, title="Temadag (kladde)", draft=True),
    }


def _summaries(response):
    return sorted(str(event["SUMMARY"]) for event in _events(response))


def test_network_feed_contains_only_its_public_meetings(client, two_networks):
    response = client.get(reverse("public:network_calendar", args=[two_networks["network"].slug]))
    # Cancelled meetings stay in the feed with STATUS:CANCELLED, so subscribed calendars remove them.
    assert _summaries(response) == ["Aflyst møde", "Holdt møde", "Offentligt møde"]


def test_all_meetings_feed_contains_only_public_meetings(client, two_networks):
    response = client.get(reverse("public:all_meetings_calendar"))
    assert _summaries(response) == [
        "Aflyst møde",
        "Andet netværks møde",
        "Holdt møde",
        "Offentligt møde",
        "Temadag",
    ]
    assert "Kladde" not in response.content.decode()


def test_all_meetings_feed_empty_is_still_a_calendar(client, db):
    assert _events(client.get(reverse("public:all_meetings_calendar"))) == []


def test_feeds_hold_the_last_ninety_days_and_every_coming_meeting(client, db):
    from django.utils import timezone

    network = NetworkFactory()
    today = timezone.localdate()
    for title, days in [("Gammelt møde", -100), ("Nyligt møde", -30), ("Kommende møde", 14), ("Fjernt møde", 700)]:
        starts = local(today + dt.timedelta(days=days), 9, 30)
        MeetingFactory(
            network=network,
            title=title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=5),
            registration_deadline=starts - dt.timedelta(days=3),
        )
    for url in (reverse("public:all_meetings_calendar"), reverse("public:network_calendar", args=[network.slug])):
        assert _summaries(client.get(url)) == ["Fjernt møde", "Kommende møde", "Nyligt møde"]


def test_feed_reads_only_the_columns_its_events_show(client, db):
    """One query, without the meetings' long texts or the joins an event does not use (README "Data
    scale"); the place and the organiser still come from it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for title in ("Første", "Andet", "Tredje"):
        MeetingFactory(title=title, description="Lang beskrivelse " * 200)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("public:all_meetings_calendar"))
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert '"description"' not in sql and '"cancellation_terms"' not in sql
    assert "host_organisation" not in sql.split(" WHERE ")[0]
    events = _events(response)
    assert len(events) == 3 and all(str(event["LOCATION"]) and event["ORGANIZER"] for event in events)


def test_feed_answers_not_modified_until_a_meeting_changes(client, db):
    meeting = MeetingFactory(title="Første titel")
    url = reverse("public:all_meetings_calendar")
    first = client.get(url)
    etag = first["ETag"]
    assert etag and 'filename="moeder.ics"' in first["Content-Disposition"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    meeting.title = "Ny titel"
    meeting.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed["ETag"] != etag and _summaries(changed) == ["Ny titel"]
    # The feed tells subscribers to look again within the hour.
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in changed.content


def test_feed_text_is_escaped_and_folded_as_rfc_5545_says(client, db):
    title = 'Møde; "tryghed", naboskab \\ og\nmere ' + "æøå" * 40
    MeetingFactory(title=title, teaser="Første linje\r\nAnden linje, med komma")
    response = client.get(reverse("public:all_meetings_calendar"))
    event = _events(response)[0]
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]).startswith("Første linje\nAnden linje, med komma\n\n")
    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    # A fold never splits a character.
    assert all(line.decode() for line in lines if line)
