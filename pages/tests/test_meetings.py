"""A meeting's public pages (pages/meetings.py): the seed facts in Danish formats, drafts, cancellations, the list's filters, query counts.

The sign-up on the meeting page: test_meeting_signup.py; the embeddable lists: test_embed.py.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.enums import MeetingKind
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory, local
from netvaerk.tests.factories import NetworkFactory, OrganisationFactory, TargetGroupFactory

from .support import SEED_URL, page_facts, page_queries, page_text

pytestmark = pytest.mark.django_db


def test_meeting_page_shows_seed_facts_in_danish_formats(client, demo):
    text = page_text(client.get(SEED_URL))
    for fact in [
        "21.04.2022",  # date
        "09.30-15.00",  # duration
        "DKK 0,-",  # price
        "21-374",  # meeting code
        "18.04.2022",  # registration deadline
        "33 76 20 00",  # the secretariat's phone
        "Rosenhøj 16",
        "8260 Viby J",
        "Sociale viceværter",
    ]:
        assert fact in text, fact


def test_meeting_page_fact_box_has_code_duration_and_deadline(client, demo):
    facts = page_facts(client.get(SEED_URL))
    assert "21-374" in facts
    assert "09.30-15.00" in facts
    assert "18.04.2022" in facts


def test_meeting_page_shows_timed_programme_in_order(client, demo):
    text = page_text(client.get(SEED_URL))
    times = ["09.30-10.00", "10.00-10.30", "10.30-11.15", "11.15-12.15", "12.15-13.15", "14.40-14.50", "14.50-15.00"]
    positions = [text.find(time) for time in times]
    assert -1 not in positions, dict(zip(times, positions))
    assert positions == sorted(positions)
    # The closing point has a start time but no end.
    assert "15.00 Tak for i dag" in text


def test_meeting_page_shows_programme_bullets_and_speakers(client, demo):
    text = page_text(client.get(SEED_URL))
    assert "Dagens program og tjek ind" in text
    assert "Kan I genkende metoderne fra jeres eget arbejde?" in text
    assert "Sarah Lunar og Siff Monrad Langkilde" in text
    assert "Torsdag d. 13. oktober i Ribe/Bramming" in text


def test_meeting_page_html_lang_is_danish(client, demo):
    response = client.get(SEED_URL)
    assert '<html lang="da">' in response.content.decode()
    assert response["Content-Language"] == "da"


def test_meeting_page_links_its_calendar_file(client, demo):
    response = client.get(SEED_URL)
    assert 'href="/moeder/21-374/kalender.ics"' in response.content.decode()


def test_meeting_page_unknown_code_not_found(client, db):
    assert client.get("/moeder/99-999/").status_code == 404


def test_meeting_page_draft_not_found_for_anonymous(client):
    meeting = MeetingFactory(draft=True, title="Forårsmøde (kladde)")
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("public:meeting_calendar", args=[meeting.code])).status_code == 404


def test_meeting_page_draft_previewed_by_its_consultant_only(client, consultant):
    from members.tests.factories import StaffUserFactory

    meeting = MeetingFactory(draft=True, title="Forårsmøde (kladde)")
    # Staff who do not plan the meeting's network find no draft there (the access policy) ...
    client.force_login(StaffUserFactory())
    assert client.get(meeting.get_absolute_url()).status_code == 404
    consultant_client = client
    consultant_client.force_login(consultant)
    assert consultant_client.get(meeting.get_absolute_url()).status_code == 404
    # ... the network's own consultant previews it.
    meeting.network.working_group.add(consultant)
    response = consultant_client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "Forårsmøde (kladde)" in page_text(response)
    assert "alert-warning" in response.content.decode()


def test_meeting_page_cancelled_shows_banner_with_reason(client):
    meeting = MeetingFactory(cancelled=True, cancellation_reason="Aflyst på grund af for få tilmeldte.")
    body = client.get(meeting.get_absolute_url()).content.decode()
    banner = re.search(r'<div class="alert alert-danger" role="alert">(.*?)</div>', body, flags=re.S)
    assert banner, "no cancellation banner"
    assert "Aflyst på grund af for få tilmeldte." in banner.group(1)


def test_meeting_page_published_has_no_cancellation_banner(client):
    meeting = MeetingFactory()
    assert 'role="alert"' not in client.get(meeting.get_absolute_url()).content.decode()


def test_meeting_page_shows_price_with_danish_thousands(client):
    meeting = MeetingFactory(price=1250)
    assert "DKK 1.250,-" in page_text(client.get(meeting.get_absolute_url()))


def test_meeting_page_lists_workshops(client):
    meeting = MeetingFactory()
    WorkshopFactory(meeting=meeting, title="Naboskab, netværk & tryghed", order=1)
    WorkshopFactory(meeting=meeting, title="Sundhed & trivsel", order=2)
    text = page_text(client.get(meeting.get_absolute_url()))
    assert "1. Naboskab, netværk & tryghed" in text
    assert "2. Sundhed & trivsel" in text


def test_meeting_page_does_not_show_online_link(client):
    meeting = MeetingFactory(online_url="https://teams.example/meet/hemmeligt-link")
    assert "hemmeligt-link" not in client.get(meeting.get_absolute_url()).content.decode()


def _meeting_titles(response):
    assert response.status_code == 200
    return [meeting.title for meeting in response.context["meetings"]]


@pytest.fixture
def meetings_for_filters():
    today = timezone.localdate()
    first, second = NetworkFactory(name="Første netværk"), NetworkFactory(name="Andet netværk")
    soon = today + dt.timedelta(days=10)
    later = today + dt.timedelta(days=70)
    MeetingFactory(title="Snart", network=first, starts_at=local(soon, 9, 30))
    MeetingFactory(title="Senere", network=second, starts_at=local(later, 9, 30))
    MeetingFactory(title="Temadag", network=None, kind=MeetingKind.THEME_DAY, starts_at=local(later, 10))
    MeetingFactory(title="Holdt", network=first, past=True)
    MeetingFactory(title="Kladde", network=first, draft=True, starts_at=local(soon, 13))
    return {"first": first, "second": second, "soon": soon, "later": later}


def test_meeting_list_shows_upcoming_public_meetings_soonest_first(client, meetings_for_filters):
    assert _meeting_titles(client.get(reverse("public:meeting_list"))) == ["Snart", "Senere", "Temadag"]


def test_meeting_list_filters_by_network(client, meetings_for_filters):
    response = client.get(reverse("public:meeting_list"), {"network": meetings_for_filters["first"].slug})
    assert _meeting_titles(response) == ["Snart"]


def test_meeting_list_filters_by_kind(client, meetings_for_filters):
    response = client.get(reverse("public:meeting_list"), {"kind": MeetingKind.THEME_DAY})
    assert _meeting_titles(response) == ["Temadag"]


def test_meeting_list_filters_by_month(client, meetings_for_filters):
    later = meetings_for_filters["later"]
    response = client.get(reverse("public:meeting_list"), {"month": f"{later:%Y-%m}"})
    assert _meeting_titles(response) == ["Senere", "Temadag"]  # "Snart" is 60 days earlier


def test_meeting_list_past_shows_held_meetings_only(client, meetings_for_filters):
    assert _meeting_titles(client.get(reverse("public:meeting_list"), {"when": "past"})) == ["Holdt"]


def test_meeting_list_bad_month_shows_form_error_not_crash(client, meetings_for_filters):
    response = client.get(reverse("public:meeting_list"), {"month": "oktober"})
    assert response.status_code == 200
    assert response.context["form"].errors["month"]


def test_meeting_list_cards_show_danish_date_and_time(client, db):
    MeetingFactory(starts_at=local(dt.date(2030, 4, 25), 9, 30), ends_at=local(dt.date(2030, 4, 25), 15, 0))
    text = page_text(client.get(reverse("public:meeting_list"), {"month": "2030-04"}))
    assert "25.04.2030" in text
    assert "09.30-15.00" in text


def test_meeting_page_queries_do_not_grow_with_programme(client):
    small, large = MeetingFactory(), MeetingFactory()
    AgendaItemFactory(meeting=small)
    WorkshopFactory(meeting=small)
    AgendaItemFactory.create_batch(20, meeting=large)
    WorkshopFactory.create_batch(6, meeting=large)
    for meeting in (small, large):
        meeting.target_groups.set(TargetGroupFactory.create_batch(3))
    assert page_queries(client, small.get_absolute_url()) == page_queries(client, large.get_absolute_url())


def test_meeting_list_queries_do_not_grow_with_meetings(client, db):
    MeetingFactory()
    few = page_queries(client, reverse("public:meeting_list"))
    MeetingFactory.create_batch(9)
    MeetingFactory.create_batch(3, network=None, venue=None)
    assert page_queries(client, reverse("public:meeting_list")) == few


def test_meetings_of_a_hidden_network_are_not_public(client, db):
    from meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory(network__is_public=False, title="Skjult netværksmøde")
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert "Skjult netværksmøde" not in client.get("/moeder/").content.decode()
    assert b"Skjult" not in client.get("/moeder/kalender.ics").content


def test_a_second_uncached_view_uses_the_kept_parts_and_reads_no_programme_workshops_or_target_groups(client, settings):
    """The meeting page keeps its main part and its empty sign-up form rendered per meeting version: a
    second uncached view builds no form and reads neither the programme, the workshops, the target
    groups, the venue nor the organisers; an edited programme shows at once, and a signed-in member still
    gets a prefilled form."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.tests.factories import VerifiedUserFactory

    settings.PAGE_CACHE_SECONDS = 0
    meeting = MeetingFactory(host_organisation=OrganisationFactory(name="Boligselskabet Vesterport"))
    item = AgendaItemFactory(meeting=meeting, title="Velkomst og kaffe")
    WorkshopFactory(meeting=meeting, title="Grøn omstilling i afdelingen")
    meeting.target_groups.set([TargetGroupFactory(name="Boligsociale medarbejdere")])

    def view(who=client):
        with CaptureQueriesContext(connection) as queries:
            response = who.get(meeting.get_absolute_url())
        tables = {table for q in queries.captured_queries for table in re.findall(r'FROM "(\w+)"', q["sql"])}
        return response, tables

    for _ in range(2):
        response, tables = view()
        html = response.content.decode()
        shown_parts = (
            "Velkomst og kaffe",
            "Boligsociale medarbejdere",
            meeting.venue.name,
            "Boligselskabet Vesterport",
        )
        for shown in (*shown_parts, meeting.organiser.name, 'name="workshop_first"', 'name="privacy"'):
            assert shown in html, shown
        assert html.count("Grøn omstilling i afdelingen") == 3  # described, and a choice of both priorities
    assert response.context["form"] is None and response.context["kept_form"]
    kept = {
        "meetings_agendaitem",
        "meetings_workshop",
        "netvaerk_targetgroup",
        "meetings_venue",
        "netvaerk_organisation",
        "netvaerk_organiser",
    }
    assert not tables & kept, tables
    item.title = "Velkomst og morgenmad"
    item.save()  # marks the meeting as changed
    response, tables = view()
    assert "Velkomst og morgenmad" in response.content.decode() and "meetings_agendaitem" in tables
    member = VerifiedUserFactory(first_name="Karen", last_name="Blixen")
    client.force_login(member)
    response, _tables = view()
    assert response.context["form"].initial["name"] == "Karen Blixen"
    assert 'value="Karen Blixen"' in response.content.decode()


