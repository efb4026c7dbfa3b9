from django.urls import path

from . import views

app_name = "registration"

# Public pages that belong under the meeting's URL (namespace "public").
public_urlpatterns = [
    path("moeder/<str:code>/", views.meeting_page, name="meeting_detail"),
    path("moeder/<str:code>/tak/", views.receipt, name="registration_receipt"),
]

urlpatterns = [
    path("tilmelding/<str:token>/", views.personal_page, name="personal"),
    path("tilmelding/<str:token>/afmeld/", views.cancel, name="cancel"),
    path("personale/moeder/<str:code>/tjek-ind/", views.check_in, name="check_in"),
    path("personale/moeder/<str:code>/tjek-ind/<int:pk>/", views.check_in_toggle, name="check_in_toggle"),
]
