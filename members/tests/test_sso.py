"""Single sign-on against a real OpenID Connect provider (members/tests/oidc_idp/, its own process).

The portal runs in the test process (Django's test client); the provider runs allauth's OpenID
Connect identity provider on a free port; the person's browser between them is a requests
session that follows the provider's redirects. Authorization code flow with PKCE and a nonce.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from members.models import Profile
from members.tests import sso_support as idp
from members.tests.sso_support import linked, logged_in_as
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


# --- A new person ------------------------------------------------------------------------------


def test_new_member_first_login_makes_a_member_account(sso):
    authorize_url = sso.start("kommune", next_url="/moeder/")
    params = idp.query(authorize_url)
    # Authorization code flow with PKCE (S256), a state and a nonce.
    assert params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) >= 43
    assert params["state"] and params["nonce"] and params["nonce"] != params["state"]
    assert "openid" in params["scope"].split()

    response = sso.callback(sso.authorize(authorize_url, idp.NEW_MEMBER))

    assert response.status_code == 302 and response["Location"] == "/moeder/"
    user = get_user_model().objects.get(email=idp.NEW_MEMBER)
    assert logged_in_as(sso.client) == user.pk
    assert (user.first_name, user.last_name) == ("Nina", "Ny")
    # A member account: never staff, no groups, no password to guess, a profile like every member.
    assert not user.is_staff and not user.is_superuser and not user.groups.exists()
    assert not user.has_usable_password()
    assert Profile.objects.filter(user=user).exists()
    assert EmailAddress.objects.get(user=user).verified  # the provider vouched for it (email_verified)
    assert linked(user) == {"kommune"}
    assert sso.client.get("/mine-sider/").status_code == 200


def test_returning_login_goes_straight_in_to_the_same_account(sso, client):
    sso.login("kommune", idp.NEW_MEMBER)
    user = get_user_model().objects.get(email=idp.NEW_MEMBER)
    client.logout()
    response = idp.SSOLogin(Client(), sso.idp).login("kommune", idp.NEW_MEMBER)
    assert response.status_code == 302 and response["Location"] == reverse("members:home")
    assert get_user_model().objects.filter(email=idp.NEW_MEMBER).count() == 1
    assert SocialAccount.objects.filter(user=user).count() == 1


def test_new_account_without_a_vouched_address_must_confirm_it_by_email(sso):
    response = sso.login("kommune", idp.UNVERIFIED)
    user = get_user_model().objects.get(email=idp.UNVERIFIED)
    assert not EmailAddress.objects.get(user=user).verified
    assert logged_in_as(sso.client) is None
    assert response["Location"] == reverse("account_email_verification_sent")
    assert OutgoingEmail.objects.filter(recipient=idp.UNVERIFIED, template__contains="email_confirmation").exists()


def test_provider_without_an_address_asks_for_one_and_confirms_it(sso):
    response = sso.login("kommune", idp.NO_EMAIL)
    assert response["Location"] == reverse("socialaccount_signup")
    page = sso.client.get(response["Location"]).content.decode()
    assert 'name="email"' in page and 'value="Uffe"' in page
    response = sso.client.post(
        reverse("socialaccount_signup"), {"email": "uffe@example.dk", "first_name": "Uffe", "last_name": "Uden"}
    )
    user = get_user_model().objects.get(email="uffe@example.dk")
    assert not user.is_staff and linked(user) == {"kommune"}
    assert response["Location"] == reverse("account_email_verification_sent")
    assert logged_in_as(sso.client) is None


# --- Microsoft Entra ID: the tenant allow-list ------------------------------------------------


def test_entra_person_of_an_allowed_tenant_gets_a_member_account(sso):
    params = idp.query(sso.start("entra"))
    assert params["code_challenge_method"] == "S256" and params["nonce"]
    response = sso.login("entra", idp.ENTRA_NEW)
    assert response.status_code == 302, response.content[:1000]
    user = get_user_model().objects.get(email=idp.ENTRA_NEW)
    assert logged_in_as(sso.client) == user.pk
    assert (user.first_name, user.last_name) == ("Bo", "Ærø")
    assert not user.is_staff and not user.is_superuser
    # Entra says nothing about verification: the address is trusted because the tenant is allowed.
    assert EmailAddress.objects.get(user=user).verified
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "entra"
    assert account.extra_data["id_token"]["tid"] == idp.TENANT_BOLIGSELSKAB


def test_entra_person_of_another_tenant_is_refused(sso):
    response = sso.login("entra", idp.ENTRA_REFUSED)
    assert response.status_code == 401
    text = response.content.decode()
    assert "Din organisations Microsoft-konti kan ikke bruges til at logge ind her" in text
    assert logged_in_as(sso.client) is None
    assert not get_user_model().objects.filter(email=idp.ENTRA_REFUSED).exists()
    assert not SocialAccount.objects.exists()


def test_entra_with_one_tenant_uses_its_own_endpoints_and_refuses_the_others(sso, settings):
    settings.SOCIALACCOUNT_PROVIDERS = sso.idp.portal_providers(tenants=idp.TENANT_KOMMUNE)
    response = sso.login("entra", idp.ENTRA_NEW)
    assert response.status_code == 401
    assert not get_user_model().objects.filter(email=idp.ENTRA_NEW).exists()

    settings.SOCIALACCOUNT_PROVIDERS = sso.idp.portal_providers(tenants=idp.TENANT_BOLIGSELSKAB)
    response = idp.SSOLogin(Client(), sso.idp).login("entra", idp.ENTRA_NEW)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email=idp.ENTRA_NEW).exists()


# --- State and nonce: a replayed or forged callback is refused ---------------------------------


def test_replayed_callback_is_refused(sso, client):
    callback = sso.authorize(sso.start("kommune"), idp.NEW_MEMBER)
    assert sso.callback(callback).status_code == 302
    client.logout()
    replay = sso.callback(callback)
    assert replay.status_code == 401
    assert logged_in_as(sso.client) is None


def test_callback_with_a_forged_state_is_refused(sso):
    callback = sso.authorize(sso.start("kommune"), idp.NEW_MEMBER)
    forged = re.sub(r"state=[^&]+", "state=AAAAAAAAAAAAAAAA", callback)
    assert sso.callback(forged).status_code == 401
    assert logged_in_as(sso.client) is None
    assert not get_user_model().objects.filter(email=idp.NEW_MEMBER).exists()


def test_callback_in_another_browser_is_refused(sso, identity_provider):
    """A login started in the attacker's browser cannot be finished in the victim's (login CSRF)."""
    callback = sso.authorize(sso.start("kommune"), idp.NEW_MEMBER)
    victim = Client()
    assert victim.get(callback).status_code == 401
    assert logged_in_as(victim) is None
    assert not get_user_model().objects.filter(email=idp.NEW_MEMBER).exists()


def test_id_token_with_another_nonce_is_refused(sso):
    """The provider signs whatever nonce the request carried: a nonce changed on the way fails."""
    authorize_url = sso.start("kommune")
    tampered = re.sub(r"nonce=[^&]+", "nonce=" + "0" * 64, authorize_url)
    response = sso.callback(sso.authorize(tampered, idp.NEW_MEMBER))
    assert response.status_code == 401
    assert logged_in_as(sso.client) is None
    assert not get_user_model().objects.filter(email=idp.NEW_MEMBER).exists()


def test_id_token_without_a_nonce_is_refused(sso):
    authorize_url = sso.start("entra")
    tampered = re.sub(r"&?nonce=[^&]+", "", authorize_url)
    response = sso.callback(sso.authorize(tampered, idp.ENTRA_NEW))
    assert response.status_code == 401
    assert not get_user_model().objects.filter(email=idp.ENTRA_NEW).exists()


def test_code_without_the_pkce_verifier_is_refused(sso):
    """PKCE: the provider gives tokens only to whoever holds the verifier of this login's challenge."""
    authorize_url = sso.start("kommune")
    other = re.sub(r"code_challenge=[^&]+", "code_challenge=" + "A" * 43, authorize_url)
    response = sso.callback(sso.authorize(other, idp.NEW_MEMBER))
    assert response.status_code == 401
    assert not get_user_model().objects.filter(email=idp.NEW_MEMBER).exists()


