"""Per-IP limits for pages opened by an unguessable key in a link (personal and evaluation links).

Every request counts, GET and POST alike, so guessing keys is throttled as much as
using one; over the rate the visitor gets the site's 429 page (``templates/429.html``,
the page allauth's login limits show too). Counted by django-ratelimit in the shared
cache, per IP address (IPv6 per /64), like the sign-up form.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit


def too_many_requests(request):
    return render(request, "429.html", status=429)


def over_limit(request, *, setting: str, group: str) -> bool:
    """Count the request against ``settings.<setting>`` per IP address and say whether it is over the rate.

    The same counter as ``limit_per_ip`` (django-ratelimit, the address from
    netvaerk.clientip), for callers that answer the refusal themselves (the
    API answers JSON).
    """
    return is_ratelimited(request, group=group, key="ip", rate=getattr(settings, setting), method=ALL, increment=True)


def limit_per_ip(*, setting: str, group: str):
    """Limit a view to the rate in ``settings.<setting>`` (django-ratelimit syntax, e.g. ``30/m``) per IP address."""

    def rate(_group, _request):
        return getattr(settings, setting)

    def decorator(view):
        @ratelimit(key="ip", rate=rate, method=ALL, group=group, block=False)
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if getattr(request, "limited", False):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator
