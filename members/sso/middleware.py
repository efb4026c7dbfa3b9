"""Let the login pages' forms continue to the single sign-on providers.

The SSO buttons post to the portal, which answers with a redirect to the provider; Chromium
applies the page's Content-Security-Policy ``form-action`` to that redirect too, and the
portal's policy allows only ``'self'``. On the account pages (under /konto/: login, linking,
connections) the policy is sent with the providers' origins added to ``form-action``; every
other page keeps the portal's policy unchanged. Placed inside
``netvaerk.security.ContentSecurityPolicyMiddleware``, which keeps a policy already set.
"""

from __future__ import annotations

from urllib.parse import urlsplit

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


def policy_with_form_action(policy: str, origins: list[str]) -> str:
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    for index, directive in enumerate(directives):
        if directive.split()[0].lower() == "form-action":
            directives[index] = " ".join([directive, *origins])
    return "; ".join(directives)


class SSOFormActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and request.path.startswith(ACCOUNT_PATH_PREFIX) and "Content-Security-Policy" not in response:
            origins = provider_origins(getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}))
            if origins:
                response["Content-Security-Policy"] = policy_with_form_action(policy, origins)
        return response
