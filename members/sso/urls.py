"""The link confirmation page (included by members/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("konto/sso/forbind/", views.link, name="sso_link"),
]