# --- The login page and the configuration --------------------------------------------------------


def test_login_page_shows_a_button_per_provider(sso, client):
    text = client.get(reverse("account_login")).content.decode()
    assert "Eller log ind med din arbejdskonto" in text
    assert 'action="/konto/oidc/kommune/login/?process=login"' in text and "Log ind med Kommunens login" in text
    assert 'action="/konto/oidc/entra/login/?process=login"' in text and "Log ind med Microsoft Entra ID" in text


def test_login_page_without_providers_has_no_buttons(client, settings):
    from members.sso.config import sso_providers

    settings.SOCIALACCOUNT_PROVIDERS = sso_providers({})
    text = client.get(reverse("account_login")).content.decode()
    assert "arbejdskonto" not in text and "/konto/oidc/" not in text


def test_provider_added_in_the_admin_is_ignored(client, settings):
    from django.contrib.sites.models import Site

    from members.sso.config import sso_providers

    settings.SOCIALACCOUNT_PROVIDERS = sso_providers({})
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="snyd",
        name="Snyd",
        client_id="x",
        secret="y",
        settings={"server_url": "https://evil.example"},
    )
    app.sites.add(Site.objects.get_current())
    assert "Snyd" not in client.get(reverse("account_login")).content.decode()
    assert client.post("/konto/oidc/snyd/login/").status_code == 404
