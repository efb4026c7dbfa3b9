"""Let the login pages' forms continue to the single sign-on providers.

The SSO buttons post to the portal, which answers with a redirect to the provider; Chromium
applies the page's Content-Security-Policy ``form-action`` to that redirect too, and the
portal's policy allows only ``'self'``. On the account pages (under /konto/: login, linking,
connections) the policy is sent with the providers' origins added to ``form-action``; every
other page keeps the portal's policy unchanged.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings

ACCOUNT_PATH_PREFIX = "/konto/"


def provider_origins(providers: dict) -> list[str]:
    """The origins of the configured providers' server URLs (their authorization endpoints)."""
    origins = []
    for config in providers.values():
        for app in config.get("APPS", []):
            url = app.get("settings", {}).get("server_url", "")
            parts = urlsplit(url)
            if parts.scheme and parts.netloc:
                origin = f"{parts.scheme}://{parts.netloc}"
                if origin not in origins:
                    origins.append(origin)
    return origins


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware; on the account pages the providers' origins join ``form-action``.

    Uses django-csp's documented extension point (``get_policy_parts``); every
    other page gets the portal's policy unchanged.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ACCOUNT_PATH_PREFIX):
            origins = provider_origins(getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}))
            if origins:
                update = dict(parts.update or {})
                update["form-action"] = [*update.get("form-action", []), *origins]
                parts.update = update
        return parts
