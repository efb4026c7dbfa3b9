"""The embeddable meeting lists (/indlejr/): who may frame them, what they list, the admin snippet."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory
from netvaerk.embed import parse_origins, validate_embed_origins
from netvaerk.tests.factories import NetworkFactory, OrganiserFactory

pytestmark = pytest.mark.django_db

ALBERTSLUND = "https://www.albertslund.dk"
BO_VEST = "https://bovest.dk:8443"


def _directives(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _network(origins: str = "", **kwargs):
    return NetworkFactory(organiser=OrganiserFactory(embed_origins=origins), **kwargs)


def test_network_list_may_be_framed_only_by_its_organisers_websites():
    network = _network(f"{ALBERTSLUND}\n{BO_VEST}\n")
    other = _network("https://www.other.dk")

    response = Client().get(f"/indlejr/netvaerk/{network.slug}/")

    assert response.status_code == 200
    assert _directives(response)["frame-ancestors"] == [ALBERTSLUND, BO_VEST]
    assert "X-Frame-Options" not in response
    # The rest of the policy is the site's own.
    assert _directives(response)["script-src"] == ["'self'"] and _directives(response)["style-src"] == ["'self'"]
    assert _directives(Client().get(f"/indlejr/netvaerk/{other.slug}/"))["frame-ancestors"] == ["https://www.other.dk"]


def test_without_configured_websites_no_one_may_frame_the_list():
    network = _network("")
    response = Client().get(f"/indlejr/netvaerk/{network.slug}/")
    assert _directives(response)["frame-ancestors"] == ["'none'"]


def test_all_meetings_list_allows_every_organisers_websites_and_the_sites_own(settings):
    settings.EMBED_ORIGINS = ["https://www.ministeriet.dk"]
    _network(ALBERTSLUND)
    _network(f"{BO_VEST}\n{ALBERTSLUND}")
    _network("")

    ancestors = _directives(Client().get("/indlejr/moeder/"))["frame-ancestors"]

    assert sorted(ancestors) == sorted([ALBERTSLUND, BO_VEST, "https://www.ministeriet.dk"])


@pytest.mark.parametrize(
    "url", ["/", "/moeder/", "/netvaerk/", "/privatliv/", "/konto/login/", "/indlejr/netvaerk/findes-ikke/x/"]
)
def test_other_pages_may_not_be_framed(url):
    _network(ALBERTSLUND, slug="findes")
    response = Client().get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert _directives(response)["frame-ancestors"] == ["'none'"]


def test_network_and_meeting_pages_of_an_embeddable_network_stay_unframeable():
    meeting = MeetingFactory(network=_network(ALBERTSLUND))
    for url in (meeting.network.get_absolute_url(), meeting.get_absolute_url()):
        response = Client().get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert _directives(response)["frame-ancestors"] == ["'none'"], url


def test_lists_only_published_meetings_still_to_come():
    network = _network(ALBERTSLUND)
    MeetingFactory(network=network, organiser=network.organiser, title="Kommende møde")
    MeetingFactory(network=network, organiser=network.organiser, title="Kladde", status=MeetingStatus.DRAFT)
    MeetingFactory(network=network, organiser=network.organiser, title="Aflyst møde", cancelled=True)
    MeetingFactory(network=network, organiser=network.organiser, title="Holdt møde", past=True)
    MeetingFactory(title="Andet netværks møde")
    MeetingFactory(network=NetworkFactory(is_public=False), title="Skjult netværks møde")

    network_html = Client().get(f"/indlejr/netvaerk/{network.slug}/").content.decode()
    all_html = Client().get("/indlejr/moeder/").content.decode()

    assert "Kommende møde" in network_html and "Andet netværks møde" not in network_html
    assert "Kommende møde" in all_html and "Andet netværks møde" in all_html
    for html in (network_html, all_html):
        for hidden in ("Kladde", "Aflyst møde", "Holdt møde", "Skjult netværks møde"):
            assert hidden not in html


def test_hidden_or_unknown_network_is_not_found():
    hidden = _network(ALBERTSLUND, is_public=False)
    assert Client().get(f"/indlejr/netvaerk/{hidden.slug}/").status_code == 404
    assert Client().get("/indlejr/netvaerk/findes-ikke/").status_code == 404


def test_links_open_the_portal_in_a_new_tab():
    meeting = MeetingFactory(network=_network(ALBERTSLUND))
    html = Client().get(f"/indlejr/netvaerk/{meeting.network.slug}/").content.decode()

    links = re.findall(r"<a [^>]*>", html)
    assert links and all('target="_blank"' in link and 'rel="noopener"' in link for link in links), links
    assert f'href="{meeting.get_absolute_url()}#tilmelding"' in html
    assert "Tilmeld dig" in html and "åbner i et nyt faneblad" in html


def test_closed_registration_shows_no_sign_up_link():
    meeting = MeetingFactory(network=_network(ALBERTSLUND))
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(hours=1)):
        html = Client().get(f"/indlejr/netvaerk/{meeting.network.slug}/").content.decode()
    assert meeting.title in html and "Tilmelding lukket" in html and "#tilmelding" not in html


def test_embed_pages_are_served_from_the_page_cache_without_a_query(django_assert_num_queries):
    network = _network(ALBERTSLUND)
    MeetingFactory(network=network, organiser=network.organiser)
    url = f"/indlejr/netvaerk/{network.slug}/"
    assert Client().get(url)["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        response = Client().get(url)

    assert response["X-Page-Cache"] == "hit"
    assert _directives(response)["frame-ancestors"] == [ALBERTSLUND] and "X-Frame-Options" not in response


def test_changed_origins_and_meetings_show_at_once_with_the_page_cache():
    network = _network(ALBERTSLUND)
    url = f"/indlejr/netvaerk/{network.slug}/"
    Client().get(url)
    network.organiser.embed_origins = BO_VEST
    network.organiser.save()
    meeting = MeetingFactory(network=network, organiser=network.organiser, title="Nyt møde")

    response = Client().get(url)
    assert _directives(response)["frame-ancestors"] == [BO_VEST]
    assert "Nyt møde" in response.content.decode()

    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = "For få tilmeldte."
    meeting.save()
    assert "Nyt møde" not in Client().get(url).content.decode()


def test_the_cached_list_expires_when_a_deadline_passes():
    meeting = MeetingFactory(network=_network(ALBERTSLUND))
    url = f"/indlejr/netvaerk/{meeting.network.slug}/"
    assert "#tilmelding" in Client().get(url).content.decode()
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(minutes=1)):
        response = Client().get(url)
    assert response["X-Page-Cache"] == "miss" and "Tilmelding lukket" in response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "http://www.albertslund.dk",
        "https://www.albertslund.dk/moeder",
        "https://*.albertslund.dk",
        "https://www.albertslund.dk; script-src *",
        "https://a.dk 'unsafe-inline'",
        "www.albertslund.dk",
        "https://user@albertslund.dk",
        "https://albertslund.dk:99999",
        "'self'",
        "http://localhost:8000",
        "http://127.0.0.1",
    ],
)
def test_only_https_origins_are_accepted(text, settings):
    settings.EMBED_ALLOW_LOCAL_HTTP = False
    with pytest.raises(ValidationError):
        validate_embed_origins(f"{ALBERTSLUND}\n{text}")
    assert parse_origins(text) == []


def test_local_http_origins_only_when_allowed(settings):
    settings.EMBED_ALLOW_LOCAL_HTTP = True
    validate_embed_origins("http://localhost:8000\nhttp://127.0.0.1:9000/")
    assert parse_origins("http://localhost:8000\nhttp://127.0.0.1:9000/") == [
        "http://localhost:8000",
        "http://127.0.0.1:9000",
    ]
    with pytest.raises(ValidationError):
        validate_embed_origins("http://www.albertslund.dk")


def test_origins_are_normalised():
    validate_embed_origins(" https://WWW.Albertslund.dk/ \n\nhttps://bovest.dk:8443\n")
    assert parse_origins(" https://WWW.Albertslund.dk/ \n\nhttps://bovest.dk:8443\nhttps://www.albertslund.dk") == [
        ALBERTSLUND,
        BO_VEST,
    ]


def test_admin_organiser_form_rejects_a_wrong_origin(admin_client):
    organiser = OrganiserFactory()
    response = admin_client.post(
        f"/admin/netvaerk/organiser/{organiser.pk}/change/",
        {"name": organiser.name, "embed_origins": "http://www.albertslund.dk"},
    )
    assert response.status_code == 200 and "https" in response.content.decode()
    organiser.refresh_from_db()
    assert organiser.embed_origins == ""

    response = admin_client.post(
        f"/admin/netvaerk/organiser/{organiser.pk}/change/",
        {"name": organiser.name, "embed_origins": ALBERTSLUND},
    )
    assert response.status_code == 302
    organiser.refresh_from_db()
    assert organiser.embed_origins == ALBERTSLUND


def test_admin_pages_show_the_iframe_code(admin_client, settings):
    settings.SITE_URL = "https://netvaerk.example"
    network = _network(ALBERTSLUND)

    network_page = admin_client.get(f"/admin/netvaerk/network/{network.pk}/change/").content.decode()
    organiser_page = admin_client.get(f"/admin/netvaerk/organiser/{network.organiser.pk}/change/").content.decode()

    assert f"&lt;iframe src=&quot;https://netvaerk.example/indlejr/netvaerk/{network.slug}/&quot;" in network_page
    assert ALBERTSLUND in network_page
    assert "&lt;iframe src=&quot;https://netvaerk.example/indlejr/moeder/&quot;" in organiser_page
    unconfigured = _network("")
    page = admin_client.get(f"/admin/netvaerk/network/{unconfigured.pk}/change/").content.decode()
    assert "Intet websted må vise den endnu" in page


def test_badges_show_few_seats_and_full_and_a_full_meeting_offers_no_sign_up(settings):
    from registration.tests.factories import RegistrationFactory

    settings.MEETING_FEW_SEATS_LEFT = 5
    network = _network(ALBERTSLUND)
    few = MeetingFactory(network=network, organiser=network.organiser, title="Næsten fyldt", capacity=3)
    full = MeetingFactory(
        network=network, organiser=network.organiser, title="Helt fyldt", capacity=1, waiting_list_enabled=False
    )
    RegistrationFactory(meeting=full)

    html = Client().get(f"/indlejr/netvaerk/{network.slug}/").content.decode()

    assert "Få pladser" in html and "Fuldt booket" in html
    assert f"{few.get_absolute_url()}#tilmelding" in html and f"{full.get_absolute_url()}#tilmelding" not in html
