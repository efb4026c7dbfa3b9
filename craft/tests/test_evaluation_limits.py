"""Evaluation links are limited per IP address like the sign-up form: guessing keys gets HTTP 429."""

import datetime as dt

import pytest
from django.urls import reverse

from craft import services
from craft.models import Evaluation
from meetings.tests.factories import MeetingFactory, local
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

GUESSER = "203.0.113.9"


@pytest.fixture
def token(network):
    day = dt.date(2026, 4, 23)
    held = MeetingFactory(
        network=network,
        starts_at=local(day, 13, 0),
        ends_at=local(day, 15, 30),
        registration_deadline=local(day - dt.timedelta(days=7), 12, 0),
    )
    return services.evaluation_token(registration=RegistrationFactory(meeting=held))


def _url(token):
    return reverse("craft:evaluation", args=[token])


def test_guessing_evaluation_links_is_limited_per_ip_address(one_rate_limit_window, client, settings, token):
    settings.EVALUATION_LINK_RATE_LIMIT = "4/m"
    for guess in range(3):
        assert client.get(_url(f"gaet{guess}"), REMOTE_ADDR=GUESSER).status_code == 404
    assert client.get(_url(token), REMOTE_ADDR=GUESSER).status_code == 200

    assert client.get(_url("gaet9"), REMOTE_ADDR=GUESSER).status_code == 429
    response = client.post(_url(token), {"rating": "5"}, REMOTE_ADDR=GUESSER)
    assert response.status_code == 429
    assert "For mange forespørgsler" in response.content.decode()
    assert not Evaluation.objects.exists()
    # The participant at home is not affected.
    assert client.post(_url(token), {"rating": "5"}, REMOTE_ADDR="198.51.100.4").status_code == 302
    assert Evaluation.objects.get().rating == 5
