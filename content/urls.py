from django.urls import path

from . import feeds, views

app_name = "content"

urlpatterns = [
    path("blog/", views.post_list, name="post_list"),
    path("blog/atom.xml", feeds.LatestPostsFeed(), name="post_feed"),
    path("blog/emne/<slug:slug>/", views.post_tag, name="post_tag"),
    path("blog/<slug:slug>/", views.post_detail, name="post_detail"),
    path("blog/<slug:slug>/kommentarer/<int:pk>/", views.comment_moderate, name="comment_moderate"),
    path("tilbud/", views.offer_list, name="offer_list"),
    path("tilbud/<slug:slug>/", views.offer_detail, name="offer_detail"),
    path("tilbud/<slug:slug>/tilbud.pdf", views.offer_pdf_download, name="offer_pdf"),
    path("tilbud/<slug:slug>/forespoergsel/", views.offer_request, name="offer_request"),
    path("tilbud/<slug:slug>/forespoergsel/tak/", views.offer_request_thanks, name="offer_request_thanks"),
]
