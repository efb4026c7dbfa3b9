"""The client's IP address, also behind the load balancer or reverse proxy of a production set-up.

Behind ``TRUSTED_PROXY_COUNT`` proxies that each append the address they
received the request from to ``X-Forwarded-For``, the client is the address
that many places from the right: what is left of it was written by the
client and cannot be trusted. Without trusted proxies (the default) it is
the connection's address. Every per-IP limit uses this one function:
django-ratelimit (``RATELIMIT_IP_META_KEY``) and allauth
(``ALLAUTH_TRUSTED_PROXY_COUNT``, the same count and rule).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= count:
            candidate = hops[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address: fall back to the connection's
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
