"""Per-IP limits count the client, not the load balancer in front of the web processes."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from netvaerk.clientip import client_ip
from registration.tests.conftest import form_data

pytestmark = pytest.mark.django_db


def _request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_connection_counts_and_forwarded_headers_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(_request("10.0.0.2", "2001:db8::5")) == "2001:db8::5"
    assert client_ip(_request("10.0.0.2", "not-an-address")) == "10.0.0.2"
    assert client_ip(_request("10.0.0.2")) == "10.0.0.2"


def test_sign_up_limit_counts_each_client_behind_the_load_balancer(one_rate_limit_window, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    meeting = MeetingFactory()
    url = meeting.get_absolute_url()

    def post(ip, n):
        return client.post(
            url, form_data(email=f"p{n}-{ip}@example.dk"), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=ip
        )

    assert [post("198.51.100.7", n).status_code for n in range(3)] == [302, 302, 429]
    # Another client through the same proxy still signs up.
    assert post("198.51.100.8", 0).status_code == 302


def test_failed_logins_behind_the_load_balancer_lock_only_the_strangers_network(client, settings):
    from members.tests.factories import PASSWORD, VerifiedUserFactory

    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    VerifiedUserFactory(email="maja@example.dk")

    def login(ip, password):
        client.cookies.clear()
        return client.post(
            reverse("account_login"),
            {"login": "maja@example.dk", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=ip,
        )

    for _attempt in range(5):
        login("203.0.113.5", "forkert")
    assert "For mange mislykkede login" in login("203.0.113.5", PASSWORD).content.decode()
    # The owner comes through the same load balancer from home: in at once.
    assert login("192.0.2.10", PASSWORD).status_code == 302
    assert "_auth_user_id" in client.session


def test_the_settings_give_allauth_the_same_proxy_count():
    from config import settings as production

    assert production.ALLAUTH_TRUSTED_PROXY_COUNT == production.TRUSTED_PROXY_COUNT
    assert production.RATELIMIT_IP_META_KEY == "netvaerk.clientip.client_ip"
