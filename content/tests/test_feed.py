"""The blog's Atom feed, read as XML the way a feed reader does."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from content.enums import PostStatus

from .factories import BlogPostFactory, TagFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def read_feed(client):
    response = client.get(reverse("content:post_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_lists_public_posts_newest_first_with_author_tags_and_content(client):
    BlogPostFactory(title="Ældre indlæg", published_at=timezone.now() - dt.timedelta(days=20))
    BlogPostFactory(
        title="Ressourcenetværk – hvorfor nu det?",
        slug="ressourcenetvaerk-hvorfor-nu-det",
        teaser="Tre netværk i stedet for ét.",
        body="Vi startede med **the why**.\n\n<script>alert(1)</script>",
        tags=[TagFactory(name="Ressourcenetværk")],
        author__user__first_name="Trine",
        author__user__last_name="Sander",
    )
    BlogPostFactory(title="Kladde", status=PostStatus.DRAFT)
    BlogPostFactory(title="Fremtidig", published_at=timezone.now() + dt.timedelta(hours=2))

    feed = read_feed(client)

    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["Ressourcenetværk – hvorfor nu det?", "Ældre indlæg"]
    newest = entries[0]
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "Trine Sander"
    assert newest.findtext(f"{ATOM}summary") == "Tre netværk i stedet for ét."
    assert [c.get("term") for c in newest.findall(f"{ATOM}category")] == ["Ressourcenetværk"]
    link = newest.find(f"{ATOM}link").get("href")
    assert link.startswith("http") and link.endswith("/blog/ressourcenetvaerk-hvorfor-nu-det/")
    content = newest.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<strong>the why</strong>" in content.text  # HTML, escaped once inside the XML
    assert "<script>" not in content.text and "&lt;script&gt;" in content.text
    assert newest.findtext(f"{ATOM}published") and newest.findtext(f"{ATOM}updated")


def test_blog_pages_announce_the_feed(client):
    post = BlogPostFactory()
    for url in (reverse("content:post_list"), post.get_absolute_url()):
        assert 'type="application/atom+xml"' in client.get(url).content.decode()