@pytest.mark.parametrize(
    "change",
    ["venue", "host", "organiser", "network contact", "target group", "host deleted"],
)
def test_a_renamed_venue_organiser_host_network_contact_or_target_group_shows_at_once_on_the_kept_page(
    client, settings, change
):
    """Rows of other tables on the meeting page's kept parts mark their meetings as changed (meetings/shown_rows.py)."""
    settings.PAGE_CACHE_SECONDS = 0
    host = OrganisationFactory(name="Boligselskabet Vesterport")
    meeting = MeetingFactory(host_organisation=host, contact_name="", contact_email="", contact_phone="")
    group = TargetGroupFactory(name="Boligsociale medarbejdere")
    meeting.target_groups.set([group])
    client.get(meeting.get_absolute_url())  # the kept parts are rendered
    rows = {
        "venue": (meeting.venue, "name", "Kulturhuset Tingbjerg"),
        "host": (host, "name", "Boligselskabet Østerport"),
        "organiser": (meeting.organiser, "name", "Netværkssekretariatet Nord"),
        "network contact": (meeting.network, "contact_email", "ny-kontakt@example.dk"),
        "target group": (group, "name", "Driftsmedarbejdere"),
    }
    if change == "host deleted":
        host.delete()
        assert "Boligselskabet Vesterport" not in client.get(meeting.get_absolute_url()).content.decode()
        return
    row, field, value = rows[change]
    setattr(row, field, value)
    row.save()
    assert value in client.get(meeting.get_absolute_url()).content.decode()
