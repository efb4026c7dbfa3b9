"""Invitations: on publish through the admin, the test to oneself, once more to those not signed up."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from members.tests.factories import MembershipFactory, ProfileFactory, UserFactory
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from outreach import invitations, selectors, services
from outreach.enums import OutreachKind
from outreach.models import Invitation, OptOut
from registration.tests.factories import RegistrationFactory

from .conftest import sent_to
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(consultant_plans_all_networks):
    return NetworkFactory(name="Naboskab & trivsel")


@pytest.fixture
def audience(network):
    member = MembershipFactory(network=network, user=UserFactory(email="maja@example.dk", first_name="Maja")).user
    english = UserFactory(email="john@example.org", first_name="John")
    ProfileFactory(user=english, language="en")
    MembershipFactory(network=network, user=english)
    MembershipFactory(network=network, status="requested", user=UserFactory(email="venter@example.dk"))
    SubscriberFactory(network=network, email="abonnent@example.org")
    SubscriberFactory(network=network, email="afventer@example.org", status="pending")
    return member


def _publish(client, meeting):
    from meetings.tests.test_admin import _change_form_data

    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _change_form_data(client.get(url))
    data["status"] = MeetingStatus.PUBLISHED
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]


def test_publishing_in_the_admin_invites_active_members_and_confirmed_subscribers_once(
    consultant_client, network, audience, commit
):
    meeting = MeetingFactory(network=network, status=MeetingStatus.DRAFT, title="Trivsel i opgangen", capacity=30)
    AgendaItemFactory(meeting=meeting, title="Velkomst og kaffe")
    RegistrationFactory(meeting=meeting, email="tidlig@example.dk")
    with commit():
        _publish(consultant_client, meeting)
    invited = {m.to[0] for m in mail.outbox if "Trivsel i opgangen" in m.subject}
    assert invited == {"maja@example.dk", "john@example.org", "abonnent@example.org"}
    [danish] = sent_to("maja@example.dk")
    assert danish.subject.startswith("Invitation: Trivsel i opgangen")
    assert "Kære Maja" in danish.body and "Velkomst og kaffe" in danish.body
    assert "Ledige pladser: 29" in danish.body and "Tilmeldingsfrist" in danish.body
    assert meeting.purpose in danish.body
    assert f"/moeder/{meeting.code}/tilmeld-mig/" in danish.body
    headers = danish.message()
    assert headers["List-Unsubscribe"].startswith("<http") and "/invitationer/afmeld/" in headers["List-Unsubscribe"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [english] = sent_to("john@example.org")
    assert english.subject.startswith("Invitation:") and "Dear John" in english.body
    [subscriber] = sent_to("abonnent@example.org")
    assert f"/moeder/{meeting.code}/#tilmelding" in subscriber.body and "Hej," in subscriber.body
    # Saving the published meeting again, or the job, sends nothing more.
    mail.outbox.clear()
    with commit():
        invitations.invitations_send(meeting=meeting)
        invitations.send_due()
    assert mail.outbox == []
    assert Invitation.objects.filter(meeting=meeting).count() == 3


def test_opted_out_and_signed_up_people_get_no_invitation(network, audience, commit):
    meeting = MeetingFactory(network=network)
    OptOut.objects.create(network=network, email="john@example.org", kind=OutreachKind.INVITATION)
    RegistrationFactory(meeting=meeting, email="Abonnent@Example.org")
    assert [r.email for r in selectors.invitation_recipients(meeting=meeting)] == ["maja@example.dk"]
    with commit():
        result = invitations.invitations_send(meeting=meeting)
    assert result.invited == 1 and [m.to for m in mail.outbox] == [["maja@example.dk"]]


def test_a_draft_or_past_deadline_meeting_is_not_invited_to(network, audience, commit):
    draft = MeetingFactory(network=network, status=MeetingStatus.DRAFT)
    with commit():
        assert invitations.invitations_send(meeting=draft).invited == 0
    assert mail.outbox == []


def test_staff_page_lists_recipients_and_sends_a_test_to_me(consultant_client, consultant, network, audience, commit):
    meeting = MeetingFactory(network=network, title="Mødet om trivsel")
    url = reverse("outreach:staff_invitation", kwargs={"code": meeting.code})
    page = consultant_client.get(url)
    assert page.status_code == 200
    assert page.context["recipient_count"] == 3
    assert b"maja@example.dk" in page.content and b"afventer@example.org" not in page.content
    with commit():
        consultant_client.post(url, {"action": "test"})
        consultant_client.post(url, {"action": "test"})
    tests = sent_to(consultant.email)
    assert len(tests) == 2 and all(m.subject.startswith("[TEST] Invitation: Mødet om trivsel") for m in tests)
    assert not Invitation.objects.exists()  # a test invites nobody


def test_send_again_reaches_only_those_not_signed_up_and_only_once(consultant_client, network, audience, commit):
    meeting = MeetingFactory(network=network, title="Genudsendt møde")
    url = reverse("outreach:staff_invitation", kwargs={"code": meeting.code})
    start = timezone.now()
    with time_machine.travel(start, tick=False), commit():
        consultant_client.post(url, {"action": "send"})
    assert len(mail.outbox) == 3
    RegistrationFactory(meeting=meeting, email="maja@example.dk")
    late = MembershipFactory(network=network, user=UserFactory(email="ny@example.dk")).user
    mail.outbox.clear()
    with time_machine.travel(start + dt.timedelta(days=2), tick=False), commit():
        consultant_client.post(url, {"action": "again"})
        consultant_client.post(url, {"action": "again"})
    again = [(m.to[0], m.subject) for m in mail.outbox]
    assert sorted(address for address, _subject in again) == sorted(
        ["john@example.org", "abonnent@example.org", late.email]
    )
    subjects = dict(again)
    assert subjects["abonnent@example.org"].startswith("Påmindelse: Invitation")
    assert subjects[late.email].startswith("Invitation:")  # new in the network: the first invitation


def test_unsubscribed_address_never_gets_an_invitation_but_still_its_registration_email(
    client, network, audience, commit
):
    services.unsubscribe(network=network, email="MAJA@example.dk")
    meeting = MeetingFactory(network=network)
    with commit():
        invitations.invitations_send(meeting=meeting)
    assert sent_to("maja@example.dk") == []
    from registration.tests.conftest import form_data

    with commit():
        client.post(meeting.get_absolute_url(), form_data(email="maja@example.dk"))
    [confirmation] = sent_to("maja@example.dk")
    assert "List-Unsubscribe" not in confirmation.message()


def test_queueing_is_one_bulk_insert_whatever_the_audience(network, django_assert_max_num_queries, commit):
    for n in range(60):
        SubscriberFactory(network=network, email=f"person{n}@example.org")
    meeting = MeetingFactory(network=network)
    with django_assert_max_num_queries(40):
        invitations.invitations_send(meeting=meeting)
    assert OutgoingEmail.objects.filter(idempotency_key__startswith="invitation:").count() == 60
