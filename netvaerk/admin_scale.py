"""Admin pieces that stay fast at ten years of data (issue 19; README "Data scale").

- ``IndexedValuesFieldListFilter``: the values of a text column for a list filter, read from the
  column's btree index by a loose index scan (one index lookup per value) instead of ``DISTINCT``
  over the whole table (600,000 emails).
- ``ScopedRelatedFieldListFilter``: the related objects the user reaches (the networks they plan,
  all for the secretariat) instead of ``DISTINCT`` over the list's rows, as
  ``RelatedOnlyFieldListFilter`` reads them (300,000 registrations).
- ``NarrowedRelatedFieldListFilter``: a filter of thousands of choices (3,000 meetings) that lists
  only those of the choice made in another filter (the meetings of the chosen network), and the
  chosen one; hidden until then.
- ``CappedCountPaginator``: a list of hundreds of thousands of rows is counted up to 10,000 (a
  count of 300,000 registrations or 600,000 emails read a whole index on every page); more is
  shown as "more than 10,000", and the pages reach that far (a search or a filter narrows).
- ``RelatedIdsSearchMixin``: a search in a related model's fields (a meeting's code and title)
  looked up in that small table first and applied as ``meeting_id IN (...)``, so that every arm of
  the search's OR is served by an index (``netvaerk/db_indexes.py``); a join in the OR makes
  PostgreSQL read every row.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.core.paginator import Paginator
from django.db import connections, models, router
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal

from . import access
from .forms import parse_id

# A filter lists at most this many values; a column with more is no list filter.
MAX_FILTER_VALUES = 200


def distinct_values(model: type[models.Model], column: str, limit: int = MAX_FILTER_VALUES) -> list:
    """The distinct non-null values of ``column``, in order, by a loose index scan.

    One ``MIN(column) WHERE column > previous`` per value: with an index on the column each is an
    index lookup (PostgreSQL and SQLite alike), where ``SELECT DISTINCT`` reads every row.
    """
    connection = connections[router.db_for_read(model)]
    table, col = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(column)
    sql = (
        f"WITH RECURSIVE found(value, n) AS ("
        f" SELECT MIN({col}), 1 FROM {table}"
        f" UNION ALL"
        f" SELECT (SELECT MIN({col}) FROM {table} WHERE {col} > found.value), found.n + 1"
        f" FROM found WHERE found.value IS NOT NULL AND found.n < %s"
        f") SELECT value FROM found WHERE value IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        return [row[0] for row in cursor.fetchall()]


class IndexedValuesFieldListFilter(admin.AllValuesFieldListFilter):
    """``AllValuesFieldListFilter`` for an indexed column of the model itself, whose values come
    from every row (not only those of the admin's queryset): for an admin that shows every row to
    whoever opens it (the secretariat's email log)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        # The parent's queryset is lazy and never read: replaced before it is evaluated.
        self.lookup_choices = distinct_values(model, field.column)


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """The related objects the user reaches under netvaerk/access.py (a consultant: the networks
    they plan; never another network's name), not only those in the list's rows."""

    def has_output(self):
        # Django applies only the filters it shows: a chosen object (one choice) must still filter.
        return bool(self.lookup_val or self.lookup_val_isnull) or super().has_output()

    def field_choices(self, field, request, model_admin):
        related = field.remote_field.model
        ordering = self.field_admin_ordering(field, request, model_admin) or related._meta.ordering or ["pk"]
        objects = access.scope_queryset(request.user, related._default_manager.all()).order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in objects]


class NarrowedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """Too many related objects to list (ten years of meetings): listed are those of the object
    chosen in another filter (``narrowed_by``: its query parameter -> this model's field) and the
    ones chosen here; without a choice there the filter is hidden. Kept to what the user reaches."""

    narrowed_by: tuple[str, str] = ("", "")
    ordering: tuple[str, ...] = ("pk",)

    def has_output(self):
        # Django applies only the filters it shows: a chosen object (one choice) must still filter.
        return bool(self.lookup_val or self.lookup_val_isnull) or super().has_output()

    def field_choices(self, field, request, model_admin):
        related = field.remote_field.model
        param, related_field = self.narrowed_by
        chosen = [pk for pk in (parse_id(value) for value in (self.lookup_val or [])) if pk is not None]
        wanted = models.Q(pk__in=chosen)
        narrowing = parse_id(request.GET.get(param))
        if narrowing is not None:
            wanted |= models.Q(**{related_field: narrowing})
        elif not chosen:
            return []
        objects = related._default_manager.filter(wanted)
        if access.scope_of(related) is not None:
            objects = access.scope_queryset(request.user, objects)
        return [(obj.pk, str(obj)) for obj in objects.order_by(*self.ordering)[:MAX_FILTER_VALUES]]


class CappedCountPaginator(Paginator):
    """Counts the list's rows up to ``cap``: ``SELECT COUNT(*) FROM (SELECT ... LIMIT cap + 1)``,
    without the list's order, so that PostgreSQL stops after the first ``cap + 1`` rows it finds by
    whatever index suits the filter. Beyond the cap ``count`` is the cap and ``capped`` is true (the
    admin's templates then say "more than"); the pages go as far as the cap. For an admin with
    ``show_full_result_count = False`` (the unfiltered total would be counted as well)."""

    cap = 10_000
    capped = False

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, models.QuerySet):
            return super().count
        found = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)


def _search_lookup(field_name: str) -> str:
    """The lookup of a search field, as the admin builds it (``=`` exact, ``^`` starts with, a
    named lookup as given, else contains)."""
    if field_name.startswith("^"):
        return f"{field_name[1:]}__istartswith"
    if field_name.startswith("="):
        return f"{field_name[1:]}__iexact"
    if field_name.rsplit("__", 1)[-1] in {"exact", "iexact", "istartswith", "icontains"}:
        return field_name
    return f"{field_name}__icontains"


class RelatedIdsSearchMixin:
    """``search_related = {"meeting": ("code", "title")}``: each search word is looked for in the
    admin's own ``search_fields`` OR in these fields of the related model; the related rows are
    found first (one query per word) and matched by their ids. Same results as
    ``search_fields = [..., "meeting__code", "meeting__title"]``."""

    search_related: dict[str, tuple[str, ...]] = {}

    def get_search_results(self, request, queryset, search_term):
        if not (self.search_related and search_term.strip()):
            return super().get_search_results(request, queryset, search_term)
        own = [_search_lookup(str(name)) for name in self.get_search_fields(request)]
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            wanted = models.Q.create([(lookup, bit) for lookup in own], connector=models.Q.OR)
            for path, fields in self.search_related.items():
                related = get_fields_from_path(self.model, path)[-1].related_model
                found = models.Q.create([(_search_lookup(name), bit) for name in fields], connector=models.Q.OR)
                ids = list(related._default_manager.filter(found).order_by().values_list("pk", flat=True))
                if ids:
                    wanted |= models.Q(**{f"{path}__in": ids})
            queryset = queryset.filter(wanted)
        return queryset, False
