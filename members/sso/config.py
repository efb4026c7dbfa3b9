"""The single sign-on providers, read from environment variables (see README, "Single sign-on").

Imported by the settings, so it imports nothing from Django's models. Every provider is an
app of allauth's ``openid_connect`` provider, served by the portal's own provider class
(``members.sso.oidc``), so both kinds get the same checks (state, PKCE, nonce, a signed ID
token).

Generic OpenID Connect, one or more::

    SSO_OIDC_PROVIDERS=kommune,bl
    SSO_OIDC_KOMMUNE_NAME="Københavns Kommune"   # on the button: "Log ind med Københavns Kommune"
    SSO_OIDC_KOMMUNE_CLIENT_ID=...
    SSO_OIDC_KOMMUNE_SECRET=...
    SSO_OIDC_KOMMUNE_SERVER_URL=https://login.kommune.example/realms/staff   # the issuer
    SSO_OIDC_KOMMUNE_PKCE=1                      # default on

Microsoft Entra ID, only for the listed tenants::

    SSO_ENTRA_CLIENT_ID=...
    SSO_ENTRA_SECRET=...
    SSO_ENTRA_TENANTS=<tenant id>,<tenant id>
    SSO_ENTRA_NAME="Microsoft (arbejdskonto)"
    SSO_ENTRA_AUTHORITY=https://login.microsoftonline.com   # only tests point it elsewhere
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PROVIDER_CLASS = "members.sso.oidc.PortalOIDCProvider"
ENTRA_ID = "entra"
ENTRA_AUTHORITY = "https://login.microsoftonline.com"
ENTRA_DEFAULT_NAME = "Microsoft Entra ID"
PROVIDER_ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,29}$")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def _flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    value = environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def _required(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set {name} (single sign-on, see README).")
    return value


def _server_url(environ: Mapping[str, str], name: str) -> str:
    url = _required(environ, name).rstrip("/")
    parts = urlsplit(url)
    # The ID token's keys and the token endpoint are trusted because of TLS; plain HTTP only
    # for a provider on this machine (the tests' local identity provider).
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        raise ImproperlyConfigured(f"{name} must be an https:// address, not {url!r}.")
    return url


def entra_tenants(value: str) -> list[str]:
    """The allowed tenant ids (GUIDs, lower case); an empty list allows nobody."""
    tenants = []
    for item in value.split(","):
        item = item.strip().lower()
        if not item:
            continue
        try:
            tenants.append(str(uuid.UUID(item)))
        except ValueError:
            raise ImproperlyConfigured(
                f"SSO_ENTRA_TENANTS: {item!r} is not a tenant id (a GUID such as "
                "72f988bf-86f1-41af-91ab-2d7cd011db47; find it under Entra ID > Overview)."
            )
    return tenants


def _oidc_app(environ: Mapping[str, str], provider_id: str) -> dict:
    prefix = "SSO_OIDC_" + provider_id.upper().replace("-", "_") + "_"
    return {
        "provider_id": provider_id,
        "name": environ.get(prefix + "NAME", "").strip() or provider_id,
        "client_id": _required(environ, prefix + "CLIENT_ID"),
        "secret": _required(environ, prefix + "SECRET"),
        "settings": {
            "server_url": _server_url(environ, prefix + "SERVER_URL"),
            "oauth_pkce_enabled": _flag(environ, prefix + "PKCE", True),
        },
    }


def _entra_app(environ: Mapping[str, str]) -> dict:
    tenants = entra_tenants(environ.get("SSO_ENTRA_TENANTS", ""))
    if not tenants:
        raise ImproperlyConfigured(
            "SSO_ENTRA_TENANTS must list the tenant ids whose people may log in (comma-separated)."
        )
    authority = _server_url(environ, "SSO_ENTRA_AUTHORITY") if environ.get("SSO_ENTRA_AUTHORITY") else ENTRA_AUTHORITY
    # One tenant: its own endpoints (the issuer is fixed). Several: the "organizations"
    # endpoints, whose issuer names the tenant ({tenantid}); the tenant is checked per token.
    tenant_path = tenants[0] if len(tenants) == 1 else "organizations"
    return {
        "provider_id": ENTRA_ID,
        "name": environ.get("SSO_ENTRA_NAME", "").strip() or ENTRA_DEFAULT_NAME,
        "client_id": _required(environ, "SSO_ENTRA_CLIENT_ID"),
        "secret": _required(environ, "SSO_ENTRA_SECRET"),
        "settings": {
            "server_url": f"{authority}/{tenant_path}/v2.0",
            "oauth_pkce_enabled": True,
            # Entra's userinfo endpoint (Microsoft Graph) has no tenant id: the signed ID token
            # alone says who the person is.
            "fetch_userinfo": False,
            "tenants": tenants,
        },
    }


def sso_providers(environ: Mapping[str, str]) -> dict:
    """``SOCIALACCOUNT_PROVIDERS`` from the environment (no providers: no SSO buttons)."""
    apps = []
    ids = [item.strip() for item in environ.get("SSO_OIDC_PROVIDERS", "").split(",") if item.strip()]
    for provider_id in ids:
        if not PROVIDER_ID_RE.match(provider_id) or provider_id == ENTRA_ID:
            raise ImproperlyConfigured(
                f"SSO_OIDC_PROVIDERS: {provider_id!r} is no provider id (lower-case letters, digits and "
                f"hyphens; {ENTRA_ID!r} is Entra's)."
            )
        apps.append(_oidc_app(environ, provider_id))
    if len(set(ids)) != len(ids):
        raise ImproperlyConfigured("SSO_OIDC_PROVIDERS names a provider twice.")
    if environ.get("SSO_ENTRA_CLIENT_ID", "").strip():
        apps.append(_entra_app(environ))
    return {
        "openid_connect": {
            "provider_class": PROVIDER_CLASS,
            "OAUTH_PKCE_ENABLED": True,
            "APPS": apps,
        }
    }
