"""The closed group space: who sees what, files behind a permission check, board, material, minutes."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members import group_space, services
from members.models import Material, Minutes, Post
from members.tests.conftest import PDF, PNG
from members.tests.factories import (
    LinkMaterialFactory,
    MembershipFactory,
    PostFactory,
    ProfileFactory,
    UserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


def _pdf(name="dagsorden.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _share_file(client, network, **extra):
    data = {"title": "Dagsorden", "description": "", "meeting": "", "url": "", "file": _pdf(), **extra}
    return client.post(reverse("members:material", args=[network.slug]), data)


def _group_urls(network, *, material=None, minutes=None, post=None):
    slug = network.slug
    urls = [
        reverse("members:group", args=[slug]),
        reverse("members:board", args=[slug]),
        reverse("members:directory", args=[slug]),
        reverse("members:material", args=[slug]),
        reverse("members:minutes", args=[slug]),
    ]
    if post:
        urls.append(reverse("members:post_detail", args=[slug, post.pk]))
    if material:
        urls.append(reverse("members:material_download", args=[slug, material.pk]))
    if minutes:
        urls.append(reverse("members:minutes_download", args=[slug, minutes.pk]))
    return urls


@pytest.fixture
def network_b(other_network, member_client):
    """Network B with a member, a post, a file and minutes - none of it the member's business."""
    outsider = VerifiedUserFactory(email="b-medlem@example.dk")
    ProfileFactory(user=outsider)
    MembershipFactory(network=other_network, user=outsider)
    post = PostFactory(network=other_network, author=outsider, title="Hemmeligt opslag i B")
    material = group_space.material_add(
        network=other_network, by=outsider, title="B-fil", upload=_pdf("b.pdf"), content_type="application/pdf"
    )
    past = MeetingFactory(network=other_network, past=True)
    minutes = Minutes.objects.create(meeting=past, text="Referat B")
    minutes.file.save("referat.pdf", _pdf("referat.pdf"))
    return {"network": other_network, "post": post, "material": material, "minutes": minutes, "outsider": outsider}


# --- Refusals ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_login_everywhere(client, network_b):
    for url in [
        *_group_urls(
            network_b["network"], material=network_b["material"], minutes=network_b["minutes"], post=network_b["post"]
        ),
        reverse("members:home"),
        reverse("members:registrations"),
        reverse("members:profile"),
        reverse("members:privacy"),
        reverse("members:data_export"),
        reverse("members:account_delete"),
    ]:
        client.logout()
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login") + "?next="), url


def test_member_of_network_a_sees_nothing_of_network_b(member_client, network, network_b):
    b = network_b["network"]
    for url in _group_urls(b, post=network_b["post"]):
        response = member_client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert "Hemmeligt opslag" not in html and "b-medlem@example.dk" not in html and "B-fil" not in html
    # Files of B: not found, whether asked under B's address or smuggled in under A's.
    for url in [
        reverse("members:material_download", args=[b.slug, network_b["material"].pk]),
        reverse("members:minutes_download", args=[b.slug, network_b["minutes"].pk]),
        reverse("members:material_download", args=[network.slug, network_b["material"].pk]),
        reverse("members:minutes_download", args=[network.slug, network_b["minutes"].pk]),
    ]:
        assert member_client.get(url).status_code == 404, url
    # Nor can they write in B: post, reply, pin, remove, share, delete.
    assert member_client.post(reverse("members:board", args=[b.slug]), {"body": "Hej"}).status_code == 403
    assert (
        member_client.post(
            reverse("members:post_detail", args=[b.slug, network_b["post"].pk]), {"body": "Hej"}
        ).status_code
        == 403
    )
    assert member_client.post(reverse("members:post_pin", args=[b.slug, network_b["post"].pk])).status_code == 403
    assert member_client.post(reverse("members:post_remove", args=[b.slug, network_b["post"].pk])).status_code == 403
    assert (
        member_client.post(reverse("members:post_remove", args=[network.slug, network_b["post"].pk])).status_code == 404
    )
    assert _share_file(member_client, b).status_code == 403
    assert (
        member_client.post(reverse("members:material_delete", args=[b.slug, network_b["material"].pk])).status_code
        == 404
    )
    assert Post.objects.filter(network=b).count() == 1
    assert Material.objects.filter(network=b).count() == 1


