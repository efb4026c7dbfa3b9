"""Failed logins: brute force is throttled, but a stranger who knows an address cannot lock its owner out."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from members.adapter import network_origin
from members.tests.factories import PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

ADDRESS = "maja@example.dk"
OWNER_IP = "192.0.2.10"
NEW_PASSWORD = "Solsikke-Rosenhøj-2026"


@pytest.fixture
def owner(db):
    return VerifiedUserFactory(email=ADDRESS)


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Account emails go through the outbox after commit: run those callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _login(client, ip, password="forkert", login=ADDRESS):
    client.cookies.clear()
    return client.post(reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=ip)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _refused(response) -> bool:
    return "For mange mislykkede login" in response.content.decode()


def test_network_origin_is_the_ipv4_slash_24_and_the_ipv6_slash_64():
    assert network_origin("203.0.113.77") == "203.0.113.0/24"
    assert network_origin("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert network_origin("not an address") == "not an address"


def test_a_strangers_failures_from_other_networks_do_not_lock_the_owner(client, owner):
    # Five wrong passwords from each of three other networks: each of them is locked now...
    for stranger in ("203.0.113.5", "198.51.100.7", "2001:db8:1:2::1"):
        for _attempt in range(5):
            assert not _logged_in(client) and not _refused(_login(client, stranger))
        assert _refused(_login(client, stranger, password=PASSWORD))
        assert not _logged_in(client)

    # ...but the owner, at home, signs in with the password at once.
    response = _login(client, OWNER_IP, password=PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_brute_force_from_one_network_is_throttled(client, owner):
    for attempt in range(5):
        # Other machines of the same network (IPv4 /24) count together.
        _login(client, f"203.0.113.{attempt + 1}")
    response = _login(client, "203.0.113.200", password=PASSWORD)
    assert _refused(response)
    assert not _logged_in(client)
    # The same for an IPv6 /64.
    for attempt in range(5):
        _login(client, f"2001:db8:5:6::{attempt + 1}")
    assert _refused(_login(client, "2001:db8:5:6:ffff::1", password=PASSWORD))


def test_typing_the_address_differently_does_not_buy_more_attempts(client, owner):
    variants = [
        "maja@example.dk",
        "MAJA@example.dk",
        "maja@exam\u200bple.dk",
        "maja@example.dk\u00a0",
        "Maja@Example.dk",
    ]
    for login in variants:
        assert not _refused(_login(client, "203.0.113.5", login=login))
    assert _refused(_login(client, "203.0.113.5", password=PASSWORD))
    assert _refused(_login(client, "203.0.113.5", password=PASSWORD, login="maja@exam\u200bple.dk"))
    assert not _logged_in(client)


def test_invisible_characters_in_the_address_do_not_fail_a_good_login(client, owner):
    response = _login(client, OWNER_IP, password=PASSWORD, login="maja@exam\u200bple.dk")
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_address_has_a_higher_cap_across_all_networks(client, owner, settings):
    assert settings.ACCOUNT_RATE_LIMITS["login_failed_address"] == "30/h/key"
    # A distributed attack: one wrong password from each of 30 networks.
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for network in range(30):
            assert not _refused(_login(client, f"198.18.{network}.1"))
        # Now the address is closed to passwords from everywhere, also from the owner's network...
        assert _refused(_login(client, OWNER_IP, password=PASSWORD))
        assert _refused(_login(client, "198.19.99.1"))
        assert not _logged_in(client)
        # ...for an hour.
        clock.shift(dt.timedelta(minutes=61))
        _login(client, OWNER_IP, password=PASSWORD)
        assert _logged_in(client)


def test_the_owners_good_logins_do_not_use_up_the_cap(client, owner):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _login_number in range(40):
            # One a minute (all logins, good or bad, are capped at 30 a minute per IP address).
            clock.shift(dt.timedelta(seconds=60))
            _login(client, OWNER_IP, password=PASSWORD)
            assert _logged_in(client)


def _code(message) -> str:
    match = re.search(r"^\s*([A-Z0-9-]{6,9})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def test_the_owner_signs_in_with_an_emailed_code_while_password_logins_are_throttled(client, owner, send_now):
    for network in range(30):
        _login(client, f"198.18.{network}.1")
    assert _refused(_login(client, OWNER_IP, password=PASSWORD))
    # The refusal shows the way in.
    page = client.get(reverse("account_login"), REMOTE_ADDR=OWNER_IP).content.decode()
    assert reverse("account_request_login_code") in page
    assert reverse("account_reset_password") in page

    with send_now():
        response = client.post(reverse("account_request_login_code"), {"email": ADDRESS}, REMOTE_ADDR=OWNER_IP)
    assert response.status_code == 302
    assert mail.outbox[-1].to == [ADDRESS]
    response = client.post(
        reverse("account_confirm_login_code"), {"code": _code(mail.outbox[-1])}, REMOTE_ADDR=OWNER_IP
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == owner.pk


def test_a_password_reset_opens_password_logins_again(client, owner, send_now):
    for network in range(30):
        _login(client, f"198.18.{network}.1")
    for _attempt in range(5):
        _login(client, OWNER_IP)
    assert _refused(_login(client, OWNER_IP, password=PASSWORD))

    with send_now():
        client.post(reverse("account_reset_password"), {"email": ADDRESS}, REMOTE_ADDR=OWNER_IP)
    match = re.search(r"http://testserver(/konto/password/reset/key/[^\s]+/)", mail.outbox[-1].body)
    set_password_url = client.get(match.group(1), REMOTE_ADDR=OWNER_IP)["Location"]
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, REMOTE_ADDR=OWNER_IP)

    response = _login(client, OWNER_IP, password=NEW_PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)
