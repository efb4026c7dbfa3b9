"""Say whether there is a seat: the thank-you page, the personal page's calendar file, the cards' badges."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from registration import services
from registration.enums import RegistrationStatus
from registration.models import Registration

from .conftest import form_data
from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def calendar(meeting) -> str:
    return f"/moeder/{meeting.code}/kalender.ics"


def _outcome(html: str) -> str:
    """The outcome box of the thank-you page, as text."""
    box = re.search(r'class="alert [^"]*receipt-outcome".*?</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", box.group(0)) if box else ""


def _sign_up(meeting, client=None, **data):
    client = client or Client()
    response = client.post(meeting.get_absolute_url(), form_data(**data))
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"]).content.decode()


def test_seat_confirmed_with_add_to_calendar(meeting):
    html = _sign_up(meeting)
    assert "Plads bekræftet" in _outcome(html) and meeting.title in _outcome(html)
    assert calendar(meeting) in html


def test_waiting_list_with_place_number_and_no_calendar(meeting):
    RegistrationFactory.create_batch(2, meeting=meeting)
    RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=timezone.now() - dt.timedelta(hours=1)
    )
    html = _sign_up(meeting)
    assert "venteliste" in _outcome(html) and "nummer 2 på ventelisten" in _outcome(html)
    assert calendar(meeting) not in html and "Plads bekræftet" not in html


def test_already_registered_says_nothing_more(meeting):
    RegistrationFactory(meeting=meeting, email="aase@example.dk", status=RegistrationStatus.CONFIRMED)
    html = _sign_up(meeting)
    assert "allerede tilmeldt" in _outcome(html)
    assert "Plads bekræftet" not in html and calendar(meeting) not in html
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_a_place_given_since_shows_as_a_seat(meeting):
    RegistrationFactory.create_batch(2, meeting=meeting)
    client = Client()
    assert "venteliste" in _outcome(_sign_up(meeting, client))
    taken = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).first()
    services.registration_cancel(registration=taken)
    receipt = client.get(f"/moeder/{meeting.code}/tak/").content.decode()
    assert "Plads bekræftet" in _outcome(receipt)


def test_cancelled_meeting_offers_no_calendar_on_the_thank_you_page(meeting):
    client = Client()
    _sign_up(meeting, client)
    meeting.status, meeting.cancellation_reason = MeetingStatus.CANCELLED, "For få tilmeldte."
    meeting.save()
    receipt = client.get(f"/moeder/{meeting.code}/tak/").content.decode()
    assert "aflyst" in receipt.lower() and calendar(meeting) not in receipt


@pytest.mark.parametrize(
    ("status", "meeting_cancelled", "offered"),
    [
        (RegistrationStatus.CONFIRMED, False, True),
        (RegistrationStatus.WAITING, False, False),
        (RegistrationStatus.CANCELLED, False, False),
        (RegistrationStatus.CONFIRMED, True, False),
    ],
)
def test_personal_page_offers_a_calendar_file_only_for_a_seat(status, meeting_cancelled, offered):
    meeting = MeetingFactory(cancelled=meeting_cancelled)
    waiting_since = timezone.now() if status == RegistrationStatus.WAITING else None
    registration = RegistrationFactory(meeting=meeting, status=status, waiting_since=waiting_since)
    html = Client().get(f"/tilmelding/{registration.token}/").content.decode()
    assert (calendar(meeting) in html) is offered


# The cards' badges


def _card_badges(html: str) -> dict[str, str]:
    """Title -> badge text of each meeting card on a page."""
    cards = re.findall(r'<article class="card card-meeting.*?</article>', html, re.S)
    found = {}
    for card in cards:
        title = re.search(r'class="stretched-link">([^<]+)</a>', card).group(1)
        badge = re.search(r'<span class="badge state-[a-z_]+">([^<]+)</span>', card)
        found[title] = badge.group(1) if badge else ""
    return found


@pytest.fixture
def four_meetings(settings):
    settings.MEETING_FEW_SEATS_LEFT = 5
    network = NetworkFactory()
    kwargs = {"network": network, "organiser": network.organiser}
    few = MeetingFactory(title="Få pladser tilbage", capacity=6, **kwargs)
    RegistrationFactory.create_batch(2, meeting=few)
    full = MeetingFactory(title="Helt fyldt", capacity=1, **kwargs)
    RegistrationFactory(meeting=full)
    plenty = MeetingFactory(title="Masser af plads", capacity=40, **kwargs)
    cancelled = MeetingFactory(title="Det aflyste", cancelled=True, **kwargs)
    return network, few, full, plenty, cancelled


def test_cards_show_badges_on_home_meetings_and_network_pages(four_meetings):
    network, *_ = four_meetings
    expected = {
        "Få pladser tilbage": "Få pladser",
        "Helt fyldt": "Fuldt booket – venteliste",
        "Masser af plads": "",
        "Det aflyste": "Aflyst",
    }
    for url in ("/", "/moeder/", network.get_absolute_url()):
        assert _card_badges(Client().get(url).content.decode()) == expected, url


def test_closed_registration_badge_comes_with_the_deadline_even_when_cached(four_meetings):
    _network, few, *_ = four_meetings
    assert _card_badges(Client().get("/moeder/").content.decode())["Få pladser tilbage"] == "Få pladser"
    with time_machine.travel(few.registration_deadline + dt.timedelta(minutes=1)):
        response = Client().get("/moeder/")
    assert _card_badges(response.content.decode())["Få pladser tilbage"] == "Tilmelding lukket"


def test_badges_follow_sign_ups_with_the_page_cache_on(django_capture_on_commit_callbacks, settings):
    settings.MEETING_FEW_SEATS_LEFT = 2
    meeting = MeetingFactory(title="Lille møde", capacity=3)
    assert _card_badges(Client().get("/").content.decode())["Lille møde"] == ""
    assert Client().get("/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(meeting=meeting, data=form_data(), email="a@example.dk")
    # 2 seats left: not yet "few" (under 2), the cached page is still right.
    assert _card_badges(Client().get("/").content.decode())["Lille møde"] == ""
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(meeting=meeting, data=form_data(), email="b@example.dk")
    assert _card_badges(Client().get("/").content.decode())["Lille møde"] == "Få pladser"
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(meeting=meeting, data=form_data(), email="c@example.dk")
    assert _card_badges(Client().get("/").content.decode())["Lille møde"] == "Fuldt booket – venteliste"


def test_a_cancelled_meeting_never_takes_the_first_place_on_the_home_page():
    soonest = MeetingFactory(title="Først, men aflyst", cancelled=True)
    later = MeetingFactory(title="Senere", starts_at=soonest.starts_at + dt.timedelta(days=1))
    later.ends_at = later.starts_at + dt.timedelta(hours=3)
    later.save()
    titles = list(_card_badges(Client().get("/").content.decode()))
    assert titles == ["Senere", "Først, men aflyst"]

    later.status, later.cancellation_reason = MeetingStatus.CANCELLED, "Ingen vært."
    later.save()
    assert _card_badges(Client().get("/").content.decode()) == {}


def test_cards_cost_one_query_for_all_seat_counts(django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        RegistrationFactory(meeting=MeetingFactory(capacity=10))
    with django_assert_max_num_queries(20) as few_meetings:
        Client().get("/moeder/")
    for _ in range(10):
        RegistrationFactory(meeting=MeetingFactory(capacity=10))
    with django_assert_max_num_queries(len(few_meetings.captured_queries)):
        Client().get("/moeder/")
