"""The site search: one selector for PostgreSQL and SQLite.

PostgreSQL: a document matches the visitor's query read as a web search
(``websearch_to_tsquery`` with Danish stemming: "beboerdemokratiet" finds
"beboerdemokrati", quotes and -minus work), or every word of the query is
close to a word of the document by trigrams (``word_similarity``: typos such
as "bæredygtihed", and part of a compound: "demokrati" finds
"beboerdemokratiet"). Both conditions use a GIN index. Ranked by the
weighted text rank (title above lead above text) plus a little for trigram
closeness, then newest first.

SQLite (development, the demo): every word, cut to its Danish stem, must
occur in the document's words; documents with the words in the title first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import reduce
from operator import add, and_

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from .highlight import stem
from .models import SEARCH_CONFIG, SearchDocument
from .query import MAX_LENGTH, clean_query, excluded_terms, query_terms

# Trigram closeness counts for a tenth of a title hit: it finds, the text rank orders.
TRIGRAM_WEIGHT = 0.1
# Shorter words are too vague for trigrams (two letters make hardly any).
TRIGRAM_MIN_LENGTH = 3
# ts_rank's weights for D, C, B, A: a word in the title (A) counts most, one in the lead (B) more than a few
# in the text (C); D is not used.
RANK_WEIGHTS = [0.01, 0.1, 0.5, 1.0]
RESULT_FIELDS = ("kind", "object_id", "title", "lead", "body", "url", "date", "cancelled")


def site_search(
    *, query: str, kinds: Sequence[str] | None = None, now: dt.datetime | None = None
) -> QuerySet[SearchDocument]:
    """Public networks, meetings, blog posts and offers that match ``query``, best first (lazy, paginate it).

    Nothing matches a query without words (empty, only punctuation). Blog
    posts are found from their publication time on.
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
    return plain_search(documents, terms)


def _postgresql(documents: QuerySet, query: str, terms: list[str], excluded: list[str]) -> QuerySet:
    text_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    match = Q(search_vector=text_query)
    rank = SearchRank(F("search_vector"), text_query, weights=RANK_WEIGHTS)
    close_terms = [term for term in terms if len(term) >= TRIGRAM_MIN_LENGTH]
    if close_terms:
        match |= reduce(and_, [Q(words__trigram_word_similar=term) for term in close_terms])
        closeness = reduce(add, [TrigramWordSimilarity(Value(term), "words") for term in close_terms])
        rank = rank + closeness * Value(TRIGRAM_WEIGHT / len(close_terms))
    for word in excluded:
        # "-word" in the query: the text query leaves those out, the trigram match must too.
        match &= ~Q(search_vector=SearchQuery(word, search_type="plain", config=SEARCH_CONFIG))
    return (
        documents.filter(match)
        .annotate(rank=rank)
        .order_by(F("rank").desc(), F("date").desc(nulls_last=True), "kind", "object_id")
    )


def plain_search(documents: QuerySet, terms: list[str]) -> QuerySet:
    """The fallback without full text search: every word's Danish stem among the document's words."""
    stems = [stem(term) for term in terms]
    for word in stems:
        documents = documents.filter(words__contains=word)
    in_title = [Case(When(title__icontains=word, then=Value(1)), default=Value(0)) for word in stems]
    return documents.annotate(rank=reduce(add, in_title, Value(0, output_field=IntegerField()))).order_by(
        F("rank").desc(), F("date").desc(nulls_last=True), "kind", "object_id"
    )
