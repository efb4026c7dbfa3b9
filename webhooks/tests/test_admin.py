"""The secretariat's webhook admin: a subscription with its secret shown once, a test ping, the log."""

import pytest
from django.urls import reverse

from members.tests.factories import SecretariatUserFactory
from netvaerk.tests.factories import NetworkFactory
from webhooks.enums import DeliveryStatus
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client):
    client.force_login(SecretariatUserFactory())
    return client


def test_a_new_subscription_shows_its_secret_once(secretariat_client, receiver):
    network = NetworkFactory()
    response = secretariat_client.post(
        reverse("admin:webhooks_subscription_add"),
        {
            "name": "Boligforeningens hjemmeside",
            "url": receiver.url(),
            "is_active": "on",
            "events": ["registration.created", "meeting.published"],
            "networks": [network.pk],
        },
    )
    subscription = Subscription.objects.get()
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert subscription.secret.startswith("whsec_") and subscription.secret in page
    assert "vises kun denne ene gang" in page
    change = secretariat_client.get(reverse("admin:webhooks_subscription_change", args=[subscription.pk]))
    assert change.status_code == 200 and subscription.secret not in change.content.decode()
    assert subscription.events == ["registration.created", "meeting.published"]


def test_a_receiver_address_in_a_private_network_is_refused_in_production(secretariat_client, settings):
    settings.WEBHOOK_ALLOW_LOCAL = False
    response = secretariat_client.post(
        reverse("admin:webhooks_subscription_add"),
        {"name": "Intern", "url": "https://10.0.0.5/hook", "events": ["meeting.published"], "all_networks": "on"},
    )
    assert response.status_code == 200 and not Subscription.objects.exists()
    assert "privat eller lokalt netværk" in response.content.decode()


def test_a_subscription_needs_networks_or_all(secretariat_client, receiver):
    response = secretariat_client.post(
        reverse("admin:webhooks_subscription_add"),
        {"name": "Uden", "url": receiver.url(), "events": ["meeting.published"]},
    )
    assert "Vælg netværkene, eller alle netværk." in response.content.decode()


def test_a_test_ping_reaches_the_receiver_and_shows_in_the_log(
    secretariat_client, subscribe, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(all_networks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("admin:webhooks_subscription_changelist"),
            {"action": "send_test_ping", "_selected_action": [subscription.pk]},
            follow=True,
        )
    assert "En testbesked blev sendt" in response.content.decode()
    [request] = receiver.requests
    assert request.signature_valid and request.json["type"] == "ping"
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED

    log = secretariat_client.get(reverse("admin:webhooks_delivery_changelist")).content.decode()
    assert "Leveret" in log and "Boligforeningens hjemmeside" in log
    detail = secretariat_client.get(reverse("admin:webhooks_delivery_change", args=[delivery.pk])).content.decode()
    assert str(delivery.event_id) in detail and "Svarkode" in detail


def test_a_new_secret_is_shown_once_and_signs_from_then_on(secretariat_client, subscribe):
    subscription = subscribe(all_networks=True)
    old = subscription.secret
    response = secretariat_client.post(
        reverse("admin:webhooks_subscription_changelist"),
        {"action": "renew_secret", "_selected_action": [subscription.pk]},
    )
    subscription.refresh_from_db()
    assert subscription.secret != old and subscription.secret in response.content.decode()


@pytest.mark.parametrize("lookup", ["secret__startswith", "secret", "secret__gt", "subscription__secret__startswith"])
def test_the_secret_cannot_be_guessed_letter_by_letter_through_the_lists_filters(secretariat_client, subscribe, lookup):
    """Django's changelist accepts any lookup on a local field: ?secret__startswith=whsec_A would answer yes or no."""
    subscription = subscribe(all_networks=True)
    model = "delivery" if lookup.startswith("subscription__") else "subscription"
    url = reverse(f"admin:webhooks_{model}_changelist")
    response = secretariat_client.get(url, {lookup: subscription.secret[:8]})
    assert response.status_code == 400
