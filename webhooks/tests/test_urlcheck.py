"""Receiver addresses in production: https and public addresses only (against server-side request forgery)."""

import pytest

from webhooks import services
from webhooks.models import Delivery
from webhooks.sending import delivery_send
from webhooks.urlcheck import receiver_url_problem


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.215.14/hook",  # public, but not https
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata
        "https://100.64.0.1/hook",  # carrier-grade NAT
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        # IPv4 inside IPv6, reached through a translator or tunnel (Python calls these addresses global)
        "https://[64:ff9b::10.0.0.1]/hook",  # NAT64 to a private address (IPv6-only cloud subnets)
        "https://[64:ff9b::a9fe:a9fe]/hook",  # NAT64 to the metadata service
        "https://[64:ff9b:1::a00:1]/hook",  # local-use NAT64
        "https://[::127.0.0.1]/hook",  # IPv4-compatible
        "https://[::ffff:0:a00:1]/hook",  # SIIT
        "https://[2002:a00:1::1]/hook",  # 6to4 of 10.0.0.1
        "https://[fec0::1]/hook",  # site-local
        "https://2130706433/hook",  # 127.0.0.1 as one decimal number
        "https://0177.0.0.1/hook",  # octal
        "https://0x7f.1/hook",  # hexadecimal, short form
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://bruger:kode@93.184.215.14/hook",
        "ftp://93.184.215.14/hook",
        "https:///hook",
        "https://93.184.215.14:99999/hook",
    ],
)
def test_production_refuses(settings, url):
    settings.WEBHOOK_ALLOW_LOCAL = False
    assert receiver_url_problem(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://93.184.215.14:8443/hook",
        "https://[2a00:1450:4001:82a::200e]/hook",
        "https://[::ffff:93.184.215.14]/hook",
        "https://[64:ff9b::93.184.215.14]/hook",  # NAT64 to a public address
        "https://[2002:5db8:d70e::1]/hook",  # 6to4 of a public address
    ],
)
def test_production_accepts_a_public_https_address(settings, url):
    settings.WEBHOOK_ALLOW_LOCAL = False
    assert receiver_url_problem(url) is None


def test_local_receivers_are_allowed_only_with_the_setting(settings):
    settings.WEBHOOK_ALLOW_LOCAL = True
    assert receiver_url_problem("http://127.0.0.1:9000/hook") is None
    settings.WEBHOOK_ALLOW_LOCAL = False
    assert receiver_url_problem("http://127.0.0.1:9000/hook")


@pytest.mark.django_db
def test_an_address_turned_local_is_not_posted_to(settings, subscribe, receiver):
    subscription = subscribe(all_networks=True)  # saved while local addresses were allowed
    settings.WEBHOOK_ALLOW_LOCAL = False
    payload = services.envelope(event=services.PING, data={})
    delivery = Delivery.objects.create(subscription=subscription, event="ping", event_id=payload["id"], payload=payload)
    assert delivery_send(delivery_id=delivery.pk).outcome == "retry"
    delivery.refresh_from_db()
    assert "https://" in delivery.last_error and receiver.requests == []
