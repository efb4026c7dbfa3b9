"""ID tokens with Entra's claims for the clients marked ``entra``."""

from allauth.idp.oidc.adapter import DefaultOIDCAdapter
from django.conf import settings


class TestProviderAdapter(DefaultOIDCAdapter):
    def populate_id_token(self, id_token, client, scopes, **kwargs):
        if not (client.data or {}).get("entra"):
            return
        user = self.get_user_by_sub(client, id_token["sub"])
        tid = settings.OIDC_IDP_TENANTS.get(user.email, "")
        id_token["tid"] = tid
        id_token["oid"] = id_token["sub"]
        id_token["iss"] = f"{self.get_issuer()}/{tid}/v2.0"
        id_token["preferred_username"] = user.email
        # Entra says nothing about whether the address is verified.
        id_token.pop("email_verified", None)
