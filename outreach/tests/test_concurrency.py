"""Real threads and transactions on PostgreSQL: the same invitation or nudge never goes twice."""

import datetime as dt

import pytest

from meetings.tests.factories import MeetingFactory
from members.tests.factories import MembershipFactory
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from outreach import invitations
from outreach.models import Invitation
from registration.tests.test_concurrency import run_concurrently

from .factories import SubscriberFactory

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting():
    network = NetworkFactory()
    for _ in range(5):
        MembershipFactory(network=network)
    for n in range(25):
        SubscriberFactory(network=network, email=f"samtidig{n}@example.org")
    return MeetingFactory(network=network)


def _keys(prefix):
    return list(OutgoingEmail.objects.filter(idempotency_key__startswith=prefix).values_list("recipient", flat=True))


def test_invitations_sent_at_once_from_several_places_go_once(meeting):
    results, errors = run_concurrently(6, lambda i: invitations.invitations_send(meeting=meeting, again=bool(i % 2)))
    assert errors == []
    assert sum(r.invited for r in results) == 30
    recipients = _keys("invitation:")
    assert len(recipients) == len(set(recipients)) == 30
    assert Invitation.objects.filter(meeting=meeting).count() == 30


def test_the_periodic_job_run_twice_at_once_nudges_each_person_once(meeting):
    invitations.invitations_send(meeting=meeting)
    due = meeting.registration_deadline - dt.timedelta(days=3)
    results, errors = run_concurrently(4, lambda i: invitations.send_due(now=due))
    assert errors == []
    assert sum(r["nudges"] for r in results) == 30
    recipients = _keys("nudge:")
    assert len(recipients) == len(set(recipients)) == 30
    assert invitations.send_due(now=due)["nudges"] == 0
