"""Single sign-on configured from environment variables (members/sso/config.py) and the login pages' CSP."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from members.sso.config import sso_providers

TENANT_A = "3b9f1c2e-5d4a-4e8b-9a71-0c2d6e8f4a10"
TENANT_B = "7C1E2D3F-8A9B-4C5D-9E0F-1A2B3C4D5E6F"
ENTRA = {"SSO_ENTRA_CLIENT_ID": "app-id", "SSO_ENTRA_SECRET": "hemmelig"}


def apps(environ):
    return sso_providers(environ)["openid_connect"]["APPS"]


def test_nothing_set_configures_no_provider():
    config = sso_providers({})
    assert config["openid_connect"]["APPS"] == []
    assert config["openid_connect"]["provider_class"] == "members.sso.oidc.PortalOIDCProvider"


def test_several_generic_providers_each_with_their_own_variables():
    environ = {
        "SSO_OIDC_PROVIDERS": "kommune, bl",
        "SSO_OIDC_KOMMUNE_NAME": "Københavns Kommune",
        "SSO_OIDC_KOMMUNE_CLIENT_ID": "portal",
        "SSO_OIDC_KOMMUNE_SECRET": "s1",
        "SSO_OIDC_KOMMUNE_SERVER_URL": "https://login.kommune.example/realms/ansatte/",
        "SSO_OIDC_BL_CLIENT_ID": "portal-bl",
        "SSO_OIDC_BL_SECRET": "s2",
        "SSO_OIDC_BL_SERVER_URL": "https://id.bl.example",
        "SSO_OIDC_BL_PKCE": "0",
    }
    kommune, bl = apps(environ)
    assert kommune == {
        "provider_id": "kommune",
        "name": "Københavns Kommune",
        "client_id": "portal",
        "secret": "s1",
        "settings": {"server_url": "https://login.kommune.example/realms/ansatte", "oauth_pkce_enabled": True},
    }
    assert (bl["provider_id"], bl["name"], bl["settings"]["oauth_pkce_enabled"]) == ("bl", "bl", False)


def test_entra_with_one_tenant_uses_that_tenants_endpoints():
    (entra,) = apps({**ENTRA, "SSO_ENTRA_TENANTS": TENANT_A})
    assert entra["provider_id"] == "entra" and entra["name"] == "Microsoft Entra ID"
    assert entra["settings"]["server_url"] == f"https://login.microsoftonline.com/{TENANT_A}/v2.0"
    assert entra["settings"]["tenants"] == [TENANT_A]
    assert entra["settings"]["fetch_userinfo"] is False
    assert entra["settings"]["oauth_pkce_enabled"] is True


def test_entra_with_several_tenants_uses_the_organizations_endpoints():
    (entra,) = apps({**ENTRA, "SSO_ENTRA_TENANTS": f"{TENANT_A}, {TENANT_B}", "SSO_ENTRA_NAME": "Arbejdskonto"})
    assert entra["settings"]["server_url"] == "https://login.microsoftonline.com/organizations/v2.0"
    assert entra["settings"]["tenants"] == [TENANT_A, TENANT_B.lower()]
    assert entra["name"] == "Arbejdskonto"


@pytest.mark.parametrize(
    "environ, message",
    [
        ({**ENTRA}, "SSO_ENTRA_TENANTS must list"),
        ({**ENTRA, "SSO_ENTRA_TENANTS": "contoso.onmicrosoft.com"}, "is not a tenant id"),
        ({"SSO_ENTRA_CLIENT_ID": "x", "SSO_ENTRA_TENANTS": TENANT_A}, "Set SSO_ENTRA_SECRET"),
        ({"SSO_OIDC_PROVIDERS": "kommune"}, "Set SSO_OIDC_KOMMUNE_CLIENT_ID"),
        ({"SSO_OIDC_PROVIDERS": "Kommune!"}, "is no provider id"),
        ({"SSO_OIDC_PROVIDERS": "entra"}, "is no provider id"),
        (
            {
                "SSO_OIDC_PROVIDERS": "kommune",
                "SSO_OIDC_KOMMUNE_CLIENT_ID": "x",
                "SSO_OIDC_KOMMUNE_SECRET": "y",
                "SSO_OIDC_KOMMUNE_SERVER_URL": "http://login.kommune.example",
            },
            "must be an https:// address",
        ),
        (
            {
                "SSO_OIDC_PROVIDERS": "kommune",
                "SSO_OIDC_KOMMUNE_CLIENT_ID": "x",
                "SSO_OIDC_KOMMUNE_SECRET": "y",
                "SSO_OIDC_KOMMUNE_SERVER_URL": "https://login.kommune.example",
                "SSO_OIDC_KOMMUNE_PKCE": "maybe",
            },
            "must be 1 or 0",
        ),
    ],
)
def test_wrong_configuration_stops_the_start_with_a_clear_message(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        sso_providers(environ)


@pytest.mark.django_db
def test_login_page_policy_names_the_providers_and_other_pages_keep_theirs(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = sso_providers({**ENTRA, "SSO_ENTRA_TENANTS": TENANT_A})
    login_policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert "form-action 'self' https://login.microsoftonline.com" in login_policy
    home_policy = client.get("/")["Content-Security-Policy"]
    assert "form-action 'self'" in home_policy and "microsoftonline" not in home_policy
