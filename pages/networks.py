"""Every public page of a network: the list, the network's page, its calendar feed and its embeddable list."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import badges, selectors
from meetings.calendar import meetings_feed_ics
from meetings.forms import NetworkFilterForm
from netvaerk import access, embed
from netvaerk.models import Network
from netvaerk.pagecache import cache_public_page
from netvaerk.selectors import network_detail_public, network_list_public

from .common import ICS, cards_page, embed_list, feed_meetings, feed_response, framed_by

# Templates that apps above add to a network's page (the side column), e.g. the invitations' sign-up.
NETWORK_PAGE_PANELS: list[str] = []


def network_page_panel_register(template: str) -> None:
    """An app above adds ``template`` (rendered with ``network``) to the side column of a network's page."""
    if template not in NETWORK_PAGE_PANELS:
        NETWORK_PAGE_PANELS.append(template)


def _public_network(slug) -> Network:
    try:
        return network_detail_public(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None


@cache_public_page
def network_list(request):
    form = NetworkFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {key: value.slug for key, value in form.cleaned_data.items() if value}
    networks = network_list_public(**filters)
    return render(request, "pages/network_list.html", {"form": form, "networks": networks})


@cache_public_page
def network_detail(request, slug):
    network = _public_network(slug)
    upcoming = badges.with_badges(selectors.meeting_list_public(when="upcoming", network_slug=slug)[:5])
    past = list(selectors.meeting_list_public(when="past", network_slug=slug)[:5])
    cadence = None
    if access.is_staff(request.user) and request.user.has_perm("netvaerk.plan_network", network):
        # Its planners only (the cached anonymous page never holds it): this year's plan against the meetings.
        cadence = selectors.network_cadence(network=network, year=timezone.localdate().year)
    leading = badges.cancelled_not_first(upcoming)
    response = render(
        request,
        "pages/network_detail.html",
        {
            "network": network,
            "next_meeting": leading[0] if leading else None,
            "upcoming": upcoming,
            "past": past,
            "past_hosts": selectors.network_past_hosts(network=network),
            "cadence": cadence,
            "panels": NETWORK_PAGE_PANELS,
        },
    )
    return cards_page(response, upcoming)


def network_calendar(request, slug):
    return feed_response(request, _network_feed(request, slug), f"{slug}.ics")


@cache_public_page
def _network_feed(request, slug):
    network = _public_network(slug)
    meetings = feed_meetings().filter(network=network)
    return HttpResponse(meetings_feed_ics(meetings, name=network.name), content_type=ICS)


@framed_by(lambda slug: embed.network_origins(slug))
def embed_network(request, slug):
    """The network's coming meetings for its organisers' websites (framing: ``common.framed_by``)."""
    try:
        network = Network.objects.public().get(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None
    return embed_list(
        request,
        heading=_("Coming meetings in %(network)s") % {"network": network.name},
        network=network,
        more_url=network.get_absolute_url(),
    )
