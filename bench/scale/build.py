"""The ten-year builder: fills an empty, migrated database (``build``)."""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.scale.build_emails import EmailsBuilder
from bench.scale.build_invoices import InvoicesBuilder
from bench.scale.build_meetings import MeetingsBuilder
from bench.scale.build_members import MembersBuilder
from bench.scale.build_people import PeopleBuilder
from bench.scale.build_questions import QuestionsBuilder
from bench.scale.build_registrations import RegistrationsBuilder
from bench.scale.copying import copy_rows
from bench.scale.targets import DEFAULT_SEED, log, scaled_counts


class Builder(
    PeopleBuilder,
    MeetingsBuilder,
    QuestionsBuilder,
    InvoicesBuilder,
    RegistrationsBuilder,
    MembersBuilder,
    EmailsBuilder,
):
    """Fills an empty, migrated database with ten years of data (or a fraction of it)."""

    def __init__(self, *, scale: float, seed: int):
        from django.utils import timezone

        self.rng = random.Random(seed)
        self.n = scaled_counts(scale)
        self.now = timezone.now().replace(microsecond=0)
        self.tz = timezone.get_default_timezone()
        self.first_day = (self.now - dt.timedelta(days=round(365.25 * 9.5))).date()
        self.last_day = (self.now + dt.timedelta(days=183)).date()
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()

    def _log(self, what: str) -> None:
        log(f"  {time.perf_counter() - self.started:6.1f} s  {what}")

    def _copy(self, model, rows) -> int:
        n = copy_rows(model, rows, self.now)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + n
        return n

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def _past(self, moment: dt.datetime) -> dt.datetime:
        return min(moment, self.now)

    def build(self) -> dict[str, int]:
        from django.db import connection

        self._check_empty()
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        self._reference_data()
        self._users()
        self._networks()
        self._meetings()
        self._registrations()
        self._members_area()
        self._craft()
        self._content()
        self._export_logs()
        self._emails()
        self._history()
        self._reset_sequences()
        self._search_index()
        self._log("done")
        return self.counts

    def _search_index(self) -> None:
        # Rows went in with COPY, past the signals that keep the site search's index.
        from search.services import search_index_rebuild

        self.counts["search.SearchDocument"] = search_index_rebuild()
        self._log("search index")

    def _check_empty(self) -> None:
        from meetings.models import Meeting
        from members.models import User
        from registration.models import Registration

        for model in (User, Meeting, Registration):
            if model.objects.exists():
                raise RuntimeError(f"{model._meta.label} is not empty: the builder needs a freshly migrated database")


def build(*, scale: float, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Fill the default database (freshly migrated, empty) with the ten-year data at ``scale``."""
    return Builder(scale=scale, seed=seed).build()
