"""The API's reads: the public pages' selectors, with the counts the API shows joined in one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Workshop
from meetings.selectors import meeting_public_qs
from netvaerk.models import Network, WorkArea
from netvaerk.selectors import network_detail_public, network_list_public
from registration.selectors import confirmed_seats_per_meeting

__all__ = ["network_detail_public", "network_list_public"]

# A calendar answer spans at most this many days (a year and a day for a leap year).
CALENDAR_MAX_DAYS = 366
CALENDAR_DEFAULT_DAYS = 90


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def work_areas_public() -> QuerySet[WorkArea]:
    """Work areas that at least one public network works with."""
    return WorkArea.objects.filter(pk__in=Network.objects.public().values("work_areas")).order_by("name")


def meetings_public(
    *,
    network: str | None = None,
    kind: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    work_area: str | None = None,
    now: dt.datetime | None = None,
    with_programme: bool = True,
    all_dates: bool = False,
) -> QuerySet[Meeting]:
    """Published and cancelled meetings of public networks (and stand-alone ones), the meeting list's rule.

    Without ``start`` and ``end``: those that have not ended. Dates are Copenhagen days, both included,
    and select by the day the meeting starts. Each meeting carries ``seats_taken`` (confirmed seats).
    """
    qs = meeting_public_qs()
    if start is None and end is None and not all_dates:
        qs = qs.upcoming(now or timezone.now())
    if start is not None:
        qs = qs.filter(starts_at__gte=_local_midnight(start))
    if end is not None:
        qs = qs.filter(starts_at__lt=_local_midnight(end + dt.timedelta(days=1)))
    if network:
        qs = qs.filter(network__slug=network)
    if kind:
        qs = qs.filter(kind=kind)
    if work_area:
        # A subquery rather than a join, so a network with two matching areas gives no duplicates.
        qs = qs.filter(network__in=Network.objects.filter(work_areas__slug=work_area).values("pk"))
    # A subquery per meeting shown (after the page's LIMIT), not a join of every registration grouped by
    # meeting: that sorted some 25,000 wide rows for a page of 20 at ten years (README "Data scale").
    qs = qs.annotate(seats_taken=confirmed_seats_per_meeting()).order_by("starts_at", "id")
    if with_programme:
        qs = qs.prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("start_time", "order", "id")),
            Prefetch("workshops", queryset=Workshop.objects.order_by("order", "id")),
            "target_groups",
        )
    return qs


# What a calendar event shows (presenters.calendar_event): no descriptions, terms or programme texts, and the
# network and venue joined, not the organiser and host organisation.
CALENDAR_FIELDS = (
    "code",
    "title",
    "kind",
    "format",
    "status",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_deadline",
    "capacity",
    "waiting_list_enabled",
    "network__slug",
    "venue__name",
    "venue__address",
    "venue__postal_code",
    "venue__city",
)


def calendar_public(**filters) -> QuerySet[Meeting]:
    """The meetings of the calendar (``meetings_public``'s filters) with only the columns an event shows."""
    qs = meetings_public(**filters, with_programme=False)
    return qs.select_related(None).select_related("network", "venue").only(*CALENDAR_FIELDS)


def meeting_public(*, code: str) -> Meeting:
    """One public meeting with its programme and seat count; raises Meeting.DoesNotExist."""
    return meetings_public(all_dates=True).get(code=code)


def next_change(*, qs: QuerySet[Meeting], now: dt.datetime) -> dt.datetime | None:
    """The next moment any meeting of ``qs`` changes by the clock alone (registration opens or closes,
    the meeting starts or ends, and so leaves the list of coming meetings); one query."""
    moments = ("registration_opens_at", "registration_deadline", "starts_at", "ends_at")
    found = qs.order_by().aggregate(**{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in moments})
    future = [moment for moment in found.values() if moment is not None]
    return min(future) if future else None
