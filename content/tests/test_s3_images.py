"""Blog images on a shared S3-compatible store (moto's server mode): public-read, linked from the post."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.enums import PostStatus
from content.models import PostImage
from content.tests.test_admin import _png
from netvaerk.tests.s3support import s3, s3_server  # noqa: F401 - fixtures

from .factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_image_uploaded_in_the_admin_is_public_on_s3_and_shown_in_the_post(
    s3,  # noqa: F811
    consultant_client,
    consultant,
    client,
):
    image_bytes = _png()
    data = {
        "title": "Billeder fra S3",
        "slug": "billeder-fra-s3",
        "author": AuthorFactory(user=consultant).pk,
        "status": PostStatus.PUBLISHED,
        "published_at_0": "21.04.2020",
        "published_at_1": "09.30",
        "teaser": "",
        "body": "Sådan så det ud.\n\n[billede 1]",
        "network": "",
        "comments_open": "on",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-order": "1",
        "images-0-image": SimpleUploadedFile("moede.png", image_bytes, content_type="image/png"),
        "images-0-alt_text": "Deltagere om et bord",
        "images-0-caption": "",
    }
    response = consultant_client.post(reverse("admin:content_blogpost_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = PostImage.objects.get()
    key = f"public/{image.image.name}"
    assert s3.keys() == [key]
    assert (image.width, image.height) == (40, 20)
    assert "READ" in s3.public_grants(key)

    page = client.get(reverse("content:post_detail", args=["billeder-fra-s3"]))
    html = page.content.decode()
    src = re.search(r'<img[^>]+src="([^"]+)"[^>]*alt="Deltagere om et bord"', html).group(1)
    assert src.startswith(f"{s3.server.endpoint}/{s3.name}/public/blog/")
    assert "X-Amz-Signature" not in src  # a plain public URL, not a signed one that expires in cached pages
    assert s3.anonymous_get(src) == (200, image_bytes)
