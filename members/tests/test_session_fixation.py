"""Session fixation: a session id planted in the browser before login is never the session after it.

An attacker who can set a cookie on a victim's browser (a shared computer, a
sibling subdomain) plants a session id they know: either a session they
really opened on the site, or one they made up. After the victim logs in
through the real login (password; the code by email when it is switched on;
the two-factor step), the browser holds another session id, the planted one
no longer exists, and a browser presenting it is not logged in.
"""

import re
from importlib import import_module

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

from members.tests.factories import PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


@pytest.fixture(params=["opened by the attacker", "made up by the attacker"])
def planted(request, client):
    """Plant a session id in the client's cookie jar; returns it."""
    if request.param == "opened by the attacker":
        session = SessionStore()
        session["attacker"] = "was here"
        session.create()
        key = session.session_key
        assert SessionStore().exists(key)
    else:
        key = "attackerknowsthis0123456789abcde"
        assert not SessionStore().exists(key)
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    return key


def _assert_planted_id_is_dead(client, key, user):
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != key
    assert int(client.session["_auth_user_id"]) == user.pk
    assert not SessionStore().exists(key)
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = key
    response = attacker.get(reverse("members:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("members:home")).status_code == 200


def test_password_login_replaces_a_planted_session_id(client, planted):
    user = VerifiedUserFactory(email="maja@example.dk")
    assert client.get(reverse("account_login")).status_code == 200
    response = client.post(reverse("account_login"), {"login": "maja@example.dk", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:home")
    _assert_planted_id_is_dead(client, planted, user)


def test_login_with_the_two_factor_step_replaces_a_planted_session_id(client, planted):
    user = VerifiedUserFactory(email="maja@example.dk")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(reverse("account_login"), {"login": "maja@example.dk", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    # The pending login lives in a session until the code is given; the login then gives a new one.
    pending = client.cookies[settings.SESSION_COOKIE_NAME].value

    import time

    from allauth.mfa import app_settings

    code = format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    _assert_planted_id_is_dead(client, planted, user)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != pending
    assert not SessionStore().exists(pending)


def test_login_by_emailed_code_replaces_a_planted_session_id(client, planted, django_capture_on_commit_callbacks):
    try:
        request_code = reverse("account_request_login_code")
    except NoReverseMatch:
        pytest.skip("login by an emailed code is not switched on (ACCOUNT_LOGIN_BY_CODE_ENABLED)")
    user = VerifiedUserFactory(email="maja@example.dk")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request_code, {"email": "maja@example.dk"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_confirm_login_code"))
    code = re.search(r"^\s*([A-Z0-9]{4,12}(?:-[A-Z0-9]{4,12})?)\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    _assert_planted_id_is_dead(client, planted, user)
