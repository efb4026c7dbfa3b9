"""The site search: one selector for PostgreSQL and SQLite.

PostgreSQL: a document matches the visitor's query read as a web search
(``websearch_to_tsquery`` with Danish stemming: "beboerdemokratiet" finds
"beboerdemokrati", quotes and -minus work), or the query with each word
widened to the indexed words close to it by trigrams (``word_similarity``
against the vocabulary in ``SearchWord``: typos such as "bæredygtihed", and
the word as part of a compound: "demokrati" finds "beboerdemokratiet").
Both are one text query on the documents' GIN index; the widening is one
query on the vocabulary's trigram index. Ranked by the weighted text rank
(title above lead above text), then newest first.

SQLite (development, the demo): every word, cut to its Danish stem, must
occur in the document's words; documents with the words in the title first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from .highlight import stem
from .models import SEARCH_CONFIG, SearchDocument, SearchWord
from .query import MAX_LENGTH, clean_query, excluded_terms, query_terms

# Shorter words are too vague for trigrams (two letters make hardly any).
TRIGRAM_MIN_LENGTH = 3
# pg_trgm's default word_similarity_threshold: at least 60 % of the query word's trigrams in a row of the word
# (the index finds those). A short word has few trigrams, so 60 % of them is little: "børn" would find
# "børkop"; short words need 75 % ("børnehave" has it).
TRIGRAM_THRESHOLD = 0.6
SHORT_WORD = 5
SHORT_WORD_THRESHOLD = 0.75
# How many close words widen one query word (the closest first).
CLOSE_WORDS_PER_TERM = 12
# ts_rank's weights for D, C, B, A: a word in the title (A) counts most, one in the lead (B) more than a few
# in the text (C); D is not used.
RANK_WEIGHTS = [0.01, 0.1, 0.5, 1.0]
RESULT_FIELDS = ("kind", "object_id", "title", "lead", "body", "url", "date", "cancelled")


def site_search(
    *, query: str, kinds: Sequence[str] | None = None, now: dt.datetime | None = None
) -> QuerySet[SearchDocument]:
    """Public networks, meetings, blog posts and offers that match ``query``, best first (lazy, paginate it).

    Nothing matches a query without words (empty, only punctuation). Blog
    posts are found from their publication time on. On PostgreSQL the close
    words are looked up at once (one query), the documents when the result is read.
    """
    query = clean_query(query)[:MAX_LENGTH]
    terms = query_terms(query)
    if not terms:
        return SearchDocument.objects.none()
    now = now or timezone.now()
    documents = SearchDocument.objects.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now)).only(
        *RESULT_FIELDS
    )
    if kinds:
        documents = documents.filter(kind__in=kinds)
    if connection.vendor == "postgresql":
        return _postgresql(documents, query, terms, excluded_terms(query))
    return plain_search(documents=documents, terms=terms)


def close_words(*, terms: list[str]) -> dict[str, list[str]]:
    """For each query word, the indexed words close to it by trigrams, the closest first (one query)."""
    close_terms = [term for term in terms if len(term) >= TRIGRAM_MIN_LENGTH]
    if not close_terms:
        return {}
    similarity = {f"s{n}": TrigramWordSimilarity(Value(term), "word") for n, term in enumerate(close_terms)}
    rows = (
        SearchWord.objects.filter(reduce(or_, [Q(word__trigram_word_similar=term) for term in close_terms]))
        .annotate(**similarity)
        .annotate(best=Greatest(*similarity) if len(similarity) > 1 else F("s0"))
        .order_by("-best", "word")
        .values_list("word", *similarity)[: CLOSE_WORDS_PER_TERM * len(close_terms)]
    )
    found: dict[str, list[tuple[float, str]]] = {term: [] for term in close_terms}
    for word, *scores in rows:
        for term, score in zip(close_terms, scores, strict=True):
            threshold = SHORT_WORD_THRESHOLD if len(term) <= SHORT_WORD else TRIGRAM_THRESHOLD
            if score >= threshold and word != term:
                found[term].append((score, word))
    return {
        term: [word for _score, word in sorted(words, key=lambda pair: (-pair[0], pair[1]))]
        for term, words in found.items()
    }


def _widened_query(terms: list[str]) -> SearchQuery:
    """Every query word or one of its close words: ('word' | 'close' | ...) & (...), Danish stemming."""
    close = close_words(terms=terms)
    groups = [
        "(" + " | ".join(f"'{word}'" for word in [term, *close.get(term, [])[:CLOSE_WORDS_PER_TERM]]) + ")"
        for term in terms
    ]
    # The words are \w+ only (query.py, documents.py): nothing in them is tsquery syntax.
    return SearchQuery(" & ".join(groups), search_type="raw", config=SEARCH_CONFIG)


def _postgresql(documents: QuerySet, query: str, terms: list[str], excluded: list[str]) -> QuerySet:
    text_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG) | _widened_query(terms)
    for word in excluded:
        # "-word" in the query: the web search leaves those out, the widened query must too.
        text_query &= ~SearchQuery(word, search_type="plain", config=SEARCH_CONFIG)
    return (
        documents.filter(search_vector=text_query)
        .annotate(rank=SearchRank(F("search_vector"), text_query, weights=RANK_WEIGHTS))
        .order_by(F("rank").desc(), F("date").desc(nulls_last=True), "kind", "object_id")
    )


def plain_search(*, documents: QuerySet, terms: list[str]) -> QuerySet:
    """The fallback without full text search: every word's Danish stem among the document's words."""
    stems = [stem(term) for term in terms]
    for word in stems:
        documents = documents.filter(words__contains=word)
    in_title = [Case(When(title__icontains=word, then=Value(1)), default=Value(0)) for word in stems]
    return documents.annotate(rank=reduce(add, in_title, Value(0, output_field=IntegerField()))).order_by(
        F("rank").desc(), F("date").desc(nulls_last=True), "kind", "object_id"
    )
