"""Writes to the search index: refresh the documents of some objects, or rebuild all of them."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .documents import SOURCES
from .models import SearchDocument, SearchWord

WORD_MAX_LENGTH = SearchWord._meta.get_field("word").max_length


def search_documents_refresh(*, kind: str, ids: Iterable[int]) -> int:
    """Rewrite the documents of these objects from the database; objects no longer public lose theirs.

    Called from the signals of a save or delete, inside the caller's
    transaction, so the index changes (or rolls back) with the object. A few
    queries whatever the number of objects. Returns the number of documents written.
    """
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return 0
    source = SOURCES[kind]
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        documents = source.documents(source.public().filter(pk__in=ids))
        SearchDocument.objects.filter(kind=kind, object_id__in=ids).delete()
        SearchDocument.objects.bulk_create(SearchDocument(**fields) for fields in documents)
        _remember_words(documents)
    return len(documents)


def search_index_rebuild() -> int:
    """Build every document again from the public objects (nightly, and after a deploy that brings the index).

    One transaction: searches meanwhile see the old index until it commits.
    Returns the number of documents.
    """
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        written = 0
        for source in SOURCES.values():
            documents = source.documents(source.public().iterator(chunk_size=500))
            SearchDocument.objects.bulk_create((SearchDocument(**fields) for fields in documents), batch_size=500)
            _remember_words(documents)
            written += len(documents)
    return written


def _remember_words(documents: list[dict]) -> None:
    """Add the documents' words to the vocabulary the trigram match reads (words already there are kept)."""
    words = {word for fields in documents for word in fields["words"].split() if 3 <= len(word) <= WORD_MAX_LENGTH}
    SearchWord.objects.bulk_create(
        (SearchWord(word=word) for word in sorted(words)), ignore_conflicts=True, batch_size=1000
    )
