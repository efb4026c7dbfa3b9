"""Single sign-on against a real OpenID Connect provider (members/tests/oidc_idp/, its own process).

The portal runs in the test process (Django's test client); the provider runs allauth's OpenID
Connect identity provider on a free port; the person's browser between them is a requests
session that follows the provider's redirects. Authorization code flow with PKCE and a nonce.
"""

import datetime as dt
import re
import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Profile
from members.tests import sso_support as idp
from members.tests.factories import PASSWORD, StaffUserFactory, UserFactory, VerifiedUserFactory
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db

LINK_URL = "/konto/sso/forbind/"


def logged_in_as(client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def linked(user) -> set[str]:
    return set(SocialAccount.objects.filter(user=user).values_list("provider", flat=True))


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


# --- An existing account: linked only after its owner confirms ----------------------------------


def test_existing_account_is_not_linked_by_the_email_address_alone(sso, member):
    response = sso.login("kommune", idp.EXISTING_MEMBER)
    assert response.status_code == 302 and response["Location"] == LINK_URL
    assert logged_in_as(sso.client) is None
    assert linked(member) == set()
    page = sso.client.get(LINK_URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Forbind dit login fra Kommunens login" in text
    assert member.email in text


def test_existing_account_is_not_linked_whatever_the_login_url_says(sso, member):
    """allauth logs in for any process but "connect" and "redirect": the link check does too."""
    response = sso.client.post("/konto/oidc/kommune/login/?process=")
    response = sso.callback(sso.authorize(response["Location"], idp.EXISTING_MEMBER))
    assert response["Location"] == LINK_URL
    assert linked(member) == set() and logged_in_as(sso.client) is None


def test_existing_account_is_linked_after_the_password_is_confirmed(sso, member):
    sso.login("kommune", idp.EXISTING_MEMBER)

    wrong = sso.client.post(LINK_URL, {"action": "password", "password-password": "forkert-adgangskode"})
    assert wrong.status_code == 200
    assert "Adgangskoden er ikke rigtig." in wrong.content.decode()
    assert linked(member) == set() and logged_in_as(sso.client) is None

    right = sso.client.post(LINK_URL, {"action": "password", "password-password": PASSWORD})
    assert right.status_code == 302 and right["Location"] == reverse("members:home")
    assert logged_in_as(sso.client) == member.pk
    assert linked(member) == {"kommune"}
    assert get_user_model().objects.filter(email__iexact=member.email).count() == 1

    # From now on the provider alone logs the member in.
    again = idp.SSOLogin(Client(), sso.idp).login("kommune", idp.EXISTING_MEMBER)
    assert again["Location"] == reverse("members:home")


def _sent_code() -> str:
    email = OutgoingEmail.objects.filter(template="account/email/sso_link_code").latest("pk")
    return re.search(r"^\s*([A-Z0-9-]{6,})\s*$", email.text_body, re.MULTILINE).group(1)


def test_existing_account_is_linked_after_a_code_sent_by_email(sso, member):
    sso.login("kommune", idp.EXISTING_MEMBER)
    response = sso.client.post(LINK_URL, {"action": "send_code"})
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(template="account/email/sso_link_code")
    assert email.recipient == member.email
    assert "Kommunens login" in email.subject
    code = _sent_code()

    wrong = sso.client.post(LINK_URL, {"action": "code", "code-code": "AAAAAA"})
    assert "Koden er ikke rigtig" in wrong.content.decode()
    assert linked(member) == set()

    right = sso.client.post(LINK_URL, {"action": "code", "code-code": code.lower()})
    assert right.status_code == 302 and logged_in_as(sso.client) == member.pk
    assert linked(member) == {"kommune"}


def test_code_confirms_an_account_whose_address_was_never_verified(sso):
    owner = UserFactory(email=idp.EXISTING_MEMBER)  # made by staff, never logged in
    sso.login("kommune", idp.EXISTING_MEMBER)
    sso.client.post(LINK_URL, {"action": "send_code"})
    response = sso.client.post(LINK_URL, {"action": "code", "code-code": _sent_code()})
    assert response["Location"] == reverse("members:home")
    assert logged_in_as(sso.client) == owner.pk
    assert EmailAddress.objects.get(user=owner).verified


def test_link_codes_sent_too_often_are_refused(sso, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "sso_link_code": "10/m/ip,2/h/key"}
    sso.login("kommune", idp.EXISTING_MEMBER)
    for _time in range(2):
        assert sso.client.post(LINK_URL, {"action": "send_code"}).status_code == 302
    response = sso.client.post(LINK_URL, {"action": "send_code"})
    assert response.status_code == 200
    assert "Der er sendt for mange koder" in response.content.decode()
    assert OutgoingEmail.objects.filter(template="account/email/sso_link_code").count() == 2


def test_link_code_is_forgotten_after_three_wrong_tries(sso, member):
    sso.login("kommune", idp.EXISTING_MEMBER)
    sso.client.post(LINK_URL, {"action": "send_code"})
    code = _sent_code()
    for _try in range(3):
        sso.client.post(LINK_URL, {"action": "code", "code-code": "AAAAAA"})
    response = sso.client.post(LINK_URL, {"action": "code", "code-code": code})
    assert response.status_code == 200 and linked(member) == set()
    # The page offers to send a new code.
    assert "Send en kode til" in response.content.decode()


def test_link_code_runs_out(sso, member):
    sso.login("kommune", idp.EXISTING_MEMBER)
    sso.client.post(LINK_URL, {"action": "send_code"})
    code = _sent_code()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=4)):
        response = sso.client.post(LINK_URL, {"action": "code", "code-code": code})
    assert response.status_code == 200 and linked(member) == set()


