"""What only PostgreSQL's search does: Danish stemming, trigrams for typos and compounds, web-search syntax."""

from __future__ import annotations

import pytest
from django.db import connection

from content.tests.factories import BlogPostFactory
from meetings.tests.factories import MeetingFactory
from search import selectors
from search.models import SearchDocument

pytestmark = [pytest.mark.django_db, pytest.mark.services("postgresql")]


def titles(query) -> list[str]:
    return [document.title for document in selectors.site_search(query=query)]


@pytest.fixture
def meetings():
    MeetingFactory(title="Beboerdemokratiet i praksis", teaser="Afdelingsbestyrelser og beboermøder.", description="")
    MeetingFactory(title="Bæredygtighed i driften", teaser="Affald, energi og vand.", description="")
    MeetingFactory(title="Lektiecafé for børnene", teaser="Frivillige og forældre.", description="")
    MeetingFactory(title="Netværksdag i Århus", teaser="Vi mødes ved havnen.", description="")


def test_postgresql_stores_the_danish_vector_in_a_generated_column(meetings):
    vector = SearchDocument.objects.filter(title="Beboerdemokratiet i praksis").values_list("search_vector", flat=True)
    # The stem, weighted A (title); "i" is a Danish stop word.
    assert "'beboerdemokrati':1A" in vector.get()
    assert "'i'" not in vector.get()


def test_postgresql_has_the_gin_indexes_and_pg_trgm():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('search_searchdocument', 'search_searchword')"
        )
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
    assert "USING gin (search_vector)" in indexes["search_document_vector"]
    assert "USING gin (word gin_trgm_ops)" in indexes["search_word_trgm"]


def test_postgresql_widens_a_query_word_to_close_words_of_the_index(meetings):
    close = selectors.close_words(terms=["demokrati", "bæredygtihed", "xyzzy"])

    assert "beboerdemokratiet" in close["demokrati"]
    assert close["bæredygtihed"][0] == "bæredygtighed"
    assert close["xyzzy"] == []


def test_postgresql_widens_a_short_word_only_to_close_words():
    MeetingFactory(title="Børnehaven i Børkop", teaser="", description="")

    close = selectors.close_words(terms=["børn"])["børn"]

    assert "børnehaven" in close  # 4 of its 5 trigrams
    assert "børkop" not in close  # 3 of 5: too little for a short word


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("beboerdemokrati", "Beboerdemokratiet i praksis"),  # stemming
        ("beboerdemokratier", "Beboerdemokratiet i praksis"),
        ("demokrati", "Beboerdemokratiet i praksis"),  # part of a compound (trigrams)
        ("beboerdemokarti", "Beboerdemokratiet i praksis"),  # typo (trigrams)
        ("bæredygtig", "Bæredygtighed i driften"),
        ("bæredygtihed", "Bæredygtighed i driften"),  # typo with æ
        ("børn", "Lektiecafé for børnene"),  # stemming with ø
        ("børnene forældre", "Lektiecafé for børnene"),
        ("århus", "Netværksdag i Århus"),  # å, any case
        ("ÅRHUS", "Netværksdag i Århus"),
        ("aarhus havnen", []),  # not the same letters: found by neither
    ],
)
def test_postgresql_search_finds_danish_forms(meetings, query, title):
    if title == []:
        assert titles(query) == []
    else:
        assert titles(query)[:1] == [title]


def test_postgresql_search_reads_web_search_syntax(meetings):
    MeetingFactory(title="Beboerdemokrati og børn", teaser="", description="")

    assert set(titles("beboerdemokrati -børn")) == {"Beboerdemokratiet i praksis"}
    assert set(titles('"lektiecafé for børnene"')) == {"Lektiecafé for børnene"}
    assert set(titles("havnen or vand")) == {"Netværksdag i Århus", "Bæredygtighed i driften"}


def test_postgresql_search_ranks_title_above_lead_above_text():
    MeetingFactory(title="Et møde", teaser="", description="Om hønsehold i gården.")
    MeetingFactory(title="Hønsehold i gården", teaser="", description="")
    MeetingFactory(title="Et andet møde", teaser="Hønsehold for begyndere.", description="")
    BlogPostFactory(title="Nyt fra gården", teaser="Om livet i gården.", body="Hønsehold, hønsehold, hønsehold.")

    assert titles("hønsehold")[:2] == ["Hønsehold i gården", "Et andet møde"]


def test_postgresql_search_survives_characters_the_database_refuses(meetings):
    # NUL is refused in a PostgreSQL string; the query is cleaned before it gets there.
    assert titles("børn\x00")[:1] == ["Lektiecafé for børnene"]
    assert titles("\x00\x01\x1f") == []
    assert titles("'\"!&|():*<->") == []
