"""The demo's blog and offers: the seed facts are there, and loading twice duplicates nothing."""

import datetime as dt

import pytest
from django.apps import apps

from content.enums import CommentStatus, OfferRequestStatus, PostStatus
from content.models import BlogPost, Comment, Offer, OfferRequest
from demo.load import load_demo
from demo.loaders.blog import RESOURCE_POST_SLUG
from demo.loaders.offers import DIALOG_OFFER_SLUG

pytestmark = pytest.mark.django_db

COUNTED = [
    "content.Tag",
    "content.Author",
    "content.BlogPost",
    "content.PostImage",
    "content.Comment",
    "content.Provider",
    "content.Offer",
    "content.OfferRequest",
    "netvaerk.Organisation",
    "members.Profile",
    "outbox.OutgoingEmail",
]
CONTENT_EMAILS = ["content_comment_new", "content_offer_request", "content_offer_request_received"]


def _counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def test_content_demo_loads_twice_without_duplicates_or_emails():
    today = dt.date(2026, 11, 23)
    load_demo(today=today)
    first = _counts()
    load_demo(today=today)
    assert _counts() == first
    # Demo comments and requests are written directly: nobody is emailed about them.
    assert not apps.get_model("outbox.OutgoingEmail").objects.filter(template__in=CONTENT_EMAILS).exists()


def test_demo_has_the_seed_post_offer_and_a_request(demo):
    post = BlogPost.objects.get(slug=RESOURCE_POST_SLUG)
    assert post.author.name == "Trine Sander" and "Albertslund" in post.author.presentation
    assert post.is_public and post.images.count() == 1
    assert "Max" not in post.body and "2½ time" in post.body
    assert Comment.objects.filter(post=post, status=CommentStatus.PENDING, user__isnull=True).count() == 1
    assert Comment.objects.filter(post=post, status=CommentStatus.PUBLISHED, user__isnull=False).exists()
    assert BlogPost.objects.filter(status=PostStatus.DRAFT).exists()

    offer = Offer.objects.get(slug=DIALOG_OFFER_SLUG)
    assert (
        offer.title == "Dialog i udsatte boligområder" and offer.provider.name == "Tverskov Kommunikation & Udvikling"
    )
    assert set(offer.formats) == {"half_day", "whole_day"} and len(offer.point_list) == 3
    assert Offer.objects.public().count() >= 2
    assert OfferRequest.objects.filter(status=OfferRequestStatus.NEW).exists()
    assert OfferRequest.objects.filter(status=OfferRequestStatus.AGREED, meeting__isnull=True).exists()


def test_demo_pages_answer(client, demo):
    for url in [
        "/",
        "/blog/",
        f"/blog/{RESOURCE_POST_SLUG}/",
        "/blog/atom.xml",
        "/tilbud/",
        f"/tilbud/{DIALOG_OFFER_SLUG}/",
    ]:
        assert client.get(url).status_code == 200, url
    network_page = client.get("/netvaerk/ressourcenetvaerk-naboskab/").content.decode()
    assert "Ressourcenetværk – hvorfor nu det?" in network_page
