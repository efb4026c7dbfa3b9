"""The login and callback of the portal's OpenID Connect provider.

allauth's views check the ``state`` (the callback's state must be one this browser session
stored, and it is used up); ``complete_login`` below then checks the ID token before any
account is looked up: signature, issuer, audience, lifetime, the nonce derived from that
state, and for Entra the tenant.
"""

from __future__ import annotations

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .tokens import SSORefused, nonce_matches, unverified_claims, verified_claims


class PortalOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _get_json(self, url: str, **kwargs) -> dict:
        with get_adapter().get_requests_session() as session:
            response = session.get(url, **kwargs)
            response.raise_for_status()
            return response.json()

    def id_token_claims(self, request, app, token: str) -> dict:
        provider = self.get_provider()
        tenants = provider.tenants
        issuer = self.openid_config["issuer"]
        if tenants is not None:
            tid = str(unverified_claims(token).get("tid", "")).lower()
            if not tid or tid not in tenants:
                raise SSORefused(
                    "tenant not allowed",
                    _(
                        "Your organisation's Microsoft accounts cannot be used to log in here. Log in with your "
                        "email address and password, or ask the secretariat."
                    ),
                )
            # Entra's multi-tenant endpoints publish "https://login.microsoftonline.com/{tenantid}/v2.0".
            issuer = issuer.replace("{tenantid}", tid)
        claims = verified_claims(
            token=token,
            jwks=self._get_json(self.openid_config["jwks_uri"]),
            audience=app.client_id,
            issuer=issuer,
        )
        if tenants is not None and str(claims.get("tid", "")).lower() not in tenants:
            raise SSORefused("tenant not allowed")
        state_id = request.GET.get("state") or request.POST.get("state")
        if not nonce_matches(claims, state_id):
            raise SSORefused("nonce does not match the state")
        return claims

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise SSORefused("no id_token in the token response")
        claims = self.id_token_claims(request, app, id_token)
        data = {"id_token": claims}
        if app.settings.get("fetch_userinfo", True):
            userinfo = self._get_json(self.profile_url, headers={"Authorization": f"Bearer {token.token}"})
            # OpenID Connect Core 5.3.2: the userinfo must be about the ID token's subject.
            if userinfo.get("sub") != claims["sub"]:
                raise SSORefused("userinfo is about another subject")
            data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(PortalOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(PortalOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404
