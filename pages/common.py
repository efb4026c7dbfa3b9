"""What the public pages of networks and meetings share: card validity, calendar files, framing, embedded lists."""

from __future__ import annotations

import datetime as dt
import functools

from csp.constants import NONE
from csp.decorators import csp_replace
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.views.decorators.clickjacking import xframe_options_exempt

from meetings import badges, selectors
from meetings.calendar import feed_queryset
from meetings.enums import MeetingStatus
from netvaerk.pagecache import cache_public_page

# A calendar feed holds the meetings of the last three months and every coming one: a subscribed
# calendar keeps what it has seen, and ten years of meetings made the feed of all meetings 2.4 s
# and 3 MB (README "Data scale").
FEED_PAST = dt.timedelta(days=90)
# The longest list an embedded page shows; "all meetings on the portal" links to the rest.
EMBED_LIMIT = 20


def cards_page(response, meetings):
    """The page with these cards is valid until one of them changes by the clock (badges, "held")."""
    response.page_cache_until = badges.cards_valid_until(meetings)
    return response


def feed_meetings():
    """The public meetings a calendar feed holds, oldest first, with the columns its events read."""
    meetings = selectors.meeting_public_qs().filter(ends_at__gte=timezone.now() - FEED_PAST).order_by("starts_at")
    return feed_queryset(meetings)


ICS = "text/calendar; charset=utf-8"


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed_response(request, response: HttpResponse, filename: str) -> HttpResponse:
    """A feed from the page cache, with an ETag: a calendar (or proxy) that polls again with
    If-None-Match gets 304 Not Modified while nothing changed."""
    set_response_etag(response)
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    if response.status_code == 200:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# The embeddable meeting lists (/indlejr/): small pages other websites show in an iframe.
#
# Only published meetings still to come (no drafts, no cancelled meetings), the
# sign-up on the portal in a new tab. Framing is allowed only for the origins
# the organisers configured (``netvaerk.embed``): the Content-Security-Policy's
# ``frame-ancestors`` does the restricting, so X-Frame-Options is left off on
# these two views only. The pages are served from the page cache like the
# other public pages; the header is put on outside the cache (a hit makes no
# database query).


def framed_by(origins_of):
    """Let the origins ``origins_of(**kwargs)`` frame the page, and no one else ('none' when empty)."""

    def decorator(view):
        cached = cache_public_page(view)

        @xframe_options_exempt
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            origins = origins_of(**kwargs) or [NONE]
            return csp_replace({"frame-ancestors": origins})(cached)(request, *args, **kwargs)

        return wrapper

    return decorator


def embed_list(request, *, heading, more_url, network=None):
    """The embeddable list of published meetings still to come (of ``network``, or all)."""
    now = timezone.now()
    qs = selectors.meeting_list_public(when="upcoming", network_slug=network.slug if network else None, now=now)
    found = list(qs.filter(status=MeetingStatus.PUBLISHED)[: EMBED_LIMIT + 1])
    # "Få pladser", "Fuldt booket – venteliste" as on the portal's cards (one query for the seats).
    meetings = badges.with_badges(found[:EMBED_LIMIT], now=now)
    response = render(
        request,
        "pages/embed_list.html",
        {
            "meetings": meetings,
            "more": len(found) > EMBED_LIMIT,
            "more_url": more_url,
            "heading": heading,
            "network": network,
            "now": now,
        },
    )
    # Until the next deadline, start or end of a listed meeting ("Tilmelding lukket", gone when held).
    changes = [moment for meeting in meetings if (moment := selectors.next_state_change(meeting=meeting, now=now))]
    if changes:
        response.page_cache_until = min(changes)
    return response
