"""The front page (pages/home.py)."""

import pytest
from django.urls import reverse

from meetings.tests.factories import MeetingFactory

from .support import page_queries, page_text

pytestmark = pytest.mark.django_db


def test_home_page_shows_upcoming_meeting(client, demo):
    response = client.get(reverse("public:home"))
    assert '<html lang="da">' in response.content.decode()
    assert "Hvem ejer idéerne? Lokalsamfund og beboerinddragelse" in page_text(response)


def test_home_page_queries_do_not_grow_with_meetings(client, db):
    MeetingFactory()
    few = page_queries(client, reverse("public:home"))
    MeetingFactory.create_batch(10)
    assert page_queries(client, reverse("public:home")) == few
