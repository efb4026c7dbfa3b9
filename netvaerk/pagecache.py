"""Whole-page cache for anonymous visitors of the public pages.

Public pages are the same for every anonymous visitor except the CSRF token
in their forms, so the rendered page is stored with a marker where the token
was and the visitor's own token is put back on every hit. Any change to the
data that public pages show bumps one version number (signals on save and
delete), so a changed meeting is visible at once; it is bumped again when the
transaction commits, so a page rendered from the old rows in between is not
kept. A page may also say until when it is valid (the meeting page: until the
next deadline or start), so time-driven states such as "Tilmelding lukket"
never lag.

Frequent writes that rarely change a page (a sign-up changes the meeting page
only when the registration state or the shown seats change) bump through
``bump_when_changed`` with a summary of what the pages show, so a burst of
sign-ups does not empty the cache on every one.

While Redis is away, pages are rendered for every request and not cached:
the default cache would answer from the process's own memory
(``netvaerk/cache.py``), where a page could not be made stale by a change in
another process. A change made meanwhile could not bump the shared version;
the process bumps it as soon as Redis answers again, so no page cached before
the outage outlives it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from .cache import CacheUnavailable, shared_cache_call

VERSION_KEY = "pagecache:version"
# Pages already fetched by this process, by key (the key holds the version, so
# a bump makes every old entry unreachable); small and bounded.
_local: OrderedDict[str, dict] = OrderedDict()
LOCAL_ENTRIES = 200
TOKEN_RE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
MARKER = b"\x00csrf\x00"

# Models whose rows appear on public pages: each app registers its own in its AppConfig.ready()
# (public_models_register), so the core names no app above it.
PUBLIC_MODELS: list[type] = []


# The version last read from the shared cache by this process, and when. A
# Redis round trip costs about as much as serving the rest of a cached page, so
# it is read at most every PAGE_CACHE_VERSION_CHECK_SECONDS; a bump made in this
# process is seen at once, one made elsewhere within that time. "missed" is a
# bump that could not reach Redis (it was away): made as soon as it answers.
_version: dict = {"value": None, "read_at": 0.0, "missed": False}
# The clock the interval is measured by; tests put a fake one in its place.
clock = time.monotonic


def version() -> str | None:
    """The shared version of the public pages, or None while the shared cache is away (nothing is cached then)."""
    now = clock()
    if _version["value"] is None or now - _version["read_at"] >= settings.PAGE_CACHE_VERSION_CHECK_SECONDS:
        try:
            if _version["missed"]:
                _new_version()
            else:
                _version.update(value=shared_cache_call("get_or_set", VERSION_KEY, uuid.uuid4().hex, None), read_at=now)
        except CacheUnavailable:
            _version.update(value=None, read_at=now)
    return _version["value"]


# How long a summary given to bump_when_changed is kept; when it has expired
# the next change bumps once more than needed, never once too few.
SHOWN_SECONDS = 60


def _new_version() -> None:
    value = uuid.uuid4().hex
    try:
        shared_cache_call("set", VERSION_KEY, value, None)
    except CacheUnavailable:
        _version.update(value=None, read_at=clock(), missed=True)
        raise
    _version.update(value=value, read_at=clock(), missed=False)


def _new_version_or_later() -> None:
    try:
        _new_version()
    except CacheUnavailable:
        pass  # remembered in _version["missed"]


def bump(**kwargs) -> None:
    """Make every cached page stale, now and again when the transaction commits.

    Never raises: with Redis away the bump is made when it answers again.
    """
    _new_version_or_later()
    using = kwargs.get("using")
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_new_version_or_later, using=using)


def bump_when_changed(name: str, shown: str) -> bool:
    """Bump when ``shown`` (a summary of what pages show of ``name``) differs from the last one given.

    Call it after the change has committed (``transaction.on_commit``), so the
    summary is what every process sees.
    """
    key = f"pagecache:shown:{name}"
    try:
        if shared_cache_call("get", key) == shown:
            return False
        shared_cache_call("set", key, shown, SHOWN_SECONDS)
    except CacheUnavailable:
        pass  # unknown whether it changed: bump (later, if Redis is still away)
    bump()
    return True


def public_models_register(*models) -> None:
    """Rows of these models appear on public pages: saving or deleting one bumps the page version."""
    for model in models:
        if model in PUBLIC_MODELS:
            continue
        PUBLIC_MODELS.append(model)
        label = model._meta.label
        post_save.connect(bump, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        # network.work_areas.add(...) saves no row of the model itself: its many-to-many fields bump too.
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _bump_on_m2m, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}", weak=False
            )


def _bump_on_m2m(*, action, using=None, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump(using=using)


def anonymous_get(request) -> bool:
    """A GET or HEAD that may be answered from the cache, judged by its cookies alone: no session
    (nobody is logged in: a login lives in the session) and no flash messages waiting to be shown
    (they would be part of the page). Known before any middleware has run."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _cacheable(request) -> bool:
    return anonymous_get(request) and not request.user.is_authenticated


