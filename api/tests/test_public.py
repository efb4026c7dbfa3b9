"""The public API: schema, filters, pages, cache headers, the per-IP limit, and no personal data anywhere."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from meetings.enums import MeetingKind
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory, local
from netvaerk.tests.factories import NetworkFactory, WorkAreaFactory
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"api-v1:{name}", kwargs=kwargs or None)


def get(client, name, query=None, **kwargs):
    response = client.get(url(name, **kwargs), query or {})
    return response


def codes(response):
    return [item["code"] for item in response.json()["items"]]


# --- The schema --------------------------------------------------------------------------------------


def test_openapi_schema_is_valid_openapi_3(client):
    response = client.get(url("openapi-json"))
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on an invalid document
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/v1/networks", "/api/v1/meetings", "/api/v1/meetings/{code}", "/api/v1/calendar"} <= paths
    participants = schema["paths"]["/api/v1/meetings/{code}/participants"]["get"]
    assert participants["security"] == [{"TokenAuth": []}]
    assert "security" not in schema["paths"]["/api/v1/meetings"]["get"]


def test_docs_page_renders_swagger_from_our_own_static_files(client):
    response = client.get(url("openapi-view"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html and "cdn" not in html
    assert "<script>" not in html  # the settings are JSON in a script of type application/json; CSP holds


# --- Filters and pages ---------------------------------------------------------------------------------


@pytest.fixture
def calendar_world(db):
    today = timezone.localdate()
    area = WorkAreaFactory(name="Beskæftigelse", slug="beskaeftigelse")
    jobs = NetworkFactory(name="Job-netværket", slug="job", work_areas=[area])
    kids = NetworkFactory(name="Børn og unge", slug="boern")
    m = {
        "jobs_soon": MeetingFactory(network=jobs, starts_at=local(today + dt.timedelta(days=5), 9)),
        "jobs_later": MeetingFactory(network=jobs, starts_at=local(today + dt.timedelta(days=40), 9)),
        "kids_day": MeetingFactory(
            network=kids, kind=MeetingKind.THEME_DAY, starts_at=local(today + dt.timedelta(days=10), 9)
        ),
        "standalone": MeetingFactory(network=None, starts_at=local(today + dt.timedelta(days=20), 13)),
        "past": MeetingFactory(network=jobs, past=True),
    }
    return {"area": area, "jobs": jobs, "kids": kids, "m": m, "today": today}


def test_meetings_default_to_those_not_ended_in_date_order(client, calendar_world):
    m = calendar_world["m"]
    response = get(client, "meeting_list")
    assert codes(response) == [m[k].code for k in ("jobs_soon", "kids_day", "standalone", "jobs_later")]


def test_meetings_filter_by_network_kind_work_area_and_dates(client, calendar_world):
    m, today = calendar_world["m"], calendar_world["today"]
    assert codes(get(client, "meeting_list", {"network": "job"})) == [m["jobs_soon"].code, m["jobs_later"].code]
    assert codes(get(client, "meeting_list", {"kind": "theme_day"})) == [m["kids_day"].code]
    assert codes(get(client, "meeting_list", {"work_area": "beskaeftigelse"})) == [
        m["jobs_soon"].code,
        m["jobs_later"].code,
    ]
    window = {"from": (today + dt.timedelta(days=6)).isoformat(), "to": (today + dt.timedelta(days=20)).isoformat()}
    assert codes(get(client, "meeting_list", window)) == [m["kids_day"].code, m["standalone"].code]
    # A from date in the past brings past meetings back.
    past = {"from": (today - dt.timedelta(days=60)).isoformat(), "network": "job"}
    assert codes(get(client, "meeting_list", past))[0] == m["past"].code


def test_networks_filter_by_work_area(client, calendar_world):
    response = get(client, "network_list", {"work_area": "beskaeftigelse"})
    assert [n["slug"] for n in response.json()["items"]] == ["job"]
    areas = get(client, "work_area_list").json()
    assert [a["slug"] for a in areas] == ["beskaeftigelse"]


def test_pages_link_to_each_other_and_a_page_past_the_end_is_empty(client, calendar_world):
    first = get(client, "meeting_list", {"page_size": 3}).json()
    assert (first["count"], first["pages"], len(first["items"]), first["previous"]) == (4, 2, 3, None)
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    following = urlsplit(first["next"])
    second = client.get(f"{following.path}?{following.query}").json()
    assert len(second["items"]) == 1 and second["next"] is None and "page=1" in second["previous"]
    beyond = get(client, "meeting_list", {"page_size": 3, "page": 9}).json()
    assert beyond["items"] == [] and beyond["count"] == 4


def test_calendar_lists_a_date_range_compactly(client, calendar_world):
    m, today = calendar_world["m"], calendar_world["today"]
    body = get(client, "calendar", {"from": today.isoformat(), "to": (today + dt.timedelta(days=15)).isoformat()})
    events = body.json()["events"]
    assert [e["code"] for e in events] == [m["jobs_soon"].code, m["kids_day"].code]
    assert events[0]["network"] == "job" and events[0]["ics"].endswith("/kalender.ics")
    too_long = get(client, "calendar", {"from": "2026-01-01", "to": "2027-06-01"})
    assert too_long.status_code == 400 and "366" in too_long.json()["detail"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"from": "9999-12-31"}, "from"),
        ({"from": "2026-02-30"}, "from"),
        ({"to": "0001-01-01"}, "to"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "to"),
        ({"kind": "picnic"}, "kind"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"page": "x" * 5000}, "page"),
    ],
)
def test_bad_parameters_get_400_with_a_danish_message(client, query, parameter):
    response = get(client, "meeting_list", query)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Forespørgslen har ugyldige parametre."
    assert [e["parameter"] for e in body["errors"]] == [parameter]
    assert body["errors"][0]["message"]


def test_unknown_meeting_and_network_are_404_in_danish(client):
    assert get(client, "meeting_detail", code="99-999").json() == {"detail": "Findes ikke."}
    assert get(client, "network_detail", slug="ingen").status_code == 404


# --- What is public ---------------------------------------------------------------------------------------


def test_drafts_and_hidden_networks_never_appear(client, db):
    shown = MeetingFactory(title="Offentligt møde")
    draft = MeetingFactory(draft=True, title="Kladde")
    hidden_network = NetworkFactory(is_public=False, slug="skjult")
    hidden = MeetingFactory(network=hidden_network, title="Skjult netværks møde")
    cancelled = MeetingFactory(cancelled=True)
    assert codes(get(client, "meeting_list")) == sorted([shown.code, cancelled.code])
    for meeting in (draft, hidden):
        assert get(client, "meeting_detail", code=meeting.code).status_code == 404
    assert get(client, "network_detail", slug="skjult").status_code == 404
    assert "skjult" not in [n["slug"] for n in get(client, "network_list").json()["items"]]
    calendar = get(client, "calendar").json()["events"]
    assert {e["code"] for e in calendar} == {shown.code, cancelled.code}


def test_meeting_shows_programme_venue_state_seats_and_links(client, db):
    meeting = MeetingFactory(capacity=10, show_seats_left=True)
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10), title="Velkomst")
    WorkshopFactory(meeting=meeting, title="Værksted A")
    RegistrationFactory.create_batch(3, meeting=meeting)
    body = get(client, "meeting_detail", code=meeting.code).json()
    assert body["programme"][0]["start_time"] == "09:30" and body["programme"][0]["title"] == "Velkomst"
    assert body["workshops"][0]["title"] == "Værksted A"
    assert body["venue"]["city"] == meeting.venue.city
    assert body["starts_at"] == timezone.localtime(meeting.starts_at).isoformat()
    assert body["registration"]["state"] == "open" and body["registration"]["state_label"] == "Åben for tilmelding"
    assert body["registration"]["seats_left"] == 7
    assert body["links"]["signup"].endswith(f"/moeder/{meeting.code}/#tilmelding")
    meeting.show_seats_left = False
    meeting.save()
    assert get(client, "meeting_detail", code=meeting.code).json()["registration"]["seats_left"] is None


def test_list_query_count_does_not_grow_with_the_meetings(client, db):
    def queries(n):
        for _i in range(n):
            meeting = MeetingFactory()
            AgendaItemFactory.create_batch(2, meeting=meeting)
            WorkshopFactory(meeting=meeting)
            RegistrationFactory(meeting=meeting)
        with CaptureQueriesContext(connection) as captured:
            assert get(client, "meeting_list", {"page_size": 100}).status_code == 200
        return len(captured)

    # The count, the next change by the clock (for the cache), the meetings, programme, workshops, target groups.
    assert queries(2) == queries(8) == 6


# --- No personal data -------------------------------------------------------------------------------------


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def test_no_personal_data_in_any_public_answer(client, db):
    from members.tests.factories import ConsultantFactory

    coordinator = ConsultantFactory(first_name="Kirsten", last_name="Koordinatorsen", email="kirsten@kommune.example")
    network = NetworkFactory(
        slug="privat",
        coordinator=coordinator,
        contact_name="Karl Kontaktsen",
        contact_email="karl@kontakt.example",
        contact_phone="11 22 33 44",
    )
    network.working_group.add(coordinator)
    meeting = MeetingFactory(
        network=network,
        responsible=coordinator,
        contact_name="Mona Mødeansvarlig",
        contact_email="mona@moede.example",
        contact_phone="55 66 77 88",
        online_url="https://teams.example/hemmeligt-link",
        show_seats_left=True,
    )
    meeting.organiser.email = "sekretariat@organiser.example"
    meeting.organiser.phone = "99 88 77 66"
    meeting.organiser.save()
    AgendaItemFactory(meeting=meeting, speakers="Oplægsholder Olsen")
    RegistrationFactory(
        meeting=meeting,
        name="Petra Personsen",
        email="petra@deltager.example",
        phone="12 34 56 78",
        organisation="Petras Boligforening",
        job_title="Hemmelig stilling",
        comment="Min private kommentar",
    )
    personal = [
        "Kirsten",
        "Koordinatorsen",
        "kirsten@kommune.example",
        "Karl Kontaktsen",
        "karl@kontakt.example",
        "11 22 33 44",
        "Mona",
        "mona@moede.example",
        "55 66 77 88",
        "hemmeligt-link",
        "sekretariat@organiser.example",
        "99 88 77 66",
        "Petra",
        "petra@deltager.example",
        "12 34 56 78",
        "Petras Boligforening",
        "Hemmelig stilling",
        "Min private kommentar",
    ]
    personal_keys = {"email", "phone", "contact", "contact_name", "contact_email", "contact_phone", "coordinator"}
    personal_keys |= {"online_url", "responsible", "working_group", "participants", "registrations", "comment"}
    answers = [
        url("network_list"),
        url("network_detail", slug="privat"),
        url("work_area_list"),
        url("meeting_list"),
        url("meeting_detail", code=meeting.code),
        url("calendar"),
        url("openapi-json"),
    ]
    walked = 0
    for address in answers:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.json()
        text = json.dumps(body, ensure_ascii=False)
        for value in personal:
            assert value not in text, (address, value)
        if address != url("openapi-json"):
            keys = {key for key in _walk_keys(body)}
            assert not keys & personal_keys, (address, keys & personal_keys)
            walked += len(list(_strings(body)))
    assert walked > 100
    # The programme's speakers are what the organiser publishes on the meeting page.
    assert "Oplægsholder Olsen" in client.get(url("meeting_detail", code=meeting.code)).content.decode()


def _walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_keys(item)


# --- Cache headers and the limit ----------------------------------------------------------------------------


def test_etag_gives_304_until_the_answer_changes(client, db, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=5, show_seats_left=True)
    first = get(client, "meeting_detail", code=meeting.code)
    etag = first["ETag"]
    assert etag and "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(url("meeting_detail", code=meeting.code), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(meeting=meeting)  # one seat fewer left: a new answer (the cached one is stale)
    changed = client.get(url("meeting_detail", code=meeting.code), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["registration"]["seats_left"] == 4
    listed = get(client, "meeting_list")
    assert client.get(url("meeting_list"), HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304


def test_errors_are_not_cached(client, db):
    response = get(client, "meeting_detail", code="00-000")
    assert response.status_code == 404 and "ETag" not in response
    assert "no-cache" in response["Cache-Control"]


def test_rate_limit_per_ip_answers_429_in_json(one_rate_limit_window, client, db, settings):
    settings.API_RATE_LIMIT = "3/m"
    for _i in range(3):
        assert get(client, "network_list").status_code == 200
    refused = get(client, "meeting_list")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json()["detail"].startswith("For mange forespørgsler")
    other = client.get(url("network_list"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200  # another address has its own count


def test_answers_come_from_the_page_cache_until_a_change_or_the_clock_makes_them_stale(client, db):
    meeting = MeetingFactory(registration_deadline=timezone.now() + dt.timedelta(hours=2))
    first = get(client, "meeting_detail", code=meeting.code)
    assert first["X-Page-Cache"] == "miss"
    assert get(client, "meeting_detail", code=meeting.code)["X-Page-Cache"] == "hit"
    assert get(client, "meeting_list")["X-Page-Cache"] == "miss"
    assert get(client, "meeting_list")["X-Page-Cache"] == "hit"
    # The deadline passes: the cached "open" is not served.
    with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
        later = get(client, "meeting_detail", code=meeting.code)
        assert later["X-Page-Cache"] == "miss" and later.json()["registration"]["state"] == "closed"
        assert get(client, "meeting_list")["X-Page-Cache"] == "miss"
    # A change an editor makes shows at once.
    meeting.title = "Nyt navn"
    meeting.save()
    assert get(client, "meeting_detail", code=meeting.code).json()["title"] == "Nyt navn"
