"""Security gates: CSRF on every URL, unguessable personal links."""

import secrets
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from members.tests.factories import SuperUserFactory
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def sample_url(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (admin's app index) are covered by their siblings
    url = "/" + route
    while "<" in url:
        start, end = url.index("<"), url.index(">")
        converter = url[start + 1 : end].split(":")[0] if ":" in url[start + 1 : end] else "str"
        url = url[:start] + SAMPLES.get(converter, "x") + url[end + 1 :]
    return url


def test_every_url_refuses_a_post_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(SuperUserFactory())
    checked = 0
    for route, _pattern in walk(get_resolver().url_patterns):
        url = sample_url(route)
        if url is None:
            continue
        response = client.post(url, {"x": "1"})
        if response.status_code == 404:
            continue  # the sample arguments name nothing; nothing to change there
        assert response.status_code in (403, 405), f"POST {url} without CSRF token gave {response.status_code}"
        checked += 1
    assert checked > 50


def test_a_thousand_random_personal_links_find_nothing(one_rate_limit_window, client, settings):
    # The keys themselves, without the per-IP limit (registration/tests/test_link_limits.py).
    settings.PERSONAL_LINK_RATE_LIMIT = "2000/m"
    RegistrationFactory.create_batch(5)
    for _ in range(1000):
        token = secrets.token_urlsafe(32)
        assert client.get(f"/tilmelding/{token}/").status_code == 404
