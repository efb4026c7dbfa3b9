"""The blog's and the offers' admin pages read the same number of queries for 1 row as for 10
(README "Data scale": authors and providers are named by a related row, which every list of them
once read one by one)."""

import pytest

from content.enums import CommentStatus
from content.tests.factories import AuthorFactory, BlogPostFactory, CommentFactory, OfferFactory, TagFactory
from members.tests.factories import UserFactory
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.support import page_queries

pytestmark = pytest.mark.django_db

OFFERS = "/admin/content/offer/"
POSTS = "/admin/content/blogpost/"
AUTOCOMPLETE = "/admin/autocomplete/"


def _same_for_1_and_10(client, make, url, params=None):
    make()
    one = page_queries(client, url, params)
    for _ in range(9):
        make()
    assert page_queries(client, url, params) == one


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "Temadag"}, {"status__exact": "published"}, {"kind__exact": "theme_day"}],
    ids=["list", "search", "status filter", "kind filter"],
)
def test_offer_list_and_its_filters_read_as_many_queries_for_10_providers_as_for_1(admin_client, params):
    # Each offer has its own provider: the provider filter lists them all, each named by its organisation.
    _same_for_1_and_10(admin_client, OfferFactory, OFFERS, params)


def test_offer_provider_autocomplete_reads_as_many_queries_for_10_providers_as_for_1(admin_client):
    params = {"app_label": "content", "model_name": "offer", "field_name": "provider"}
    _same_for_1_and_10(admin_client, OfferFactory, AUTOCOMPLETE, params)


def test_offer_provider_filter_names_every_provider(admin_client):
    offers = [OfferFactory() for _ in range(3)]
    response = admin_client.get(OFFERS)
    changelist = response.context["cl"]
    spec = next(spec for spec in changelist.filter_specs if spec.field_path == "provider")
    names = [str(choice["display"]) for choice in spec.choices(changelist)][1:]
    assert sorted(names) == sorted(offer.provider.organisation.name for offer in offers)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "Blogindlæg"}, {"status__exact": "published"}, {"published_at__year": "2026"}],
    ids=["list", "search", "status filter", "date hierarchy"],
)
def test_post_list_filters_and_date_hierarchy_read_as_many_queries_for_10_authors_as_for_1(admin_client, params):
    network = NetworkFactory()
    tag = TagFactory()

    def post():
        return BlogPostFactory(network=network, tags=[tag])

    _same_for_1_and_10(admin_client, post, POSTS, params)


def test_post_author_autocomplete_reads_as_many_queries_for_10_authors_as_for_1(admin_client):
    params = {"app_label": "content", "model_name": "blogpost", "field_name": "author"}
    _same_for_1_and_10(admin_client, AuthorFactory, AUTOCOMPLETE, params)


def test_post_author_autocomplete_finds_the_member_by_name(admin_client):
    AuthorFactory(user=UserFactory(first_name="Gurli", last_name="Hansen"))
    AuthorFactory(user=UserFactory(first_name="Bo", last_name="Dam"))
    params = {"app_label": "content", "model_name": "blogpost", "field_name": "author", "term": "gurli"}
    results = admin_client.get(AUTOCOMPLETE, params).json()["results"]
    assert [result["text"] for result in results] == ["Gurli Hansen"]


def test_post_change_form_reads_as_many_queries_whoever_wrote_it(admin_client):
    # A former member's post (no user) with one tag and a member's post with three. (A network, when
    # chosen, costs its widget one query, like every chosen value of an autocomplete field.)
    network = NetworkFactory()
    former = BlogPostFactory(author=AuthorFactory(user=None), network=network, tags=[TagFactory()])
    member = BlogPostFactory(network=network, tags=[TagFactory(), TagFactory(), TagFactory()])
    assert page_queries(admin_client, f"{POSTS}{former.pk}/change/") == page_queries(
        admin_client, f"{POSTS}{member.pk}/change/"
    )


def test_comment_change_form_reads_as_many_queries_for_a_guest_as_for_a_moderated_member(admin_client):
    guest = CommentFactory(status=CommentStatus.PENDING)
    member = CommentFactory(user=UserFactory(), name="", email="", moderated_by=UserFactory())
    url = "/admin/content/comment/{}/change/"
    assert page_queries(admin_client, url.format(guest.pk)) == page_queries(admin_client, url.format(member.pk))
