from django.urls import path

from . import views, views_staff

app_name = "outreach"

urlpatterns = [
    path("netvaerk/<slug:slug>/invitationer/", views.subscribe, name="subscribe"),
    path("invitationer/bekraeft/<str:token>/", views.subscribe_confirm, name="subscribe_confirm"),
    path("invitationer/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine-sider/invitationer/", views.preferences, name="preferences"),
    path("moeder/<str:code>/tilmeld-mig/", views.accept, name="accept"),
    path("personale/moeder/<str:code>/invitation/", views_staff.invitation, name="staff_invitation"),
]