def test_pending_link_expires(sso, member):
    sso.login("kommune", idp.EXISTING_MEMBER)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        response = sso.client.post(LINK_URL, {"action": "password", "password-password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert linked(member) == set() and logged_in_as(sso.client) is None


def test_cancelled_link_links_nothing(sso, member):
    sso.login("kommune", idp.EXISTING_MEMBER)
    response = sso.client.post(LINK_URL, {"action": "cancel"})
    assert response["Location"] == reverse("account_login")
    assert sso.client.get(LINK_URL)["Location"] == reverse("account_login")
    assert linked(member) == set()


def test_wrong_link_passwords_count_as_failed_logins(sso, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "10/m/ip,2/5m/key"}
    sso.login("kommune", idp.EXISTING_MEMBER)
    for _try in range(2):
        sso.client.post(LINK_URL, {"action": "password", "password-password": "forkert"})
    response = sso.client.post(LINK_URL, {"action": "password", "password-password": PASSWORD})
    assert "For mange mislykkede" in response.content.decode()
    assert linked(member) == set()


def test_address_the_provider_does_not_vouch_for_neither_links_nor_reveals_the_account(sso):
    owner = VerifiedUserFactory(email=idp.UNVERIFIED)
    response = sso.login("kommune", idp.UNVERIFIED)
    # allauth's answer to a taken address: the same page as a new sign-up, an email to the owner.
    assert response["Location"] != LINK_URL
    assert logged_in_as(sso.client) is None
    assert linked(owner) == set()
    assert get_user_model().objects.filter(email__iexact=idp.UNVERIFIED).count() == 1


def test_staff_account_linked_by_sso_still_asks_for_its_second_factor(sso, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    staff = StaffUserFactory(email=idp.ENTRA_STAFF)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    sso.login("entra", idp.ENTRA_STAFF)
    response = sso.client.post(LINK_URL, {"action": "password", "password-password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_as(sso.client) is None
    assert linked(staff) == {"entra"}

    # The next SSO login, too.
    browser = idp.SSOLogin(Client(), sso.idp)
    response = browser.login("entra", idp.ENTRA_STAFF)
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_as(browser.client) is None
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    response = browser.client.post(reverse("mfa_authenticate"), {"code": code})
    assert logged_in_as(browser.client) == staff.pk
    assert browser.client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_is_sent_to_set_one_up_after_sso(sso, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    staff = StaffUserFactory(email=idp.ENTRA_STAFF, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    sso.login("entra", idp.ENTRA_STAFF)
    sso.client.post(LINK_URL, {"action": "password", "password-password": PASSWORD})
    assert logged_in_as(sso.client) == staff.pk
    assert sso.client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


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
