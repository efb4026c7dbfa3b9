"""The page cache's fast path (netvaerk.middleware.PageCacheMiddleware): a cached public page served
before sessions, locale, CSRF, authentication and messages run, with every guarantee they give it.

A request answered by the fast path never reached the authentication middleware, so its request has
no ``user``: that is how these tests tell the two paths apart.
"""

import re

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path

from meetings.tests.factories import MeetingFactory
from members.tests.factories import SuperUserFactory
from netvaerk.pagecache import cache_public_page
from registration.models import Registration

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# What the rest of the stack gives a page, which the fast path must give it too.
STACK_HEADERS = [
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Content-Language",
    "Vary",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
]


def _fast(response) -> bool:
    return response["X-Page-Cache"] == "hit" and not hasattr(response.wsgi_request, "user")


@pytest.fixture
def page():
    """A meeting page, stored in the cache by a first anonymous visit."""
    url = MeetingFactory().get_absolute_url()
    miss = Client().get(url)
    assert miss["X-Page-Cache"] == "miss"
    return url, miss


def test_a_stored_page_is_served_by_the_fast_path_with_the_headers_the_stack_gave_it(page, django_assert_num_queries):
    url, miss = page
    with django_assert_num_queries(0):
        hit = Client().get(url)
    assert _fast(hit) and hit.status_code == 200
    for name in STACK_HEADERS:
        assert hit[name] == miss[name], name
    assert int(hit["Content-Length"]) == len(hit.content)
    # The same page, but for the visitor's own CSRF token.
    assert TOKEN.sub("", hit.content.decode()) == TOKEN.sub("", miss.content.decode())


def test_the_fast_path_gives_each_visitor_a_working_csrf_token_and_cookie(page):
    url, _miss = page
    visitor = Client(enforce_csrf_checks=True)
    hit = visitor.get(url)
    assert _fast(hit)
    assert "csrftoken" in hit.cookies and "Cookie" in hit["Vary"]
    token = TOKEN.search(hit.content.decode()).group(1)
    assert token != TOKEN.search(Client().get(url).content.decode()).group(1)
    response = visitor.post(
        url, {"csrfmiddlewaretoken": token, "name": "Åse", "email": "aase@example.dk", "privacy": "on"}
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="aase@example.dk").exists()


def test_a_visitor_with_a_csrf_cookie_keeps_it_on_the_fast_path(page):
    url, _miss = page
    visitor = Client(enforce_csrf_checks=True)
    first = visitor.get(url)
    secret = first.cookies["csrftoken"].value
    again = visitor.get(url)
    assert _fast(again)
    assert visitor.cookies["csrftoken"].value == secret


def test_a_post_to_a_cached_page_without_a_token_is_refused(page):
    url, _miss = page
    response = Client(enforce_csrf_checks=True).post(url, {"name": "Åse", "email": "aase@example.dk", "privacy": "on"})
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_language_is_chosen_as_the_locale_middleware_chooses_it(page):
    url, danish = page
    english_visitor = Client()
    english_visitor.cookies["netvaerk_language"] = "en"
    english_miss = english_visitor.get(url)
    english = english_visitor.get(url)
    assert _fast(english)
    assert english["Content-Language"] == "en" and english.content == english_miss.content.replace(
        TOKEN.search(english_miss.content.decode()).group(1).encode(),
        TOKEN.search(english.content.decode()).group(1).encode(),
    )
    # Danish first: the browser's Accept-Language is not asked, nor is an unknown language cookie.
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert browser.get(url)["Content-Language"] == "da"
    unknown = Client()
    unknown.cookies["netvaerk_language"] = "xx"
    response = unknown.get(url)
    assert _fast(response) and response["Content-Language"] == "da"
    assert response.content.decode().startswith(danish.content.decode()[:200])


def test_a_signed_in_user_never_gets_a_cached_page(page):
    url, _miss = page
    client = Client()
    client.force_login(SuperUserFactory())
    response = client.get(url)
    assert "X-Page-Cache" not in response and response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_session_or_waiting_messages_are_never_answered_from_the_cache(page, cookie):
    url, _miss = page
    client = Client()
    client.cookies[cookie] = "anything"
    response = client.get(url)
    assert "X-Page-Cache" not in response


def test_head_gets_the_pages_headers_without_a_body(page):
    url, miss = page
    head = Client().head(url)
    assert _fast(head) and head.content == b""
    assert head["Content-Length"] == str(len(miss.content))
    assert head["Content-Security-Policy"] == miss["Content-Security-Policy"]


def test_each_query_string_is_its_own_page(page):
    MeetingFactory(title="Fællesspisning")
    Client().get("/moeder/")
    Client().get("/moeder/?foo=1")
    plain, other = Client().get("/moeder/"), Client().get("/moeder/?foo=1")
    assert _fast(plain) and _fast(other)
    assert "Fællesspisning" in plain.content.decode()


def test_a_change_is_seen_at_once_on_the_fast_path(page):
    url, _miss = page
    meeting = MeetingFactory._meta.model.objects.get()
    assert _fast(Client().get(url))
    meeting.title = "Ny titel på mødet"
    meeting.save()
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss" and "Ny titel på mødet" in response.content.decode()


def test_security_middleware_still_answers_first(page, settings):
    url, _miss = page
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get(url).status_code == 301
    settings.SECURE_HSTS_SECONDS = 3600
    response = Client().get(url, secure=True)
    response = Client().get(url, secure=True)
    assert _fast(response) and response["Strict-Transport-Security"].startswith("max-age=3600")


def test_a_host_not_allowed_gets_400_from_the_fast_path_too(page):
    url, _miss = page
    assert Client().get(url, HTTP_HOST="evil.example").status_code == 400


def test_a_view_with_a_decorator_around_the_cache_stays_on_the_slow_path():
    # The embedded list lets other sites frame it (csp_replace and xframe_options_exempt around the cache).
    from netvaerk.tests.factories import NetworkFactory, OrganiserFactory

    network = NetworkFactory(organiser=OrganiserFactory(embed_origins="https://www.albertslund.dk"))
    url = f"/indlejr/netvaerk/{network.slug}/"
    Client().get(url)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "hit" and hasattr(response.wsgi_request, "user")
    assert "X-Frame-Options" not in response and "https://www.albertslund.dk" in response["Content-Security-Policy"]


# --- Pages the fast path must not keep (views of this test module's own URLconf) ------------------


@cache_public_page
def _sets_a_cookie(request):
    response = HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')
    response.set_cookie("seen", "1")
    return response


@cache_public_page
def _uses_the_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}" src="/static/x.js"></script>')


@cache_public_page
def _plain(request):
    return HttpResponse("<p>Hej</p>")


urlpatterns = [
    path("cookie/", _sets_a_cookie),
    path("nonce/", _uses_the_nonce),
    path("plain/", _plain),
]


@pytest.mark.urls(__name__)
def test_a_page_that_sets_its_own_cookie_is_not_served_by_the_fast_path():
    Client().get("/cookie/")
    response = Client().get("/cookie/")
    assert response["X-Page-Cache"] == "hit" and hasattr(response.wsgi_request, "user")
    # The plain page of the same URLconf is, so the difference is the cookie.
    Client().get("/plain/")
    assert _fast(Client().get("/plain/"))


@pytest.mark.urls(__name__)
def test_a_page_that_used_the_csp_nonce_is_never_cached():
    first, second = Client().get("/nonce/"), Client().get("/nonce/")
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    nonces = [re.search(r'nonce="([^"]+)"', r.content.decode()).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
