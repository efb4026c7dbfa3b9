"""Public pages: home, networks, meetings and calendar files."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _

from netvaerk import access
from netvaerk.models import Network
from netvaerk.pagecache import cache_public_page
from netvaerk.selectors import network_detail_public, network_list_public

from . import badges, selectors
from .calendar import meeting_ics, meetings_feed_ics
from .forms import MeetingFilterForm, NetworkFilterForm
from .models import Meeting
from .programme_check import programme_check

PAGE_SIZE = 20
ICS = "text/calendar; charset=utf-8"
# A calendar feed holds the meetings of the last three months and every coming one: a subscribed
# calendar keeps what it has seen, and ten years of meetings made the feed of all meetings 2.4 s
# and 3 MB (README "Data scale").
FEED_PAST = dt.timedelta(days=90)


# Meetings on the home page; a few more are read so that cancelled ones can step back.
HOME_MEETINGS = 6


def _cards_page(response, meetings):
    """The page with these cards is valid until one of them changes by the clock (badges, "held")."""
    response.page_cache_until = badges.cards_valid_until(meetings)
    return response


@cache_public_page
def home(request):
    upcoming = list(selectors.meeting_list_public(when="upcoming")[: HOME_MEETINGS * 2])
    meetings = badges.with_badges(badges.cancelled_not_first(upcoming)[:HOME_MEETINGS])
    networks = network_list_public()
    response = render(request, "meetings/home.html", {"meetings": meetings, "networks": networks})
    return _cards_page(response, meetings)


@cache_public_page
def network_list(request):
    form = NetworkFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {key: value.slug for key, value in form.cleaned_data.items() if value}
    networks = network_list_public(**filters)
    return render(request, "netvaerk/network_list.html", {"form": form, "networks": networks})


# Templates that apps above add to a network's page (the side column), e.g. the invitations' sign-up.
NETWORK_PAGE_PANELS: list[str] = []


def network_page_panel_register(template: str) -> None:
    """An app above adds ``template`` (rendered with ``network``) to the side column of a network's page."""
    if template not in NETWORK_PAGE_PANELS:
        NETWORK_PAGE_PANELS.append(template)


@cache_public_page
def network_detail(request, slug):
    try:
        network = network_detail_public(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None
    upcoming = badges.with_badges(selectors.meeting_list_public(when="upcoming", network_slug=slug)[:5])
    past = list(selectors.meeting_list_public(when="past", network_slug=slug)[:5])
    cadence = None
    if access.is_staff(request.user) and request.user.has_perm("netvaerk.plan_network", network):
        # Its planners only (the cached anonymous page never holds it): this year's plan against the meetings.
        cadence = selectors.network_cadence(network=network, year=timezone.localdate().year)
    leading = badges.cancelled_not_first(upcoming)
    response = render(
        request,
        "netvaerk/network_detail.html",
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
    return _cards_page(response, upcoming)


def network_calendar(request, slug):
    return _feed_response(request, _network_feed(request, slug), f"{slug}.ics")


@cache_public_page
def _network_feed(request, slug):
    try:
        network = network_detail_public(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None
    meetings = _feed_meetings().filter(network=network)
    return HttpResponse(meetings_feed_ics(meetings, name=network.name), content_type=ICS)


@cache_public_page
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    filters = {"when": "upcoming"}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "when": data["when"] or "upcoming",
            "network_slug": data["network"].slug if data["network"] else None,
            "kind": data["kind"] or None,
            "month": data["month"],
        }
    meetings = selectors.meeting_list_public(**filters)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("side"))
    cards = badges.with_badges(page.object_list)
    response = render(
        request,
        "meetings/meeting_list.html",
        {"form": form, "page": page, "meetings": cards, "when": filters["when"]},
    )
    return _cards_page(response, cards)


def get_meeting_for_page(request, code, *, read: str = "page") -> Meeting:
    """A public meeting, or a meeting the staff member may see (their preview of drafts); 404 otherwise."""
    staff = access.is_staff(request.user)
    try:
        meeting = selectors.meeting_detail_public(code=code, include_drafts=staff, read=read)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not staff:
        return meeting  # Meeting.objects.public(): published or cancelled, of no hidden network
    hidden = not meeting.is_public or (meeting.network_id is not None and not meeting.network.is_public)
    if hidden and not request.user.has_perm("meetings.view_meeting", meeting):
        raise Http404  # another network's draft: as unknown as to anyone else
    return meeting


def meeting_page_context(meeting, *, seats_taken: int, staff_preview: bool = False, **extra):
    """Everything the meeting page shows; the registration views add their form.

    Meetings do not know registrations (the dependency points the other way): the caller
    counts the confirmed seats. With ``staff_preview`` (a staff member looking) the page also
    shows the programme check's warnings; anonymous visitors never get them.
    """
    items = list(meeting.agenda_items.all())
    workshops = list(meeting.workshops.all())
    context = {
        "meeting": meeting,
        "agenda_items": items,
        "programme_check": programme_check(meeting=meeting, items=items, workshops=workshops)
        if staff_preview
        else None,
        "workshops": workshops,
        "contact": meeting.contact(),
        "state": selectors.meeting_registration_state(meeting=meeting, seats_taken=seats_taken),
        "seats_left": selectors.seats_left(meeting=meeting, seats_taken=seats_taken),
        "free_cancellation_until": selectors.free_cancellation_until(meeting=meeting),
        "now": timezone.now(),
    }
    context.update(extra)
    return context


def meeting_calendar(request, code):
    try:
        meeting = selectors.meeting_public_qs().get(code=code)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return _ics_response(meeting_ics(meeting), f"{meeting.code}.ics")


def all_meetings_calendar(request):
    return _feed_response(request, _all_meetings_feed(request), "moeder.ics")


@cache_public_page
def _all_meetings_feed(request):
    return HttpResponse(meetings_feed_ics(_feed_meetings(), name=_("All meetings")), content_type=ICS)


def _feed_meetings():
    return selectors.meeting_public_qs().filter(ends_at__gte=timezone.now() - FEED_PAST).order_by("starts_at")


def _feed_response(request, response: HttpResponse, filename: str) -> HttpResponse:
    """A feed from the page cache, with an ETag: a calendar (or proxy) that polls again with
    If-None-Match gets 304 Not Modified while nothing changed."""
    set_response_etag(response)
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    if response.status_code == 200:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
