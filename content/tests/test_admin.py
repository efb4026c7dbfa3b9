"""The consultants' admin for the blog and the offers: every page opens, the preview shows the text."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.enums import PostStatus
from content.models import BlogPost, PostImage

from .factories import (
    AuthorFactory,
    BlogPostFactory,
    CommentFactory,
    OfferFactory,
    OfferRequestFactory,
    ProviderFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "tag": TagFactory,
    "author": AuthorFactory,
    "blogpost": BlogPostFactory,
    "comment": CommentFactory,
    "provider": ProviderFactory,
    "offer": OfferFactory,
    "offerrequest": OfferRequestFactory,
}
MODELS = sorted(model._meta.model_name for model in admin.site._registry if model._meta.app_label == "content")


def test_admin_walk_covers_every_registered_content_model():
    assert set(MODELS) == set(FACTORIES)


@pytest.mark.parametrize("model_name", MODELS)
def test_admin_pages_open_for_consultant(consultant_client, model_name):
    obj = FACTORIES[model_name]()
    urls = [
        reverse(f"admin:content_{model_name}_changelist"),
        reverse(f"admin:content_{model_name}_changelist") + "?q=a",
        reverse(f"admin:content_{model_name}_change", args=[obj.pk]),
        reverse(f"admin:content_{model_name}_history", args=[obj.pk]),
    ]
    if model_name not in ("comment", "offerrequest"):  # these come from the public site only
        urls.append(reverse(f"admin:content_{model_name}_add"))
    for url in urls:
        assert consultant_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [
        (model._meta.model_name, field)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "content"
        for field in model_admin.autocomplete_fields
    ],
)
def test_admin_autocomplete_answers_consultant(consultant_client, model_name, field_name):
    BlogPostFactory()
    OfferFactory()
    response = consultant_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "content", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#0b4f5c").save(buffer, format="PNG")
    return buffer.getvalue()


def test_consultant_writes_a_draft_with_an_image_and_sees_the_preview(consultant_client, consultant):
    author = AuthorFactory(user=consultant)
    tag = TagFactory(name="Gode møder")
    data = {
        "title": "Sådan holder vi gode møder",
        "slug": "saadan-holder-vi-gode-moeder",
        "author": author.pk,
        "status": PostStatus.DRAFT,
        "published_at_0": "21.04.2026",
        "published_at_1": "09.30",
        "teaser": "",
        "body": "Start med **the why**.\n\n[billede 1]\n\n- Mad\n- Pauser",
        "tags": [tag.pk],
        "network": "",
        "comments_open": "on",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-order": "1",
        "images-0-image": SimpleUploadedFile("moede.png", _png(), content_type="image/png"),
        "images-0-alt_text": "Deltagere om et bord",
        "images-0-caption": "",
        "_continue": "1",
    }
    response = consultant_client.post(reverse("admin:content_blogpost_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    post = BlogPost.objects.get()
    image = PostImage.objects.get()
    assert (image.width, image.height) == (40, 20) and image.image.name.startswith("blog/")

    change = consultant_client.get(reverse("admin:content_blogpost_change", args=[post.pk])).content.decode()
    assert "<strong>the why</strong>" in change and image.image.url in change  # the preview
    preview = consultant_client.get(post.get_absolute_url())
    assert preview.status_code == 200 and 'alt="Deltagere om et bord"' in preview.content.decode()


def test_image_upload_refuses_other_files(consultant_client, consultant):
    author = AuthorFactory(user=consultant)
    response = consultant_client.post(
        reverse("admin:content_blogpost_add"),
        {
            "title": "Med SVG",
            "slug": "med-svg",
            "author": author.pk,
            "status": PostStatus.DRAFT,
            "published_at_0": "21.04.2026",
            "published_at_1": "09.30",
            "body": "Tekst",
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
            "images-0-order": "1",
            "images-0-image": SimpleUploadedFile("x.svg", b"<svg onload='alert(1)'/>", content_type="image/svg+xml"),
            "images-0-alt_text": "Et billede",
        },
    )
    assert response.status_code == 200 and not BlogPost.objects.exists()


def test_offer_formats_are_chosen_with_checkboxes(consultant_client):
    offer = OfferFactory(formats=["half_day"])
    page = consultant_client.get(reverse("admin:content_offer_change", args=[offer.pk])).content.decode()
    assert 'type="checkbox" name="formats" value="whole_day"' in page
