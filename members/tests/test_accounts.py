"""Accounts through allauth: sign-up with verification, login, reset, rate limits, MFA, admin login."""

import re
import time
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from members import mail as members_mail
from members.models import Profile
from members.tests.factories import PASSWORD, StaffUserFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Solsikke-Rosenhøj-2026"


@pytest.fixture
def sent_kinds(monkeypatch):
    """The kinds of email that went through members.mail.send_member_email."""
    kinds = []
    original = members_mail.send_member_email

    def spy(**kwargs):
        kinds.append(kwargs["kind"])
        return original(**kwargs)

    monkeypatch.setattr("members.adapter.send_member_email", spy)
    return kinds


def _link(message, pattern):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0)


def _signup(client, email="ny@example.dk"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Åse",
            "last_name": "Ærø",
        },
    )


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Account emails go through the outbox after commit: run those callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_signup_verify_then_login_reaches_my_pages(client, sent_kinds, send_now):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert "Tilmeld" in page.content.decode() or "Opret" in page.content.decode()

    with send_now():
        response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="ny@example.dk")
    assert user.get_full_name() == "Åse Ærø"
    assert Profile.objects.filter(user=user, language="da").exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert sent_kinds == ["account/email/email_confirmation_signup"]
    assert mail.outbox[0].to == ["ny@example.dk"]
    confirm_url = _link(mail.outbox[0], r"http://testserver/konto/confirm-email/[^\s]+/")

    # Not verified yet: the login sends a new verification email instead of logging in.
    client.logout()
    client.post(reverse("account_login"), {"login": "ny@example.dk", "password": NEW_PASSWORD})
    assert "_auth_user_id" not in client.session

    path = confirm_url.replace("http://testserver", "")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = client.post(reverse("account_login"), {"login": "NY@example.dk", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:home")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("members:home")).status_code == 200


def test_signup_with_a_taken_email_creates_no_second_account(client):
    VerifiedUserFactory(email="maja@example.dk")
    _signup(client, email="Maja@example.dk")
    assert User.objects.filter(email__iexact="maja@example.dk").count() == 1


def test_createsuperuser_account_logs_in_without_an_email_round_trip(client, monkeypatch, send_now):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW_PASSWORD)
    call_command("createsuperuser", "--noinput", email="drift@netvaerk.example", stdout=StringIO())

    with send_now():
        response = client.post(
            reverse("account_login"), {"login": "drift@netvaerk.example", "password": NEW_PASSWORD}, follow=True
        )
    user = User.objects.get(email="drift@netvaerk.example")
    assert user.is_superuser
    assert response.wsgi_request.user == user
    assert reverse("account_email_verification_sent") not in [url for url, _status in response.redirect_chain]
    assert mail.outbox == []  # no confirmation email
    assert client.get(reverse("admin:index")).status_code == 200
    # An account made any other way still confirms its address by email.
    assert not EmailAddress.objects.filter(user=User.objects.create_user(email="ny@example.dk")).exists()


def test_login_with_wrong_password_fails(client):
    VerifiedUserFactory(email="maja@example.dk")
    response = client.post(reverse("account_login"), {"login": "maja@example.dk", "password": "forkert"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email_link(client, sent_kinds, send_now):
    user = VerifiedUserFactory(email="maja@example.dk")
    with send_now():
        response = client.post(reverse("account_reset_password"), {"email": "maja@example.dk"})
    assert response.status_code == 302
    assert sent_kinds == ["account/email/password_reset_key"]
    path = _link(mail.outbox[0], r"http://testserver/konto/password/reset/key/[^\s]+/").replace("http://testserver", "")
    response = client.get(path)
    assert response.status_code == 302  # allauth moves the key into the session
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    response = client.post(reverse("account_login"), {"login": "maja@example.dk", "password": NEW_PASSWORD})
    assert response["Location"] == reverse("members:home")


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert "ukendt" not in client.get(response["Location"]).content.decode().replace("ukendt@", "")


def test_password_reset_verifies_the_address_of_a_member_added_by_staff(client, send_now):
    """Staff-added members have no password: "Forgot password?" sets one and proves the address."""
    user = UserFactory(email="importeret@example.dk", password=None)
    user.set_unusable_password()
    user.save()
    with send_now():
        client.post(reverse("account_reset_password"), {"email": "importeret@example.dk"})
    path = _link(mail.outbox[0], r"http://testserver/konto/password/reset/key/[^\s]+/").replace("http://testserver", "")
    client.post(client.get(path)["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert EmailAddress.objects.get(user=user).verified
    response = client.post(reverse("account_login"), {"login": "importeret@example.dk", "password": NEW_PASSWORD})
    assert response["Location"] == reverse("members:home")


def test_logout_needs_a_post_and_ends_the_session(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    assert 'action="/konto/logout/"' in client.get(reverse("members:home")).content.decode()
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_top_bar_shows_login_for_visitors_and_my_pages_for_members(client):
    html = client.get("/").content.decode()
    assert reverse("account_login") in html
    assert reverse("members:home") not in html
    client.force_login(VerifiedUserFactory())
    html = client.get("/").content.decode()
    assert reverse("members:home") in html
    assert "Log ud" in html


def test_login_page_uses_the_site_layout_in_danish(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="da">' in html
    assert "auth-entrance" in html
    assert "Log ind" in html
    assert "form-control" in html


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in response.redirect_chain[-1][0]


def test_admin_refuses_a_logged_in_member(client):
    client.force_login(VerifiedUserFactory())
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403


def test_staff_logs_in_through_allauth_and_reaches_the_admin(client):
    staff = StaffUserFactory(is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# --- Two-factor authentication ---------------------------------------------------------------


def _activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _code_at(secret: str, moment: float) -> str:
    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(moment) // app_settings.TOTP_PERIOD))


def test_staff_without_mfa_is_sent_to_set_it_up_when_required(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    staff = StaffUserFactory(is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/personale/moeder/21-374/tjek-ind/")["Location"] == reverse("mfa_activate_totp")
    # The rest of the site, and the set-up page itself, stay open.
    assert client.get("/").status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_staff_with_mfa_reaches_the_admin_when_required(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    staff = StaffUserFactory(is_superuser=True)
    _activate_totp(staff)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_mfa_is_not_required_when_the_setting_is_off(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(StaffUserFactory(is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_members_are_never_forced_to_set_up_mfa(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(VerifiedUserFactory())
    assert client.get(reverse("members:home")).status_code == 200


def test_login_with_totp_asks_for_the_code(client):
    user = VerifiedUserFactory(email="maja@example.dk")
    secret = _activate_totp(user)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    response = client.post(reverse("account_login"), {"login": "maja@example.dk", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    # At the start of a code's period, so it cannot expire between reading it and posting it.
    from allauth.mfa import app_settings

    moment = time.time() // app_settings.TOTP_PERIOD * app_settings.TOTP_PERIOD
    with time_machine.travel(moment, tick=False):
        response = client.post(reverse("mfa_authenticate"), {"code": _code_at(secret, moment)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_mfa_pages_use_the_site_layout(client):
    client.force_login(VerifiedUserFactory())
    html = client.get(reverse("mfa_index")).content.decode()
    assert "auth-manage" in html
    assert reverse("members:profile") in html  # the My pages navigation
