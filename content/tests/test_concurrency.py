"""Real threads and real transactions on PostgreSQL: two clicks on "make a theme day" make one meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from content import services
from content.enums import OfferRequestStatus
from meetings.models import Meeting
from registration.tests.test_concurrency import run_concurrently

from .factories import OfferRequestFactory

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


def test_concurrent_clicks_turn_an_agreed_request_into_one_meeting():
    offer_request = OfferRequestFactory(status=OfferRequestStatus.AGREED)
    start = timezone.now() + dt.timedelta(days=40)

    def click(_):
        return services.offer_request_create_meeting(
            offer_request=offer_request, starts_at=start, ends_at=start + dt.timedelta(hours=6), by=None
        )

    results, errors = run_concurrently(8, click)

    assert Meeting.objects.count() == 1
    assert len(results) == 1 and len(errors) == 7
    assert all(isinstance(error, services.ContentError) for error in errors), errors
