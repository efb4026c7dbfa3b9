"""The front page: the next meetings and the networks."""

from django.shortcuts import render

from meetings import badges, selectors
from netvaerk.pagecache import cache_public_page
from netvaerk.selectors import network_list_public

from .common import cards_page

# Meetings on the home page; a few more are read so that cancelled ones can step back.
HOME_MEETINGS = 6


@cache_public_page
def home(request):
    upcoming = list(selectors.meeting_list_public(when="upcoming")[: HOME_MEETINGS * 2])
    meetings = badges.with_badges(badges.cancelled_not_first(upcoming)[:HOME_MEETINGS])
    networks = network_list_public()
    response = render(request, "pages/home.html", {"meetings": meetings, "networks": networks})
    return cards_page(response, meetings)
