from django.urls import path

from . import views

app_name = "craft"

urlpatterns = [
    path("netvaerk/<slug:slug>/gruppe/ideer/", views.ideas, name="ideas"),
    path("netvaerk/<slug:slug>/gruppe/ideer/ny/", views.idea_add, name="idea_add"),
    path("netvaerk/<slug:slug>/gruppe/ideer/<int:pk>/", views.idea_detail, name="idea_detail"),
    path(
        "netvaerk/<slug:slug>/gruppe/ideer/<int:pk>/kommentar/<int:comment_pk>/fjern/",
        views.idea_comment_remove,
        name="idea_comment_remove",
    ),
    path("netvaerk/<slug:slug>/gruppe/forslag/", views.proposals, name="proposals"),
    path("netvaerk/<slug:slug>/gruppe/forslag/<int:pk>/dagsorden/", views.proposal_plan, name="proposal_plan"),
    path("netvaerk/<slug:slug>/gruppe/forslag/<int:pk>/afvis/", views.proposal_decline, name="proposal_decline"),
    path("netvaerk/<slug:slug>/gruppe/evalueringer/", views.evaluations, name="evaluations"),
    path("netvaerk/<slug:slug>/gruppe/evalueringer.<slug:fmt>", views.evaluations_export, name="evaluations_export"),
    path("netvaerk/<slug:slug>/gruppe/evalueringer/<str:code>/", views.evaluation_meeting, name="evaluation_meeting"),
    path("evaluering/<str:token>/", views.evaluation, name="evaluation"),
    path("personale/kadence/", views.cadence, name="cadence"),
    path("personale/netvaerk/<slug:slug>/planlaeg/", views.plan_year, name="plan_year"),
]