def page_key(request, language: str) -> str | None:
    """The cache key of the page at this address (path and query string) in this language, under the
    current version; None while the shared cache is away."""
    current = version()
    if current is None:
        return None
    raw = f"{request.get_full_path()}|{language}|{current}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_entry(key: str) -> dict | None:
    """The page stored under ``key`` while it is valid (this process's copy first, then Redis)."""
    entry = _local.get(key)
    if entry is None:
        try:
            entry = shared_cache_call("get", key)
        except CacheUnavailable:
            entry = None
        if entry is not None:
            _remember(key, entry)
    if entry is not None and entry["until"] > timezone.now().timestamp():
        return entry
    return None


def entry_body(request, entry: dict) -> bytes:
    """The stored page with this visitor's own CSRF token where the marker is."""
    body = entry["content"]
    if MARKER in body:
        body = body.replace(MARKER, get_token(request).encode())
    return body


def cache_public_page(view):
    """Serve the view's page from the cache for anonymous GETs (see module docstring).

    When the URL resolves to this wrapper itself (no other decorator around it), the page is also
    served by ``netvaerk.middleware.PageCacheMiddleware`` before the rest of the middleware runs.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = page_key(request, request.LANGUAGE_CODE)
        if key is None:  # Redis is away: render, keep nothing
            response = view(request, *args, **kwargs)
            response.headers["X-Page-Cache"] = "off"
            return response
        entry = cached_entry(key)
        if entry is not None:
            response = HttpResponse(entry_body(request, entry), content_type=entry["content_type"])
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        # A page that used the CSP nonce holds it in its text: another visitor's header would not match.
        if response.status_code == 200 and not response.streaming and not getattr(request, "csp_nonce", None):
            now = timezone.now().timestamp()
            until = now + settings.PAGE_CACHE_SECONDS
            valid_until = getattr(response, "page_cache_until", None)
            if valid_until is not None:
                until = min(until, valid_until.timestamp())
            content = TOKEN_RE.sub(rb"\1" + MARKER + rb"\2", response.content)
            entry = {"content": content, "content_type": response["Content-Type"], "until": until}
            try:
                shared_cache_call("set", key, entry, settings.PAGE_CACHE_SECONDS)
            except CacheUnavailable:
                response.headers["X-Page-Cache"] = "off"
                return response
            _remember(key, entry)
            # For PageCacheMiddleware, which adds the headers the rest of the stack gives the page.
            request.page_cache_stored = (key, entry)
            response.headers["X-Page-Cache"] = "miss"
        return response

    _fast_views.add(wrapper)
    return wrapper


# --- The fast path (netvaerk.middleware.PageCacheMiddleware) --------------------------------------
# The wrappers above; an address whose view is one of them (nothing around it) may be served by the
# middleware. Addresses (paths) seen to resolve to one and answer 200, learned by this process: no
# other address costs the middleware a cache lookup.
_fast_views: set = set()
_fast_paths: set[str] = set()
FAST_PATHS = 10_000  # more (a crawler's made-up addresses): start learning again
# Headers of the stored response that are the visitor's own or follow from the body.
_NOT_RECORDED = {"content-length", "x-page-cache", "set-cookie"}


def fast_path_known(path: str) -> bool:
    return path in _fast_paths


def fast_path_learn(request, response) -> None:
    """After the whole stack: learn the address when its view is a cache wrapper, and keep the
    headers the stack gave a page just stored, so the middleware can serve it as this response was.

    Not kept (the page stays with the wrapper): a response that set a cookie of its own (other than
    CSRF's, which the middleware sets per visitor), one whose CSP names a nonce, one whose text
    something after the view changed.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.func not in _fast_views or response.status_code != 200 or response.streaming:
        return
    if request.path_info not in _fast_paths:
        if len(_fast_paths) >= FAST_PATHS:
            _fast_paths.clear()
        _fast_paths.add(request.path_info)
    stored = getattr(request, "page_cache_stored", None)
    if stored is None:
        return
    key, entry = stored
    policies = response.get("Content-Security-Policy", "") + response.get("Content-Security-Policy-Report-Only", "")
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME} or "'nonce-" in policies:
        return
    if TOKEN_RE.sub(rb"\1" + MARKER + rb"\2", response.content) != entry["content"]:
        return
    headers = {name: value for name, value in response.items() if name.lower() not in _NOT_RECORDED}
    entry = {**entry, "headers": headers}
    try:
        shared_cache_call("set", key, entry, settings.PAGE_CACHE_SECONDS)
    except CacheUnavailable:
        return
    _remember(key, entry)


def _remember(key: str, entry: dict) -> None:
    _local[key] = entry
    _local.move_to_end(key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)
