"""Single sign-on to an existing account: linked only after its owner confirms (password or a code by email).

The portal, the identity provider and the person's browser as in test_sso.py (members/tests/sso_support.py).
"""

import datetime as dt
import re
import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.tests import sso_support as idp
from members.tests.factories import PASSWORD, StaffUserFactory, UserFactory, VerifiedUserFactory
from members.tests.sso_support import LINK_URL, linked, logged_in_as
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


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
