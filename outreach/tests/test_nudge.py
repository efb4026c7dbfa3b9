"""The deadline nudge: N days before the deadline, to those invited who have not signed up, once."""

import datetime as dt

import pytest
from django.core import mail

from meetings.tests.factories import MeetingFactory
from members.tests.factories import MembershipFactory, UserFactory
from netvaerk.tests.factories import NetworkFactory
from outreach import invitations, services
from outreach.enums import OutreachKind
from outreach.models import Invitation, OptOut
from registration.tests.factories import RegistrationFactory

from .conftest import sent_to
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(commit):
    network = NetworkFactory(name="Beskæftigelse")
    meeting = MeetingFactory(network=network, title="Job og uddannelse", capacity=20)
    for email in ("a@example.dk", "b@example.dk", "c@example.dk"):
        MembershipFactory(network=network, user=UserFactory(email=email, first_name=email[0].upper()))
    SubscriberFactory(network=network, email="s@example.org")
    with commit():
        invitations.invitations_send(meeting=meeting)
    mail.outbox.clear()
    return meeting


def _due(meeting):
    return meeting.registration_deadline - dt.timedelta(days=3)


def test_nudge_goes_n_days_before_the_deadline_to_those_not_signed_up_once(invited, commit):
    meeting = invited
    RegistrationFactory(meeting=meeting, email="A@example.dk")
    OptOut.objects.create(network=meeting.network, email="b@example.dk", kind=OutreachKind.NUDGE)
    with commit():
        assert invitations.nudges_send_due(now=_due(meeting) - dt.timedelta(minutes=1)) == 0
    assert mail.outbox == []
    with commit():
        assert invitations.send_due(now=_due(meeting))["nudges"] == 2
        assert invitations.send_due(now=_due(meeting) + dt.timedelta(hours=1))["nudges"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["c@example.dk", "s@example.org"]
    [nudge] = sent_to("c@example.dk")
    assert nudge.subject.startswith("Sidste chance for at tilmelde dig Job og uddannelse")
    assert "Kære C" in nudge.body and "Ledige pladser: 19" in nudge.body
    assert nudge.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_days_and_switch_are_per_meeting(invited, commit):
    meeting = invited
    meeting.nudge_days_before = 1
    meeting.save()
    with commit():
        assert invitations.nudges_send_due(now=_due(meeting)) == 0
        meeting.nudge_enabled = False
        meeting.save()
        assert invitations.nudges_send_due(now=meeting.registration_deadline - dt.timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_no_nudge_when_full_without_a_waiting_list(invited, commit):
    meeting = invited
    meeting.capacity = 1
    meeting.waiting_list_enabled = False
    meeting.save()
    RegistrationFactory(meeting=meeting, email="someone@example.dk")
    with commit():
        assert invitations.nudges_send_due(now=_due(meeting)) == 0
    meeting.waiting_list_enabled = True
    meeting.save()
    with commit():
        assert invitations.nudges_send_due(now=_due(meeting)) == 4
    assert len(mail.outbox) == 4


def test_after_the_deadline_or_after_unsubscribing_nobody_is_nudged(invited, commit):
    meeting = invited
    services.unsubscribe(network=meeting.network, email="c@example.dk")
    with commit():
        assert invitations.nudges_send_due(now=meeting.registration_deadline + dt.timedelta(minutes=1)) == 0
        invitations.nudges_send_due(now=_due(meeting))
    assert "c@example.dk" not in {m.to[0] for m in mail.outbox}
    assert Invitation.objects.filter(nudged_at__isnull=False).count() == 3
