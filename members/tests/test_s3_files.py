"""Private material and minutes on a shared S3-compatible store (moto's server mode on this machine).

Uploaded through the members' pages, stored with the private ACL under private/,
read only through the permission-checked download views (streamed); no URL of
the store ever reaches a page.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members.models import Material, Minutes
from members.tests.conftest import PDF
from members.tests.factories import VerifiedUserFactory
from netvaerk.tests.s3support import s3, s3_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _pdf(name="dagsorden.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _assert_private_object(s3, key, *pages):  # noqa: F811 - the fixture's value
    assert key.startswith("private/")
    assert s3.read(key) == PDF
    assert s3.public_grants(key) == []
    assert s3.anonymous_get(key) == (403, b"")
    for page in pages:
        # Neither the store's address nor the object's name reaches a page.
        assert s3.server.endpoint not in page and s3.name not in page and key.split("/")[-1] not in page


def test_shared_material_is_private_on_s3_and_only_members_download_it(
    s3,  # noqa: F811
    client,
    member_client,
    member,
    network,
):
    response = member_client.post(
        reverse("members:material", args=[network.slug]),
        {"title": "Dagsorden", "description": "", "meeting": "", "url": "", "file": _pdf()},
    )
    assert response.status_code == 302
    material = Material.objects.get()
    key = f"private/{material.file.name}"
    assert s3.keys() == [key]
    assert not any(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf")), "the file went to the local disk"
    with pytest.raises(ValueError):
        material.file.url  # noqa: B018
    page = member_client.get(reverse("members:material", args=[network.slug])).content.decode()
    _assert_private_object(s3, key, page)

    url = reverse("members:material_download", args=[network.slug, material.pk])
    download = member_client.get(url)
    assert download.status_code == 200
    assert 'attachment; filename="dagsorden.pdf"' in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    assert "Location" not in download  # streamed through the view, no redirect to the store
    assert b"".join(download.streaming_content) == PDF

    client.force_login(VerifiedUserFactory(email="fremmed@example.dk"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert s3.server.endpoint not in client.get(url)["Location"]


def test_minutes_file_on_s3_replaced_and_removed(
    s3,  # noqa: F811
    client,
    network,
    member,
    coordinator,
    django_capture_on_commit_callbacks,
):
    past = MeetingFactory(network=network, past=True)
    client.force_login(coordinator)
    edit = reverse("members:minutes_edit", args=[network.slug, past.code])
    assert client.post(edit, {"text": "v1", "file": _pdf("referat.pdf")}).status_code == 302
    minutes = Minutes.objects.get()
    first = f"private/{minutes.file.name}"
    client.force_login(member)
    page = client.get(reverse("members:minutes", args=[network.slug])).content.decode()
    _assert_private_object(s3, first, page)
    download = reverse("members:minutes_download", args=[network.slug, minutes.pk])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"text": "v2", "file": _pdf("referat2.pdf")})
    minutes.refresh_from_db()
    second = f"private/{minutes.file.name}"
    assert s3.keys() == [second], "the replaced file is deleted from the store"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"text": "v3", "remove_file": "on"})
    assert s3.keys() == []
    assert client.get(download).status_code == 404


def test_an_object_missing_from_the_store_is_not_found(s3, member_client, network, member):  # noqa: F811
    member_client.post(
        reverse("members:material", args=[network.slug]),
        {"title": "Dagsorden", "description": "", "meeting": "", "url": "", "file": _pdf()},
    )
    material = Material.objects.get()
    s3.server.client().delete_object(Bucket=s3.name, Key=f"private/{material.file.name}")
    url = reverse("members:material_download", args=[network.slug, material.pk])
    assert member_client.get(url).status_code == 404


def test_the_admin_links_private_files_to_the_checked_view_only(s3, member_client, client, network, member):  # noqa: F811
    from members.tests.factories import SecretariatUserFactory

    member_client.post(
        reverse("members:material", args=[network.slug]),
        {"title": "Dagsorden", "description": "", "meeting": "", "url": "", "file": _pdf()},
    )
    material = Material.objects.get()
    client.force_login(SecretariatUserFactory())
    page = client.get(reverse("admin:members_material_change", args=[material.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    download = reverse("members:material_download", args=[network.slug, material.pk])
    assert f'href="{download}"' in html
    _assert_private_object(s3, f"private/{material.file.name}", html)
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
