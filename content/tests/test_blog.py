"""The blog's public pages: what visitors see, what stays hidden, and constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.enums import CommentStatus, PostStatus
from members.tests.factories import ProfileFactory, UserFactory
from netvaerk.tests.factories import NetworkFactory

from .factories import AuthorFactory, BlogPostFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_blog_lists_published_posts_newest_first_and_hides_drafts_and_scheduled_posts(client):
    older = BlogPostFactory(
        title="Ressourcenetværk - hvorfor nu det?", published_at=timezone.now() - dt.timedelta(days=30)
    )
    newer = BlogPostFactory(title="Affaldssortering i boligområdet")
    BlogPostFactory(title="Hemmelig kladde", status=PostStatus.DRAFT)
    BlogPostFactory(title="Kommer i morgen", published_at=timezone.now() + dt.timedelta(days=1))

    page = client.get(reverse("content:post_list")).content.decode()

    assert page.index(newer.title) < page.index(older.title)
    assert "Hemmelig kladde" not in page and "Kommer i morgen" not in page


def test_post_page_shows_author_presentation_tags_network_and_body(client):
    profile = ProfileFactory(user=UserFactory(first_name="Trine", last_name="Sander"), job_title="Koordinator")
    author = AuthorFactory(user=profile.user, presentation="Blogger om det boligsociale samarbejde i Albertslund.")
    network = NetworkFactory(name="Ressourcenetværk Naboskab/Trivsel")
    post = BlogPostFactory(author=author, network=network, tags=[TagFactory(name="Helhedsplan")])

    page = client.get(post.get_absolute_url()).content.decode()

    assert "Trine Sander" in page and "Blogger om det boligsociale samarbejde i Albertslund." in page
    assert profile.organisation.name in page and "Koordinator" in page
    assert "Helhedsplan" in page and network.get_absolute_url() in page
    assert "<h2>En overskrift</h2>" in page and "<li>et punkt</li>" in page


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_post_is_404_for_visitors_and_other_members_but_a_preview_for_author_and_staff(consultant, state):
    client = Client()
    if state == "draft":
        post = BlogPostFactory(status=PostStatus.DRAFT)
    else:
        post = BlogPostFactory(published_at=timezone.now() + dt.timedelta(days=2))
    url = post.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(post.author.user)
    assert "preview-banner" in client.get(url).content.decode()

    client.force_login(consultant)
    response = client.get(url)
    assert response.status_code == 200 and "preview-banner" in response.content.decode()


def test_tag_page_lists_only_posts_with_the_tag(client):
    tag = TagFactory(name="Gode møder")
    BlogPostFactory(title="Med emnet", tags=[tag])
    BlogPostFactory(title="Uden emnet")

    page = client.get(tag.get_absolute_url()).content.decode()

    assert "Med emnet" in page and "Uden emnet" not in page
    assert client.get(reverse("content:post_tag", args=["findes-ikke"])).status_code == 404


def test_home_page_and_network_page_list_the_newest_posts(client):
    network = NetworkFactory()
    BlogPostFactory(title="Om netværket", network=network)
    BlogPostFactory(title="Om noget andet")
    BlogPostFactory(title="Kladde om netværket", network=network, status=PostStatus.DRAFT)

    home = client.get("/").content.decode()
    assert "Newest blog posts" in home or "Nyeste" in home
    assert "Om netværket" in home and "Om noget andet" in home and "Kladde om netværket" not in home

    network_page = client.get(network.get_absolute_url()).content.decode()
    assert "Om netværket" in network_page
    assert "Om noget andet" not in network_page and "Kladde om netværket" not in network_page


def test_a_network_without_posts_shows_no_blog_section(client):
    network = NetworkFactory()
    BlogPostFactory(title="Om noget andet")
    assert "latest-posts-heading" not in client.get(network.get_absolute_url()).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _post_with_everything(n):
    post = BlogPostFactory(tags=[TagFactory(name=f"Emne {n}"), TagFactory(name=f"Andet {n}")])
    CommentFactory.create_batch(2, post=post)
    CommentFactory(post=post, status=CommentStatus.PENDING)
    return post


def test_blog_list_query_count_does_not_grow_with_posts(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _post_with_everything(0)
    few = _queries(client, reverse("content:post_list"))
    for n in range(1, 8):
        _post_with_everything(n)
    assert _queries(client, reverse("content:post_list")) == few


def test_post_page_query_count_does_not_grow_with_comments_or_tags(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    post = _post_with_everything(0)
    few = _queries(client, post.get_absolute_url())
    CommentFactory.create_batch(10, post=post)
    post.tags.add(*[TagFactory(name=f"Ekstra {n}") for n in range(5)])
    for n in range(1, 6):
        _post_with_everything(n)
    assert _queries(client, post.get_absolute_url()) == few


def test_home_page_query_count_does_not_grow_with_posts(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _post_with_everything(0)
    few = _queries(client, "/")
    for n in range(1, 6):
        _post_with_everything(n)
    assert _queries(client, "/") == few


def test_an_author_who_deletes_the_account_leaves_the_posts_without_a_name(client):
    from members.privacy import member_account_delete

    post = BlogPostFactory(author__user__first_name="Trine", author__user__last_name="Sander")
    comment = CommentFactory(post=post, user=UserFactory(first_name="Maja", last_name="Nørgaard"), name="", email="")
    member_account_delete(user=post.author.user)
    member_account_delete(user=comment.user)

    page = client.get(post.get_absolute_url()).content.decode()
    assert "Trine Sander" not in page and "Maja Nørgaard" not in page
    assert post.title in page and comment.body in page
