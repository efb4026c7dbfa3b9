"""Query expressions for plans PostgreSQL gets wrong at ten years of data (issue 19)."""

from __future__ import annotations

from django.db.models import BooleanField, F, Func, QuerySet, Subquery


class InSubquery(Func):
    """``column = ANY(ARRAY(subquery))`` on PostgreSQL, ``column IN (subquery)`` elsewhere.

    The same rows as ``column__in=subquery``, but PostgreSQL plans the two differently. A join or
    ``IN`` is estimated from the statistics: the registrations of one network's 111 meetings (8,362
    of 300,000) came out cheaper read by a parallel scan of the whole table and a hash join (100-200
    ms, 90 MB read) than meeting by meeting from the ``meeting_id`` index, which the planner costs as
    scattered heap reads. The subquery inside ``ARRAY()`` runs first, and an array it cannot see
    into is estimated at a few elements, so the outer rows are read from the index: 7-75 ms, 7 MB
    (README "Data scale"). Use it where the subquery selects a small share of the outer table's keys.
    """

    output_field = BooleanField()

    def __init__(self, column: str, queryset: QuerySet):
        super().__init__(F(column), Subquery(queryset))

    def _compiled(self, compiler):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)  # "(SELECT ...)"
        return column_sql, subquery_sql, (*column_params, *subquery_params)

    def as_sql(self, compiler, connection, **extra_context):
        column_sql, subquery_sql, params = self._compiled(compiler)
        return f"{column_sql} IN {subquery_sql}", params

    def as_postgresql(self, compiler, connection, **extra_context):
        column_sql, subquery_sql, params = self._compiled(compiler)
        return f"{column_sql} = ANY(ARRAY{subquery_sql})", params
