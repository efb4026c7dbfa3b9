"""The site search on whichever database the suite runs (SQLite locally, PostgreSQL in CI).

PostgreSQL's own behaviour (stemming, trigrams, web-search syntax) is in
test_search_postgresql.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.enums import OfferStatus, PostStatus
from content.tests.factories import BlogPostFactory, OfferFactory, TagFactory
from meetings.enums import MeetingStatus
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from netvaerk.enums import NetworkStatus
from netvaerk.tests.factories import NetworkFactory
from search import selectors
from search.enums import DocumentKind
from search.models import SearchDocument
from search.services import search_index_rebuild
from search.signals import fill_index_when_empty

pytestmark = pytest.mark.django_db

SEARCH_URL = "/soeg/"


def found(query, **kwargs) -> list[tuple[str, str]]:
    return [(document.kind, document.title) for document in selectors.site_search(query=query, **kwargs)]


def titles(query, **kwargs) -> set[str]:
    return {title for _kind, title in found(query, **kwargs)}


def test_search_finds_public_networks_meetings_posts_and_offers():
    NetworkFactory(name="Bæredygtige boligområder", description="Om bæredygtighed i drift og hverdag.")
    MeetingFactory(title="Temadag om bæredygtighed", description="Vi ser på affald og energi.")
    BlogPostFactory(title="Affald og fællesskab", body="Bæredygtighed begynder i kælderen.")
    OfferFactory(title="Grøn omstilling", teaser="En dag om bæredygtighed i afdelingen.")

    kinds = {kind for kind, _title in found("bæredygtighed")}

    assert kinds == {DocumentKind.NETWORK, DocumentKind.MEETING, DocumentKind.POST, DocumentKind.OFFER}


def test_search_never_finds_drafts_hidden_networks_or_unpublished_offers():
    MeetingFactory(title="Kladde om zebrafinker", status=MeetingStatus.DRAFT)
    hidden = NetworkFactory(name="Skjult netværk om zebrafinker", is_public=False)
    MeetingFactory(title="Møde i det skjulte netværk om zebrafinker", network=hidden)
    NetworkFactory(name="Lukket netværk om zebrafinker", status=NetworkStatus.CLOSED)
    BlogPostFactory(title="Kladde til blog om zebrafinker", status=PostStatus.DRAFT)
    OfferFactory(title="Arkiveret temadag om zebrafinker", status=OfferStatus.ARCHIVED)
    MeetingFactory(title="Offentligt møde om zebrafinker")

    assert titles("zebrafinker") == {"Offentligt møde om zebrafinker"}


def test_search_finds_a_post_dated_in_the_future_only_from_its_publication_time():
    publication = timezone.now() + dt.timedelta(days=2)
    BlogPostFactory(title="Nyt om papegøjer", published_at=publication)

    assert titles("papegøjer") == set()
    with time_machine.travel(publication + dt.timedelta(minutes=1)):
        assert titles("papegøjer") == {"Nyt om papegøjer"}


def test_search_shows_a_cancelled_meeting_as_cancelled():
    MeetingFactory(title="Aflyst møde om kolonihaver", cancelled=True)

    response = dict(found("kolonihaver"))
    assert response == {DocumentKind.MEETING: "Aflyst møde om kolonihaver"}
    assert SearchDocument.objects.get(kind=DocumentKind.MEETING).cancelled


def test_search_follows_saves_and_deletes():
    meeting = MeetingFactory(title="Møde om altankasser")
    assert titles("altankasser") == {"Møde om altankasser"}

    meeting.title = "Møde om tagterrasser"
    meeting.save()
    assert titles("altankasser") == set()
    assert titles("tagterrasser") == {"Møde om tagterrasser"}

    AgendaItemFactory(meeting=meeting, title="Rundvisning i drivhuset")
    assert titles("drivhuset") == {"Møde om tagterrasser"}

    meeting.status = MeetingStatus.DRAFT
    meeting.save()
    assert titles("tagterrasser") == set()

    meeting.status = MeetingStatus.PUBLISHED
    meeting.save()
    meeting.agenda_items.all().delete()
    meeting.delete()
    assert not SearchDocument.objects.filter(kind=DocumentKind.MEETING, object_id=meeting.pk).exists()


def test_search_follows_a_network_to_its_meetings():
    network = NetworkFactory(name="Netværk for gårdmænd")
    MeetingFactory(network=network, title="Forårsmøde")
    assert (DocumentKind.MEETING, "Forårsmøde") in found("gårdmænd")

    network.is_public = False
    network.save()
    assert found("gårdmænd") == []


def test_search_follows_the_tags_of_a_post():
    post = BlogPostFactory(title="Et indlæg")
    post.tags.add(TagFactory(name="Vandsparring"))

    assert titles("vandsparring") == {"Et indlæg"}


def test_search_index_rebuild_writes_the_same_documents_as_the_signals():
    MeetingFactory(title="Møde om cykelværksteder")
    BlogPostFactory(title="Cykelværkstedet i kælderen")
    before = sorted(SearchDocument.objects.values_list("kind", "object_id", "title", "lead", "body", "words", "url"))

    assert search_index_rebuild() == len(before)

    after = sorted(SearchDocument.objects.values_list("kind", "object_id", "title", "lead", "body", "words", "url"))
    assert after == before


def test_search_index_is_filled_after_migrate_when_empty():
    MeetingFactory(title="Møde om regnvandsbede")
    SearchDocument.objects.all().delete()

    fill_index_when_empty()

    assert titles("regnvandsbede") == {"Møde om regnvandsbede"}


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("bæredygtighed", "Bæredygtighed i hverdagen"),
        ("BÆREDYGTIGHED", "Bæredygtighed i hverdagen"),
        ("børn", "Lektiecafé for børnene"),
        ("Børn", "Lektiecafé for børnene"),
        ("århus", "Netværksdag i Århus"),
        ("Århus", "Netværksdag i Århus"),
        ("ÅRHUS", "Netværksdag i Århus"),
    ],
)
def test_search_finds_danish_letters_in_any_case(query, title):
    MeetingFactory(title="Bæredygtighed i hverdagen", description="Affald og energi.")
    MeetingFactory(title="Lektiecafé for børnene", description="Lektier og leg.")
    MeetingFactory(title="Netværksdag i Århus", description="Vi mødes på havnen.")

    assert title in titles(query)


def test_plain_search_finds_stems_and_parts_of_compounds():
    # The SQLite fallback, asked directly so it is tested on PostgreSQL too.
    MeetingFactory(title="Beboerdemokratiet i praksis", teaser="", description="Afdelingsmøder og bestyrelser.")
    MeetingFactory(title="Mødet om lektiecaféer", teaser="", description="Børnene og deres forældre.")
    documents = SearchDocument.objects.filter(kind=DocumentKind.MEETING)

    def plain(*terms):
        return {document.title for document in selectors.plain_search(documents=documents, terms=list(terms))}

    assert plain("beboerdemokrati") == {"Beboerdemokratiet i praksis"}
    assert plain("demokrati") == {"Beboerdemokratiet i praksis"}
    assert plain("møder") == {"Mødet om lektiecaféer", "Beboerdemokratiet i praksis"}
    assert plain("børn", "forældre") == {"Mødet om lektiecaféer"}


@pytest.mark.parametrize("query", ["", "   ", "!!!", "?! … –", "\x00", "-"])
def test_search_finds_nothing_without_words(query):
    MeetingFactory(title="Et møde")

    assert found(query) == []


def test_search_ranks_a_title_match_above_a_match_in_the_text():
    MeetingFactory(title="Et møde", description="Vi taler også om skolehaver.")
    MeetingFactory(title="Skolehaver i boligområdet", description="Et møde.")

    assert found("skolehaver")[0] == (DocumentKind.MEETING, "Skolehaver i boligområdet")


# --- The page -------------------------------------------------------------------------------


def test_search_page_shows_type_title_date_and_marked_snippet(client):
    MeetingFactory(
        title="Netværksmøde om beboerdemokrati",
        starts_at=timezone.make_aware(dt.datetime(2030, 4, 11, 9, 30)),
        teaser="Hvordan styrker vi beboerdemokratiet i afdelingen?",
    )

    response = client.get(SEARCH_URL, {"q": "beboerdemokrati"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Møde</span>" in page
    assert "11. april 2030" in page
    assert "Netværksmøde om <mark>beboerdemokrati</mark>" in page
    assert "styrker vi <mark>beboerdemokratiet</mark> i afdelingen" in page
    assert "1 resultat for" in page.replace("Ét resultat", "1 resultat")


def test_search_page_escapes_titles_and_text(client):
    MeetingFactory(
        title='<script>alert("x")</script> Skadedyr',
        teaser="<img src=x onerror=alert(1)> om skadedyr",
        description="<b>fed</b>",
    )

    response = client.get(SEARCH_URL, {"q": "skadedyr"})

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Skadedyr</mark>" in page
    assert "&lt;img src=x onerror=alert(1)&gt; om <mark>skadedyr</mark>" in page


def test_search_page_says_so_in_danish_when_nothing_matches(client):
    response = client.get(SEARCH_URL, {"q": "flodhestebøffer"})

    assert response.status_code == 200
    assert "Intet matchede “flodhestebøffer”" in response.content.decode()


def test_search_page_without_a_query_explains_itself(client):
    response = client.get(SEARCH_URL)

    assert response.status_code == 200
    assert "Søg på et ord eller nogle få ord" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "bæredygtighed " * 400}, "Skriv en kortere søgning"),
        ({"q": "!!! ??? ..."}, "Skriv et eller flere ord"),
        ({"q": "-"}, "Skriv et eller flere ord"),
        ({"q": "papegøjer", "type": "kage"}, "Vælg en af de viste typer"),
        ({"q": "papegøjer", "side": "kage"}, "Intet matchede"),
    ],
)
def test_search_page_answers_bad_input_with_a_message(client, params, message):
    response = client.get(SEARCH_URL, params)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_search_page_pages_through_many_results(client):
    for n in range(25):
        MeetingFactory(title=f"Møde {n} om fuglekasser")

    first = client.get(SEARCH_URL, {"q": "fuglekasser"})
    second = client.get(SEARCH_URL, {"q": "fuglekasser", "side": 2})

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert "Side 1 af 2" in first.content.decode()
    assert "25 resultater" in first.content.decode()
    shown = {result.url for result in first.context["results"]} | {result.url for result in second.context["results"]}
    assert len(shown) == 25


def test_search_page_filters_by_type(client):
    MeetingFactory(title="Møde om solceller")
    BlogPostFactory(title="Solceller på taget")

    response = client.get(SEARCH_URL, {"q": "solceller", "type": DocumentKind.POST})

    assert [result.title for result in response.context["results"]] == ["<mark>Solceller</mark> på taget"]
    assert "Blogindlæg (1)" in response.content.decode()
    assert "Møder (1)" in response.content.decode()


def _queries(client, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200
    return len(captured)


def test_search_page_query_count_does_not_grow_with_the_matches(client):
    MeetingFactory(title="Møde om havetraktorer")
    one = _queries(client, "havetraktorer")
    for n in range(49):
        MeetingFactory(title=f"Møde {n} om plæneklippere", description="Havetraktorer og plæneklippere.")
    fifty = _queries(client, "havetraktorer")

    assert one == fifty
    # Close words (PostgreSQL), the counts per type, the page.
    assert one <= 3


def test_search_page_is_not_in_the_page_cache(client):
    MeetingFactory(title="Møde om bistader")

    response = client.get(SEARCH_URL, {"q": "bistader"})

    assert "X-Page-Cache" not in response.headers
    assert reverse("search:search") == SEARCH_URL


def test_top_bar_has_a_labelled_search_box(client):
    response = client.get("/")

    page = response.content.decode()
    assert '<form class="site-search' in page
    assert 'role="search" action="/soeg/"' in page
    assert '<label class="visually-hidden" for="site-search-q">Søg på siden</label>' in page


def test_search_with_a_nul_byte_is_answered_400_like_every_page(client):
    # The site's NUL-byte middleware answers before the search runs (PostgreSQL refuses NUL in text).
    assert client.get(SEARCH_URL, {"q": "pap\x00egøjer"}).status_code == 400
