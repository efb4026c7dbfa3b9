"""The closed group space: who sees what, and files behind a permission check (refusals)."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members import group_space
from members.models import BoardPost, Material, Minutes
from members.tests.factories import (
    BoardPostFactory,
    MembershipFactory,
    ProfileFactory,
    VerifiedUserFactory,
)
from members.tests.group_support import pdf_upload, share_file

pytestmark = pytest.mark.django_db


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
        urls.append(reverse("members:board_post_detail", args=[slug, post.pk]))
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
    post = BoardPostFactory(network=other_network, author=outsider, title="Hemmeligt opslag i B")
    material = group_space.material_add(
        network=other_network, by=outsider, title="B-fil", upload=pdf_upload("b.pdf"), content_type="application/pdf"
    )
    past = MeetingFactory(network=other_network, past=True)
    minutes = Minutes.objects.create(meeting=past, text="Referat B")
    minutes.file.save("referat.pdf", pdf_upload("referat.pdf"))
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
            reverse("members:board_post_detail", args=[b.slug, network_b["post"].pk]), {"body": "Hej"}
        ).status_code
        == 403
    )
    assert member_client.post(reverse("members:board_post_pin", args=[b.slug, network_b["post"].pk])).status_code == 403
    assert (
        member_client.post(reverse("members:board_post_remove", args=[b.slug, network_b["post"].pk])).status_code == 403
    )
    assert (
        member_client.post(reverse("members:board_post_remove", args=[network.slug, network_b["post"].pk])).status_code
        == 404
    )
    assert share_file(member_client, b).status_code == 403
    assert (
        member_client.post(reverse("members:material_delete", args=[b.slug, network_b["material"].pk])).status_code
        == 404
    )
    assert BoardPost.objects.filter(network=b).count() == 1
    assert Material.objects.filter(network=b).count() == 1


def test_a_file_link_does_not_work_for_someone_who_is_not_a_member(client, network, member_client, member):
    share_file(member_client, network)
    material = Material.objects.get()
    url = reverse("members:material_download", args=[network.slug, material.pk])
    assert member_client.get(url).status_code == 200
    client.force_login(VerifiedUserFactory(email="fremmed@example.dk"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_file_ids_are_random_uuids_and_files_have_no_public_url(member_client, network, member):
    share_file(member_client, network)
    share_file(member_client, network, title="Anden", file=pdf_upload("anden.pdf"))
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


def test_a_thousand_random_file_ids_find_nothing(member_client, network):
    share_file(member_client, network)
    for _ in range(500):
        assert (
            member_client.get(reverse("members:material_download", args=[network.slug, uuid.uuid4()])).status_code
            == 404
        )
        assert (
            member_client.get(reverse("members:minutes_download", args=[network.slug, uuid.uuid4()])).status_code == 404
        )
