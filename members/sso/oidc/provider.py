"""allauth's OpenID Connect provider with the portal's rules; Microsoft Entra ID is one of its apps.

allauth's own ``openid_connect`` provider checks the ``state`` (stored in the session, used
once) and sends PKCE when asked; this class adds what a portal with staff accounts needs:

- a ``nonce`` in every authorization request, checked in the ID token (``views``);
- the ID token's signature always verified against the provider's published keys (allauth
  skips it when the token came straight from the token endpoint, which the specification
  allows; the tenant check below must rest on a signed token);
- for the app with ``tenants`` in its settings (Entra): the ``tid`` claim must be one of them,
  the issuer must be that tenant's, and only then is the email address trusted.

It is registered as the ``openid_connect`` provider through
``SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]`` (members/sso/config.py);
``package`` points allauth at this package's URLs, which use the adapter in ``views``.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..config import ENTRA_ID
from .tokens import nonce_for_state
from .views import PortalOIDCAdapter


def _email_or_none(value) -> str | None:
    if not isinstance(value, str) or "@" not in value:
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


class PortalOIDCProvider(OpenIDConnectProvider):
    package = "members.sso.oidc"
    oauth2_adapter_class = PortalOIDCAdapter

    @property
    def tenants(self) -> list[str] | None:
        """The allowed Entra tenants, or None for a provider without a tenant rule."""
        tenants = self.app.settings.get("tenants")
        if tenants is None and self.app.provider_id == ENTRA_ID:
            return []  # Entra without an allow-list lets nobody in
        return tenants

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        # The state id is chosen here, not by allauth, so the nonce can be derived from it.
        state_id = get_adapter().generate_state_param({})
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = dict(auth_params, nonce=nonce_for_state(state_id))
        return super().redirect(request, process, next_url, data, auth_params=auth_params, state_id=state_id, **kwargs)

    # --- Entra: who the person is, from the signed ID token only ------------------------------

    def _entra_email(self, data: dict) -> str | None:
        claims = data.get("id_token") or {}
        # "email" is an optional claim in Entra; the user principal name is the work address.
        return _email_or_none(claims.get("email")) or _email_or_none(claims.get("preferred_username"))

    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        if self.tenants is not None:
            fields["email"] = self._entra_email(data)
        return fields

    def extract_email_addresses(self, data):
        if self.tenants is None:
            return super().extract_email_addresses(data)
        email = self._entra_email(data)
        if not email:
            return []
        tid = str((data.get("id_token") or {}).get("tid", "")).lower()
        # Trusted only from an allowed tenant (views refuses the others before this point).
        return [EmailAddress(email=email, verified=tid in self.tenants, primary=True)]
