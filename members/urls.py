from django.urls import path

from . import views, views_group
from .sso import urls as sso_urls

app_name = "members"

urlpatterns = [
    path("mine-sider/", views.home, name="home"),
    path("mine-sider/tilmeldinger/", views.my_registrations, name="registrations"),
    path("mine-sider/profil/", views.profile_edit, name="profile"),
    path("mine-sider/mine-data/", views.privacy, name="privacy"),
    path("mine-sider/mine-data/eksport.json", views.data_export, name="data_export"),
    path("mine-sider/slet-konto/", views.account_delete, name="account_delete"),
    path("netvaerk/<slug:slug>/bliv-medlem/", views.join, name="join"),
    path("netvaerk/<slug:slug>/forlad/", views.leave, name="leave"),
    path("netvaerk/<slug:slug>/gruppe/", views_group.group, name="group"),
    path("netvaerk/<slug:slug>/gruppe/opslag/", views_group.board, name="board"),
    path("netvaerk/<slug:slug>/gruppe/opslag/<int:pk>/", views_group.board_post_detail, name="board_post_detail"),
    path("netvaerk/<slug:slug>/gruppe/opslag/<int:pk>/fastgoer/", views_group.board_post_pin, name="board_post_pin"),
    path("netvaerk/<slug:slug>/gruppe/opslag/<int:pk>/fjern/", views_group.board_post_remove, name="board_post_remove"),
    path("netvaerk/<slug:slug>/gruppe/notifikationer/", views_group.notifications, name="notifications"),
    path("netvaerk/<slug:slug>/gruppe/medlemmer/", views_group.directory, name="directory"),
    path("netvaerk/<slug:slug>/gruppe/materiale/", views_group.material, name="material"),
    path(
        "netvaerk/<slug:slug>/gruppe/materiale/<uuid:pk>/hent/", views_group.material_download, name="material_download"
    ),
    path("netvaerk/<slug:slug>/gruppe/materiale/<uuid:pk>/slet/", views_group.material_delete, name="material_delete"),
    path("netvaerk/<slug:slug>/gruppe/referater/", views_group.minutes_list, name="minutes"),
    path("netvaerk/<slug:slug>/gruppe/referater/<str:code>/skriv/", views_group.minutes_edit, name="minutes_edit"),
    path("netvaerk/<slug:slug>/gruppe/referater/fil/<uuid:pk>/", views_group.minutes_download, name="minutes_download"),
    path("netvaerk/<slug:slug>/gruppe/anmodninger/", views_group.requests, name="requests"),
    # Single sign-on: confirming that an existing account is yours before a login is linked to it.
    *sso_urls.urlpatterns,
]
