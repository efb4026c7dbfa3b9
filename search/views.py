"""The search page (/soeg/): results across networks, meetings, blog posts and offers.

Not in the page cache (netvaerk/pagecache.py): every query is a page of its
own, so the cache would seldom be hit, and anyone could fill the shared cache
with made-up queries and push out the pages worth keeping. A search is
three queries whatever the number of matches (the words close to the
query's, the counts per type, the page itself); see the README for the
times at ten years of data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import DocumentKind
from .forms import SearchForm
from .highlight import Matcher, highlight, snippet
from .models import SearchDocument
from .query import query_terms
from .selectors import site_search

PAGE_SIZE = 20
# The type filter's labels (plural).
TYPE_LABELS = {
    DocumentKind.NETWORK: gettext_lazy("Networks"),
    DocumentKind.MEETING: gettext_lazy("Meetings"),
    DocumentKind.POST: gettext_lazy("Blog posts"),
    DocumentKind.OFFER: gettext_lazy("Theme days and courses"),
}


class CountedPaginator(Paginator):
    """A paginator told the number of results (summed from the counts per type) instead of counting again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title: SafeString
    url: str
    date: object
    snippet: SafeString
    cancelled: bool


def _result(document: SearchDocument, matcher: Matcher) -> Result:
    text = " ".join(part for part in (document.lead, document.body) if part)
    return Result(
        kind=document.kind,
        kind_label=document.get_kind_display(),
        title=highlight(document.title, matcher),
        url=document.url,
        date=document.date,
        snippet=snippet(text, matcher),
        cancelled=document.cancelled,
    )


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": "", "results": None, "message": "", "types": []}
    if form.is_bound and not form.is_valid():
        context["message"] = " ".join(error for errors in form.errors.values() for error in errors)
    elif form.is_bound and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        context["query"] = query
        terms = query_terms(query)
        if not terms:
            context["message"] = _("Write one or more words to search for, e.g. “beboerdemokrati” or “børn”.")
        else:
            chosen = form.cleaned_data["type"]
            matches = site_search(query=query)
            counts = dict(matches.order_by().values_list("kind").annotate(n=Count("id")))
            context["types"] = [
                (value, TYPE_LABELS[value], counts[value], value == chosen)
                for value in DocumentKind.values
                if counts.get(value)
            ]
            context["total"] = sum(counts.values())
            context["chosen"] = chosen
            shown = matches.filter(kind=chosen) if chosen else matches
            count = counts.get(chosen, 0) if chosen else context["total"]
            page = CountedPaginator(shown, PAGE_SIZE, count=count).get_page(request.GET.get("side"))
            matcher = Matcher(terms)
            context["page"] = page
            context["results"] = [_result(document, matcher) for document in page]
            if not context["results"]:
                context["message"] = _("Nothing matched “%(query)s”. Try other or fewer words.") % {"query": query}
    return render(request, "search/search.html", context)
