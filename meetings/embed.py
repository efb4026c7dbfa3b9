"""The embeddable meeting lists (/indlejr/): small pages other websites show in an iframe.

Only published meetings still to come (no drafts, no cancelled meetings), the
sign-up on the portal in a new tab. Framing is allowed only for the origins
the organisers configured (``netvaerk.embed``): the Content-Security-Policy's
``frame-ancestors`` does the restricting, so X-Frame-Options is left off on
these two views only. The pages are served from the page cache like the
other public pages; the header is put on outside the cache (a hit makes no
database query).
"""

from __future__ import annotations

import functools

from csp.constants import NONE
from csp.decorators import csp_replace
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from netvaerk import embed
from netvaerk.models import Network
from netvaerk.pagecache import cache_public_page

from . import badges, selectors
from .enums import MeetingStatus

# The longest list an embedded page shows; "all meetings on the portal" links to the rest.
EMBED_LIMIT = 20


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


def _coming(*, network_slug: str | None = None):
    now = timezone.now()
    qs = selectors.meeting_list_public(when="upcoming", network_slug=network_slug, now=now)
    meetings = list(qs.filter(status=MeetingStatus.PUBLISHED)[: EMBED_LIMIT + 1])
    # "Få pladser", "Fuldt booket – venteliste" as on the portal's cards (one query for the seats).
    return badges.with_badges(meetings[:EMBED_LIMIT], now=now), len(meetings) > EMBED_LIMIT, now


def _render(request, *, meetings, more, now, heading, network=None, more_url):
    response = render(
        request,
        "meetings/embed/list.html",
        {
            "meetings": meetings,
            "more": more,
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


@framed_by(lambda: embed.all_meetings_origins())
def embed_meetings(request):
    meetings, more, now = _coming()
    return _render(
        request,
        meetings=meetings,
        more=more,
        now=now,
        heading=_("Coming meetings"),
        more_url=reverse("public:meeting_list"),
    )


@framed_by(lambda slug: embed.network_origins(slug))
def embed_network(request, slug):
    try:
        network = Network.objects.public().get(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None
    meetings, more, now = _coming(network_slug=slug)
    return _render(
        request,
        meetings=meetings,
        more=more,
        now=now,
        heading=_("Coming meetings in %(network)s") % {"network": network.name},
        network=network,
        more_url=network.get_absolute_url(),
    )
