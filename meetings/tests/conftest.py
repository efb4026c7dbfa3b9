import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from meetings.enums import MeetingKind, MeetingStatus
from meetings.tests.factories import MeetingFactory, local
from netvaerk.models import Network


@pytest.fixture
def draft_meeting(demo):
    """A draft of the demo consultant's own network, 9.30-15.00, without a programme yet."""
    consultant = get_user_model().objects.get(email=demo.consultant_email)
    network = Network.objects.filter(coordinator=consultant).first()
    day = timezone.localdate() + dt.timedelta(days=60)
    return MeetingFactory(
        network=network,
        organiser=network.organiser,
        title="Sociale viceværter i Viby J",
        status=MeetingStatus.DRAFT,
        kind=MeetingKind.NETWORK_MEETING,
        starts_at=local(day, 9, 30),
        ends_at=local(day, 15, 0),
        registration_deadline=local(day - dt.timedelta(days=3), 12, 0),
    )
