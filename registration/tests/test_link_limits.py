"""Personal links are limited per IP address like the sign-up form: guessing keys gets HTTP 429."""

import pytest
from django.urls import reverse

from registration.enums import RegistrationStatus

from .conftest import form_data
from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

GUESSER = "203.0.113.9"


@pytest.fixture
def registration(meeting):
    return RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED)


def _personal(token):
    return reverse("registration:personal", kwargs={"token": token})


def _cancel(token):
    return reverse("registration:cancel", kwargs={"token": token})


def test_guessing_personal_links_is_limited_per_ip_address(one_rate_limit_window, client, settings, registration):
    settings.PERSONAL_LINK_RATE_LIMIT = "5/m"
    for guess in range(3):
        assert client.get(_personal(f"gaet{guess}"), REMOTE_ADDR=GUESSER).status_code == 404
    # The cancel page and the link itself share one count, wrong and right keys alike.
    assert client.get(_cancel("gaet"), REMOTE_ADDR=GUESSER).status_code == 404
    assert client.get(_personal(registration.token), REMOTE_ADDR=GUESSER).status_code == 200

    for url in (_personal("gaet9"), _personal(registration.token), _cancel(registration.token)):
        response = client.get(url, REMOTE_ADDR=GUESSER)
        assert response.status_code == 429
        assert "For mange forespørgsler" in response.content.decode()
    # Another network is not affected.
    assert client.get(_personal(registration.token), REMOTE_ADDR="198.51.100.4").status_code == 200


def test_changing_and_cancelling_through_the_link_count_and_are_refused_over_the_limit(
    one_rate_limit_window, client, settings, registration
):
    settings.PERSONAL_LINK_RATE_LIMIT = "2/m"
    assert client.get(_personal(registration.token), REMOTE_ADDR=GUESSER).status_code == 200
    response = client.post(_personal(registration.token), form_data(name="Åse Ærø-Hansen"), REMOTE_ADDR=GUESSER)
    assert response.status_code == 302
    response = client.post(_cancel(registration.token), REMOTE_ADDR=GUESSER)
    assert response.status_code == 429
    registration.refresh_from_db()
    assert registration.name == "Åse Ærø-Hansen"
    assert registration.status == RegistrationStatus.CONFIRMED


def test_the_default_limit_leaves_a_participant_room(one_rate_limit_window, client, registration, settings):
    assert settings.PERSONAL_LINK_RATE_LIMIT == "30/m"
    for _visit in range(30):
        assert client.get(_personal(registration.token)).status_code == 200
    assert client.get(_personal(registration.token)).status_code == 429
