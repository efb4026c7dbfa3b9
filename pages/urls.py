"""The public pages of networks and meetings: namespace "public" (config/urls.py includes it)."""

from django.urls import path

from . import home, meetings, networks

app_name = "public"

urlpatterns = [
    path("", home.home, name="home"),
    # A network's pages (pages/networks.py).
    path("netvaerk/", networks.network_list, name="network_list"),
    path("netvaerk/<slug:slug>/", networks.network_detail, name="network_detail"),
    path("netvaerk/<slug:slug>/kalender.ics", networks.network_calendar, name="network_calendar"),
    # A meeting's pages (pages/meetings.py).
    path("moeder/", meetings.meeting_list, name="meeting_list"),
    path("moeder/kalender.ics", meetings.all_meetings_calendar, name="all_meetings_calendar"),
    path("moeder/<str:code>/kalender.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("moeder/<str:code>/", meetings.meeting_page, name="meeting_detail"),
    path("moeder/<str:code>/tak/", meetings.receipt, name="registration_receipt"),
    # Embeddable lists for other websites' iframes (framing: pages/common.py).
    path("indlejr/moeder/", meetings.embed_meetings, name="embed_meetings"),
    path("indlejr/netvaerk/<slug:slug>/", networks.embed_network, name="embed_network"),
]
