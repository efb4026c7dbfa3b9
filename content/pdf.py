"""The offer as a PDF (WeasyPrint), made from the same template partial as the offer page."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Offer

CACHE_SECONDS = 24 * 60 * 60


def _cache_key(offer: Offer, language: str) -> str:
    # Any edit of the offer, its provider or the secretariat changes the key.
    parts = [
        offer.pk,
        offer.updated_at.isoformat(),
        offer.provider.updated_at.isoformat(),
        offer.provider.organisation.updated_at.isoformat(),
        offer.organiser.updated_at.isoformat(),
        language,
        settings.SITE_URL,
    ]
    return "content:offer-pdf:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def offer_html(*, offer: Offer, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "content/offer_pdf.html",
            {
                "offer": offer,
                "offer_url": settings.SITE_URL + offer.get_absolute_url(),
                "request_url": settings.SITE_URL + reverse("content:offer_request", kwargs={"slug": offer.slug}),
                "SITE_NAME": settings.SITE_NAME,
                "pdf": True,
            },
        )


def offer_pdf(*, offer: Offer, language: str) -> bytes:
    """The PDF of an offer in a language; kept in the cache until the offer changes (rendering takes a while)."""
    key = _cache_key(offer, language)
    content = cache.get(key)
    if content is None:
        from weasyprint import HTML

        # Relative links (a path on this site in the offer's text) point at the site, not at a file.
        # The document loads nothing (styles inline, no images), so nothing is fetched from there.
        content = HTML(string=offer_html(offer=offer, language=language), base_url=settings.SITE_URL + "/").write_pdf()
        cache.set(key, content, CACHE_SECONDS)
    return content
