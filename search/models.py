"""The search index: one row per public network, meeting, blog post and offer.

The rows are written by ``services.py`` whenever one of those is saved or
deleted (signals, see ``apps.py``) and rebuilt every night, so a bulk update
that sends no signal is picked up within a day. Visibility is decided when a
row is written (only what the public site shows is indexed), except a blog
post's publication time, which is checked when searching: a post dated
tomorrow is indexed today and found from tomorrow.

On PostgreSQL ``search_vector`` is a stored generated column (Danish
stemming, the title weighted above the lead and the lead above the text),
indexed with GIN. ``SearchWord`` holds every word of the index once, with a
trigram GIN index: a query word is widened to the indexed words close to it
(misspellings, the word as part of a compound), so a search is still one
lookup in the GIN index of the documents, whatever their length. SQLite has
neither: the fallback in ``selectors.py`` reads ``words`` alone.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Func
from django.utils.translation import gettext_lazy as _

from .enums import DocumentKind

SEARCH_CONFIG = "danish"


class PostgreSQLOnly(Func):
    """The wrapped expression on PostgreSQL, NULL elsewhere (SQLite cannot compute a text-search vector)."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


def document_vector():
    return PostgreSQLOnly(
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("lead", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
    )


class SearchDocument(models.Model):
    """What the site search finds of one public object, with the text it is found by."""

    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), blank=True, help_text=_("Teaser or summary; weighs more than the text."))
    body = models.TextField(_("text"), blank=True)
    words = models.TextField(
        _("words"), blank=True, help_text=_("Every word of title, lead and text once, in lower case.")
    )
    url = models.CharField(_("address"), max_length=300)
    date = models.DateTimeField(_("date"), null=True, blank=True, help_text=_("Start of a meeting, date of a post."))
    visible_from = models.DateTimeField(
        _("visible from"), null=True, blank=True, help_text=_("A blog post is found from its publication time.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=document_vector(), output_field=SearchVectorField(), db_persist=True, editable=False
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")]
        indexes = [GinIndex(fields=["search_vector"], name="search_document_vector")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class SearchWord(models.Model):
    """A word that occurs (or occurred) in the index: the vocabulary a query word is compared with by trigrams.

    Words are added as documents are written and only removed by the nightly
    rebuild; a word no document has any more widens a query to nothing.
    """

    word = models.CharField(_("word"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trgm")]

    def __str__(self):
        return self.word