def test_a_file_link_does_not_work_for_someone_who_is_not_a_member(client, network, member_client, member):
    _share_file(member_client, network)
    material = Material.objects.get()
    url = reverse("members:material_download", args=[network.slug, material.pk])
    assert member_client.get(url).status_code == 200
    client.force_login(VerifiedUserFactory(email="fremmed@example.dk"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_file_ids_are_random_uuids_and_files_have_no_public_url(member_client, network, member):
    _share_file(member_client, network)
    _share_file(member_client, network, title="Anden", file=_pdf("anden.pdf"))
    first, second = Material.objects.order_by("created_at")
    assert isinstance(first.pk, uuid.UUID) and first.pk.version == 4
    assert first.pk != second.pk
    # Stored under a random name outside MEDIA_ROOT; no URL can be made for it.
    stored = Path(first.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "dagsorden" not in stored.name
    assert len(stored.stem) == 32
    with pytest.raises(ValueError):
        first.file.url  # noqa: B018
    page = member_client.get(reverse("members:material", args=[network.slug])).content.decode()
    assert settings.MEDIA_URL not in page
    assert str(first.pk) in page
    # A guessed id is just not found.
    assert member_client.get(reverse("members:material_download", args=[network.slug, uuid.uuid4()])).status_code == 404
    assert member_client.get(f"/netvaerk/{network.slug}/gruppe/materiale/1/hent/").status_code == 404


def test_its_consultants_and_the_coordinator_see_the_group_space_without_membership(client, network, coordinator):
    from members.tests.factories import ConsultantFactory, SecretariatUserFactory

    board = reverse("members:board", args=[network.slug])
    consultant = ConsultantFactory()
    client.force_login(consultant)
    # A consultant of another network is an outsider here (the access policy) ...
    assert client.get(board).status_code == 403
    # ... the network's own consultant and the secretariat are not.
    network.working_group.add(consultant)
    assert client.get(board).status_code == 200
    client.force_login(SecretariatUserFactory())
    assert client.get(board).status_code == 200
    client.force_login(coordinator)
    assert client.get(reverse("members:requests", args=[network.slug])).status_code == 200


# --- Material ---------------------------------------------------------------------------------------


def test_member_shares_a_file_and_members_download_it(member_client, network, member):
    meeting = MeetingFactory(network=network)
    response = _share_file(member_client, network, meeting=meeting.pk)
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.meeting, material.uploaded_by, material.original_name) == (meeting, member, "dagsorden.pdf")
    response = member_client.get(reverse("members:material_download", args=[network.slug, material.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="dagsorden.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "PDF"),
        ("falsk.pdf", b"MZ\x90\x00not a pdf", ".pdf"),
        ("tom.pdf", b"", None),
        ("billede.png", PDF, ".png"),
    ],
)
def test_files_of_the_wrong_type_or_content_are_refused(member_client, network, name, content, message):
    response = _share_file(member_client, network, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    if message:
        assert message in response.content.decode()
    assert not Material.objects.exists()


def test_files_over_the_size_limit_are_refused(member_client, network, settings):
    settings.MEMBERS_UPLOAD_MAX_BYTES = 1024
    response = _share_file(member_client, network, file=_pdf(content=PDF + b"0" * 2048))
    assert response.status_code == 400
    assert not Material.objects.exists()


def test_a_png_image_is_accepted(member_client, network):
    assert _share_file(member_client, network, file=SimpleUploadedFile("foto.PNG", PNG)).status_code == 302
    assert Material.objects.get().content_type == "image/png"


def test_member_shares_a_link(member_client, network):
    response = member_client.post(
        reverse("members:material", args=[network.slug]),
        {"title": "CFBU-rapport", "url": "https://cfbu.example/rapport", "meeting": ""},
    )
    assert response.status_code == 302
    assert Material.objects.get().kind == "link"
    html = member_client.get(reverse("members:material", args=[network.slug])).content.decode()
    assert 'href="https://cfbu.example/rapport"' in html


def test_material_needs_a_file_or_a_link_but_not_both(member_client, network):
    assert member_client.post(reverse("members:material", args=[network.slug]), {"title": "Tom"}).status_code == 400
    assert _share_file(member_client, network, url="https://cfbu.example/").status_code == 400
    assert not Material.objects.exists()


def test_material_cannot_name_a_meeting_of_another_network(member, network, other_network):
    with pytest.raises(services.MembersError):
        group_space.material_add(
            network=network,
            by=member,
            title="X",
            url="https://x.example/",
            meeting=MeetingFactory(network=other_network),
        )


def test_only_the_sharer_or_the_coordinator_deletes_material(
    client, network, member, coordinator, django_capture_on_commit_callbacks
):
    other = VerifiedUserFactory()
    MembershipFactory(network=network, user=other)
    client.force_login(member)
    _share_file(client, network)
    material = Material.objects.get()
    path = Path(material.file.path)
    client.force_login(other)
    assert client.post(reverse("members:material_delete", args=[network.slug, material.pk])).status_code == 403
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("members:material_delete", args=[network.slug, material.pk])).status_code == 302
    assert not Material.objects.exists()
    assert not path.exists()


# --- Board --------------------------------------------------------------------------------------------


def test_member_posts_and_replies(member_client, network, member):
    response = member_client.post(
        reverse("members:board", args=[network.slug]), {"title": "Ungeråd", "body": "Hvordan?"}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.author, post.network, post.parent) == (member, network, None)
    response = member_client.post(reverse("members:post_detail", args=[network.slug, post.pk]), {"body": "Sådan her."})
    assert response.status_code == 302
    reply = Post.objects.get(parent=post)
    html = member_client.get(reverse("members:post_detail", args=[network.slug, post.pk])).content.decode()
    assert "Sådan her." in html
    assert reply.author == member


def test_an_empty_post_is_refused(member_client, network):
    response = member_client.post(reverse("members:board", args=[network.slug]), {"title": "", "body": ""})
    assert response.status_code == 400
    assert not Post.objects.exists()


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
    post = Post.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:post_detail", args=[network.slug, post.pk]), {"body": "Svar"})
    assert len(mail.outbox) == 1


def test_no_email_when_the_post_is_rolled_back(network, member):
    from django.db import transaction

    MembershipFactory(network=network, user=VerifiedUserFactory(), notify_new_posts=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        group_space.post_create(network=network, author=member, body="Ups")
        raise RuntimeError
    assert mail.outbox == []


def test_coordinator_pins_and_removes_posts_members_cannot(client, network, member, coordinator):
    post = PostFactory(network=network, author=VerifiedUserFactory(), title="Andens opslag")
    client.force_login(member)
    assert client.post(reverse("members:post_pin", args=[network.slug, post.pk])).status_code == 403
    assert client.post(reverse("members:post_remove", args=[network.slug, post.pk])).status_code == 403
    client.force_login(coordinator)
    client.post(reverse("members:post_pin", args=[network.slug, post.pk]))
    post.refresh_from_db()
    assert post.is_pinned
    newer = PostFactory(network=network, author=member, title="Nyere")
    board = client.get(reverse("members:board", args=[network.slug]))
    assert [p.pk for p in board.context["posts"]] == [post.pk, newer.pk]
    client.post(reverse("members:post_remove", args=[network.slug, post.pk]))
    post.refresh_from_db()
    assert post.is_removed and not post.is_pinned
    assert "Andens opslag" not in client.get(reverse("members:board", args=[network.slug])).content.decode()
    assert client.get(reverse("members:post_detail", args=[network.slug, post.pk])).status_code == 404


def test_authors_remove_their_own_posts(member_client, network, member):
    post = PostFactory(network=network, author=member)
    assert member_client.post(reverse("members:post_remove", args=[network.slug, post.pk])).status_code == 302
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
            post = PostFactory(network=network, author=user)
            PostFactory(network=network, author=user, parent=post, title="")
            LinkMaterialFactory(network=network, uploaded_by=user, meeting=MeetingFactory(network=network))
            Minutes.objects.create(meeting=MeetingFactory(network=network, past=True), text="Referat")

    add(2)
    before = [count(url) for url in (directory, board, material, minutes)]
    add(8)
    after = [count(url) for url in (directory, board, material, minutes)]
    assert after == before


# --- Minutes ---------------------------------------------------------------------------------------------------


def test_coordinator_writes_minutes_with_a_file_and_members_read_them(client, network, member, coordinator):
    past = MeetingFactory(network=network, past=True)
    client.force_login(coordinator)
    url = reverse("members:minutes_edit", args=[network.slug, past.code])
    response = client.post(url, {"text": "Vi talte om ungeråd.", "file": _pdf("referat.pdf")})
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=past)
    assert minutes.written_by == coordinator
    client.force_login(member)
    html = client.get(reverse("members:minutes", args=[network.slug])).content.decode()
    assert "Vi talte om ungeråd." in html
    download = client.get(reverse("members:minutes_download", args=[network.slug, minutes.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # Members read, but do not write.
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Mit eget referat"}).status_code == 403
    minutes.refresh_from_db()
    assert minutes.text == "Vi talte om ungeråd."


def test_minutes_only_for_past_meetings_of_the_network(client, network, other_network, coordinator):
    client.force_login(coordinator)
    upcoming = MeetingFactory(network=network)
    assert client.get(reverse("members:minutes_edit", args=[network.slug, upcoming.code])).status_code == 404
    foreign = MeetingFactory(network=other_network, past=True)
    assert client.get(reverse("members:minutes_edit", args=[network.slug, foreign.code])).status_code == 404
    with pytest.raises(services.MembersError):
        group_space.minutes_save(meeting=upcoming, by=coordinator, text="For tidligt")
    assert not Minutes.objects.exists()


def test_minutes_file_can_be_replaced_and_removed(client, network, coordinator, django_capture_on_commit_callbacks):
    past = MeetingFactory(network=network, past=True)
    client.force_login(coordinator)
    url = reverse("members:minutes_edit", args=[network.slug, past.code])
    client.post(url, {"text": "v1", "file": _pdf("a.pdf")})
    first = Path(Minutes.objects.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "v2", "remove_file": "on"})
    minutes = Minutes.objects.get()
    assert not minutes.file and not first.exists()
    assert client.get(reverse("members:minutes_download", args=[network.slug, minutes.pk])).status_code == 404


def test_a_thousand_random_file_ids_find_nothing(member_client, network):
    _share_file(member_client, network)
    for _ in range(500):
        assert (
            member_client.get(reverse("members:material_download", args=[network.slug, uuid.uuid4()])).status_code
            == 404
        )
        assert (
            member_client.get(reverse("members:minutes_download", args=[network.slug, uuid.uuid4()])).status_code == 404
        )
