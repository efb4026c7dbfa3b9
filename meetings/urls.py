from django.urls import path

from . import embed, views

# Included by config/urls.py under the namespace "public", together with the
# registration app's meeting page (the sign-up form lives on it).
urlpatterns = [
    path("", views.home, name="home"),
    path("netvaerk/", views.network_list, name="network_list"),
    path("netvaerk/<slug:slug>/", views.network_detail, name="network_detail"),
    path("netvaerk/<slug:slug>/kalender.ics", views.network_calendar, name="network_calendar"),
    path("moeder/", views.meeting_list, name="meeting_list"),
    path("moeder/kalender.ics", views.all_meetings_calendar, name="all_meetings_calendar"),
    path("moeder/<str:code>/kalender.ics", views.meeting_calendar, name="meeting_calendar"),
    # Embeddable lists for other websites' iframes (meetings/embed.py).
    path("indlejr/moeder/", embed.embed_meetings, name="embed_meetings"),
    path("indlejr/netvaerk/<slug:slug>/", embed.embed_network, name="embed_network"),
]
