from django.urls import path, re_path

from . import views

app_name = "accessibility"

urlpatterns = [
    re_path(r"^was/?$", views.was, name="was"),
    path("tilgaengelighed/", views.statement, name="statement"),
]
