"""The group space's board (posts, replies, emails, pinning) and the member directory."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members import group_space
from members.models import BoardPost, Minutes
from members.tests.factories import (
    BoardPostFactory,
    LinkMaterialFactory,
    MembershipFactory,
    ProfileFactory,
    UserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


# --- Board --------------------------------------------------------------------------------------------


def test_member_posts_and_replies(member_client, network, member):
    response = member_client.post(
        reverse("members:board", args=[network.slug]), {"title": "Ungeråd", "body": "Hvordan?"}
    )
    assert response.status_code == 302
    post = BoardPost.objects.get()
    assert (post.author, post.network, post.parent) == (member, network, None)
    response = member_client.post(
        reverse("members:board_post_detail", args=[network.slug, post.pk]), {"body": "Sådan her."}
    )
    assert response.status_code == 302
    reply = BoardPost.objects.get(parent=post)
    html = member_client.get(reverse("members:board_post_detail", args=[network.slug, post.pk])).content.decode()
    assert "Sådan her." in html
    assert reply.author == member


def test_an_empty_post_is_refused(member_client, network):
    response = member_client.post(reverse("members:board", args=[network.slug]), {"title": "", "body": ""})
    assert response.status_code == 400
    assert not BoardPost.objects.exists()


def test_members_who_opted_in_get_an_email_about_new_posts(client, network, member, django_capture_on_commit_callbacks):
    quiet = VerifiedUserFactory(email="stille@example.dk")
    MembershipFactory(network=network, user=quiet, notify_new_posts=False)
    left = VerifiedUserFactory(email="gaaet@example.dk")
    MembershipFactory(network=network, user=left, notify_new_posts=True, status="left")
    author = VerifiedUserFactory(email="forfatter@example.dk")
    MembershipFactory(network=network, user=author, notify_new_posts=True)
    client.force_login(member)
    response = client.post(reverse("members:notifications", args=[network.slug]), {"notify_new_posts": "on"})
    assert response.status_code == 302
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            reverse("members:board", args=[network.slug]), {"title": "Møde i Tingbjerg", "body": "Kom og vær med!"}
        )
    assert len(callbacks) == 2  # queued after commit: the members task, then the outbox's send
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert "Møde i Tingbjerg" in message.subject
    assert "Kom og vær med!" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    # Replies do not send emails.
    post = BoardPost.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:board_post_detail", args=[network.slug, post.pk]), {"body": "Svar"})
    assert len(mail.outbox) == 1


def test_no_email_when_the_post_is_rolled_back(network, member):
    from django.db import transaction

    MembershipFactory(network=network, user=VerifiedUserFactory(), notify_new_posts=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        group_space.board_post_create(network=network, author=member, body="Ups")
        raise RuntimeError
    assert mail.outbox == []


def test_coordinator_pins_and_removes_posts_members_cannot(client, network, member, coordinator):
    post = BoardPostFactory(network=network, author=VerifiedUserFactory(), title="Andens opslag")
    client.force_login(member)
    assert client.post(reverse("members:board_post_pin", args=[network.slug, post.pk])).status_code == 403
    assert client.post(reverse("members:board_post_remove", args=[network.slug, post.pk])).status_code == 403
    client.force_login(coordinator)
    client.post(reverse("members:board_post_pin", args=[network.slug, post.pk]))
    post.refresh_from_db()
    assert post.is_pinned
    newer = BoardPostFactory(network=network, author=member, title="Nyere")
    board = client.get(reverse("members:board", args=[network.slug]))
    assert [p.pk for p in board.context["posts"]] == [post.pk, newer.pk]
    client.post(reverse("members:board_post_remove", args=[network.slug, post.pk]))
    post.refresh_from_db()
    assert post.is_removed and not post.is_pinned
    assert "Andens opslag" not in client.get(reverse("members:board", args=[network.slug])).content.decode()
    assert client.get(reverse("members:board_post_detail", args=[network.slug, post.pk])).status_code == 404


def test_authors_remove_their_own_posts(member_client, network, member):
    post = BoardPostFactory(network=network, author=member)
    assert member_client.post(reverse("members:board_post_remove", args=[network.slug, post.pk])).status_code == 302
    post.refresh_from_db()
    assert post.is_removed


# --- Directory ---------------------------------------------------------------------------------------------


def test_directory_shows_only_consenting_active_members_with_contact_details(member_client, network, member):
    hidden = UserFactory(email="skjult@example.dk")
    ProfileFactory(user=hidden, directory_consent=False)
    MembershipFactory(network=network, user=hidden)
    asked = UserFactory(email="spurgt@example.dk")
    ProfileFactory(user=asked)
    MembershipFactory(network=network, user=asked, status="requested")
    response = member_client.get(reverse("members:directory", args=[network.slug]))
    html = response.content.decode()
    assert member.email in html and "22 33 44 55" in html
    assert member.member_profile.organisation.name in html
    assert "skjult@example.dk" not in html
    assert "spurgt@example.dk" not in html


def test_directory_is_shown_in_pages(member_client, network, member):
    from members.views_group import DIRECTORY_PAGE_SIZE

    for n in range(DIRECTORY_PAGE_SIZE):
        user = UserFactory(email=f"medlem{n:03}@example.dk", first_name="Åse", last_name=f"{n:03}")
        ProfileFactory(user=user)
        MembershipFactory(network=network, user=user)
    url = reverse("members:directory", args=[network.slug])

    first, second = member_client.get(url), member_client.get(url, {"side": 2})
    shown = [m.user.email for m in first.context["members"]] + [m.user.email for m in second.context["members"]]
    assert len(first.context["members"]) == DIRECTORY_PAGE_SIZE and len(second.context["members"]) == 1
    assert sorted(shown) == sorted([member.email] + [f"medlem{n:03}@example.dk" for n in range(DIRECTORY_PAGE_SIZE)])
    assert "?side=2" in first.content.decode() and "1 / 2" in first.content.decode()


def test_directory_and_board_queries_do_not_grow_with_the_data(member_client, network):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(url).status_code == 200
        return len(queries)

    directory = reverse("members:directory", args=[network.slug])
    board = reverse("members:board", args=[network.slug])
    material = reverse("members:material", args=[network.slug])
    minutes = reverse("members:minutes", args=[network.slug])

    def add(n):
        for _ in range(n):
            user = UserFactory()
            ProfileFactory(user=user)
            MembershipFactory(network=network, user=user)
            post = BoardPostFactory(network=network, author=user)
            BoardPostFactory(network=network, author=user, parent=post, title="")
            LinkMaterialFactory(network=network, uploaded_by=user, meeting=MeetingFactory(network=network))
            Minutes.objects.create(meeting=MeetingFactory(network=network, past=True), text="Referat")

    add(2)
    before = [count(url) for url in (directory, board, material, minutes)]
    add(8)
    after = [count(url) for url in (directory, board, material, minutes)]
    assert after == before
