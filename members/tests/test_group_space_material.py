"""The group space's material (files and links) and minutes: shared, checked, replaced, removed."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members import group_space, services
from members.models import Material, Minutes
from members.tests.conftest import PDF, PNG
from members.tests.factories import (
    MembershipFactory,
    VerifiedUserFactory,
)
from members.tests.group_support import pdf_upload, share_file

pytestmark = pytest.mark.django_db


# --- Material ---------------------------------------------------------------------------------------


def test_member_shares_a_file_and_members_download_it(member_client, network, member):
    meeting = MeetingFactory(network=network)
    response = share_file(member_client, network, meeting=meeting.pk)
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
    response = share_file(member_client, network, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    if message:
        assert message in response.content.decode()
    assert not Material.objects.exists()


def test_files_over_the_size_limit_are_refused(member_client, network, settings):
    settings.MEMBERS_UPLOAD_MAX_BYTES = 1024
    response = share_file(member_client, network, file=pdf_upload(content=PDF + b"0" * 2048))
    assert response.status_code == 400
    assert not Material.objects.exists()


def test_a_png_image_is_accepted(member_client, network):
    assert share_file(member_client, network, file=SimpleUploadedFile("foto.PNG", PNG)).status_code == 302
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
    assert share_file(member_client, network, url="https://cfbu.example/").status_code == 400
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
    share_file(client, network)
    material = Material.objects.get()
    path = Path(material.file.path)
    client.force_login(other)
    assert client.post(reverse("members:material_delete", args=[network.slug, material.pk])).status_code == 403
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("members:material_delete", args=[network.slug, material.pk])).status_code == 302
    assert not Material.objects.exists()
    assert not path.exists()


# --- Minutes ---------------------------------------------------------------------------------------------------


def test_coordinator_writes_minutes_with_a_file_and_members_read_them(client, network, member, coordinator):
    past = MeetingFactory(network=network, past=True)
    client.force_login(coordinator)
    url = reverse("members:minutes_edit", args=[network.slug, past.code])
    response = client.post(url, {"text": "Vi talte om ungeråd.", "file": pdf_upload("referat.pdf")})
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
    client.post(url, {"text": "v1", "file": pdf_upload("a.pdf")})
    first = Path(Minutes.objects.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "v2", "remove_file": "on"})
    minutes = Minutes.objects.get()
    assert not minutes.file and not first.exists()
    assert client.get(reverse("members:minutes_download", args=[network.slug, minutes.pk])).status_code == 404
