"""What every API answer shares: the per-IP limit, cache headers with an ETag, pages, and Danish errors."""

from __future__ import annotations

import functools
import math
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext as _

from netvaerk.throttle import over_limit

RATE_GROUP = "api"


def too_many_requests() -> JsonResponse:
    response = JsonResponse({"detail": _("Too many requests. Wait a minute and try again.")}, status=429)
    response["Retry-After"] = "60"
    return response


def limited(run):
    """Refuse a client over ``API_RATE_LIMIT`` before anything else is read (a wrong token counts too)."""

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        if over_limit(request, setting="API_RATE_LIMIT", group=RATE_GROUP):
            return too_many_requests()
        return run(request, *args, **kwargs)

    return wrapped


def cache_until_from_request(run):
    """Hand the view's ``request.api_cache_until`` to the page cache as the answer's ``page_cache_until``."""

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        until = getattr(request, "api_cache_until", None)
        if until is not None:
            response.page_cache_until = until
        return response

    return wrapped


def any_origin(run):
    """Public data: any site may read it from a browser (no cookies or tokens are sent cross-site).

    Outermost, so a 304, an error and the limit's 429 say so too.
    """

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def public_cache(run):
    """A public answer: cacheable for ``API_CACHE_SECONDS``, with an ETag of its body; 304 on a match.

    The ETag is the hash of the JSON itself, so it changes with anything the
    answer shows (a seat taken, registration closing on the clock) and with
    nothing else.
    """

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            patch_cache_control(response, no_cache=True)
            return response
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped


def private_answer(run):
    """A staff answer: never kept by a browser or proxy."""

    @functools.wraps(run)
    def wrapped(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped


def page_of(request, qs, *, page: int, page_size: int, present) -> dict:
    """One page of ``qs`` as the API's page object; a page past the end is empty (the count says so)."""
    count = qs.count()
    pages = max(math.ceil(count / page_size), 1)
    start = (page - 1) * page_size
    items = [present(obj) for obj in qs[start : start + page_size]] if start < count else []

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return settings.SITE_URL + request.path + "?" + urlencode(sorted(query.items()))

    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if 1 < page <= pages else None,
        "items": items,
    }


def validation_problem(errors) -> dict:
    """pydantic's errors as a Danish message per parameter (our own validators' messages are Danish already)."""
    problems = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        if error.get("type") == "value_error" and error.get("ctx", {}).get("error"):
            message = str(error["ctx"]["error"])
        elif error.get("type") in ("enum", "literal_error"):
            message = _("Not one of the allowed values.")
        elif "int" in error.get("type", ""):
            message = _("Give a whole number.")
        elif error.get("type", "").startswith(("less_than", "greater_than")):
            message = _("The number is outside the allowed range.")
        elif error.get("type") in ("string_too_long", "string_pattern_mismatch"):
            message = _("Not an allowed value.")
        else:
            message = _("Not a valid value.")
        problems.append({"parameter": ".".join(where), "message": message})
    return {"detail": _("The request has invalid parameters."), "errors": problems}
