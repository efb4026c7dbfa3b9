"""Publishing through a real Celery worker, Redis and an SMTP server: every invitation once."""

import copy

import pytest
from django.db import transaction

from meetings.enums import MeetingStatus
from meetings.services import meeting_saved
from meetings.tests.factories import MeetingFactory
from members.tests.factories import MembershipFactory
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.support import wait_for
from outbox.models import OutgoingEmail

from .factories import SubscriberFactory

pytestmark = [pytest.mark.services("postgresql", "redis"), pytest.mark.django_db(transaction=True)]


def test_publishing_invites_everyone_once_through_the_worker(start_worker, smtp_sink, settle):
    network = NetworkFactory()
    for _ in range(10):
        MembershipFactory(network=network)
    for n in range(15):
        SubscriberFactory(network=network, email=f"arbejder{n}@example.org")
    meeting = MeetingFactory(network=network, status=MeetingStatus.DRAFT, title="Mødet i arbejderen")
    start_worker()
    for _ in range(2):  # published, unpublished and published again: nobody is invited twice
        with transaction.atomic():
            before = copy.copy(meeting)
            meeting.status = MeetingStatus.PUBLISHED if meeting.status == MeetingStatus.DRAFT else MeetingStatus.DRAFT
            meeting.save()
            meeting_saved(before=before, after=meeting)
    with transaction.atomic():
        before = copy.copy(meeting)
        meeting.status = MeetingStatus.PUBLISHED
        meeting.save()
        meeting_saved(before=before, after=meeting)
    wait_for(lambda: smtp_sink.count() >= 25, timeout=60, message="25 invitations at the SMTP server")
    settle()
    assert smtp_sink.count() == 25 and smtp_sink.duplicates() == 0
    recipients = [m["To"] for m in smtp_sink.messages]
    assert len(set(recipients)) == 25
    assert all(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in smtp_sink.messages)
    assert OutgoingEmail.objects.filter(idempotency_key__startswith="invitation:", status="sent").count() == 25
