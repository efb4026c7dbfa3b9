"""Subscribing without an account (double opt-in), unsubscribing by link and by List-Unsubscribe-Post, choices."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members.tests.factories import MembershipFactory, UserFactory
from netvaerk.tests.factories import NetworkFactory
from outreach import invitations, selectors
from outreach.emails import unsubscribe_token
from outreach.enums import OutreachKind, SubscriberStatus
from outreach.models import OptOut, Subscriber
from outreach.privacy import SOURCE

from .conftest import sent_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(name="Familier & forebyggelse", slug="familier")


def _subscribe(client, network, email):
    return client.post(reverse("outreach:subscribe", kwargs={"slug": network.slug}), {"email": email})


def _link(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_network_page_offers_the_subscription(client, network):
    page = client.get(reverse("public:network_detail", kwargs={"slug": network.slug}))
    assert b'action="/netvaerk/familier/invitationer/"' in page.content


def test_double_opt_in_sends_nothing_before_the_link_is_followed(client, network, commit):
    with commit():
        response = _subscribe(client, network, "Ny.Abonnent@example.org")
    assert response.status_code == 200 and "Tjek din indbakke" in response.content.decode()
    [confirmation] = sent_to("ny.abonnent@example.org")
    assert "Bekræft: invitationer fra Familier & forebyggelse" == confirmation.subject
    meeting = MeetingFactory(network=network)
    with commit():
        invitations.invitations_send(meeting=meeting)
    assert len(mail.outbox) == 1  # pending: no invitation
    path = _link(confirmation, r"/invitationer/bekraeft/[^/\s]+/")
    assert client.get(path).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING  # a GET (a mail scanner) confirms nothing
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED
    later = MeetingFactory(network=network, title="Det næste møde")
    with commit():
        invitations.invitations_send(meeting=later)
    [invitation] = [m for m in sent_to("ny.abonnent@example.org") if "Det næste møde" in m.subject]
    assert "Hej," in invitation.body


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, network, commit):
    Subscriber.objects.create(network=network, email="kendt@example.org", status=SubscriberStatus.CONFIRMED)
    with commit():
        known = _subscribe(client, network, "kendt@example.org")
        unknown = _subscribe(client, network, "ukendt@example.org")

    def strip(response):  # the CSRF token differs per request
        return re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())

    assert known.status_code == unknown.status_code == 200
    assert strip(known) == strip(unknown)
    assert sent_to("kendt@example.org") == []  # a confirmed address gets no second confirmation


def test_subscribing_is_rate_limited_per_address(one_rate_limit_window, client, network, settings, commit):
    settings.OUTREACH_SUBSCRIBE_RATE_LIMIT = "2/m"
    with commit():
        codes = [_subscribe(client, network, f"robot{n}@example.org").status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert Subscriber.objects.count() == 2


def test_a_bad_or_robot_subscription_stores_nothing(client, network):
    assert _subscribe(client, network, "ikke-en-adresse").status_code == 400
    url = reverse("outreach:subscribe", kwargs={"slug": network.slug})
    assert client.post(url, {"email": "bot@example.org", "website": "spam"}).status_code == 200
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_unsubscribe_link_asks_on_get_and_unsubscribes_on_post(network, commit):
    subscriber = Subscriber.objects.create(network=network, email="glad@example.org", status="confirmed")
    member = MembershipFactory(network=network, user=UserFactory(email="medlem@example.dk"), notify_new_posts=True)
    meeting = MeetingFactory(network=network)
    with commit():
        invitations.invitations_send(meeting=meeting)
    [invitation] = sent_to("glad@example.org")
    path = _link(invitation, r"/invitationer/afmeld/[^/\s]+/")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and "glad@example.org" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED  # never on a GET
    assert client.post(path).status_code == 200  # no session, no CSRF token: one click
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert selectors.network_audience(network=network)[0].email == "medlem@example.dk"
    [member_invitation] = sent_to("medlem@example.dk")
    header = member_invitation.message()["List-Unsubscribe"].strip("<>")
    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address.
    response = Client(enforce_csrf_checks=True).post(
        header.removeprefix("http://127.0.0.1:8000"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert selectors.network_audience(network=network) == []
    member.refresh_from_db()
    assert member.notify_new_posts is False
    assert set(OptOut.objects.filter(email="medlem@example.dk").values_list("kind", flat=True)) == set(
        OutreachKind.values
    )


def test_a_forged_unsubscribe_link_is_unknown(client, network):
    token = unsubscribe_token(network_id=network.pk, email="a@example.org")
    assert client.get(f"/invitationer/afmeld/{token}x/").status_code == 404
    assert client.post(f"/invitationer/afmeld/{token[:-3]}abc/").status_code == 404
    assert not OptOut.objects.exists()


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(client, network, commit):
    Subscriber.objects.create(network=network, email="igen@example.org", status="confirmed")
    from outreach import services

    services.unsubscribe(network=network, email="igen@example.org")
    with commit():
        _subscribe(client, network, "igen@example.org")
    assert selectors.network_audience(network=network) == []
    [confirmation] = sent_to("igen@example.org")
    client.post(_link(confirmation, r"/invitationer/bekraeft/[^/\s]+/"))
    assert [r.email for r in selectors.network_audience(network=network)] == ["igen@example.org"]


def test_member_chooses_per_network_on_my_pages(client, network):
    other = NetworkFactory(name="Uddannelse")
    user = UserFactory(email="valg@example.dk")
    MembershipFactory(network=network, user=user)
    MembershipFactory(network=other, user=user)
    client.force_login(user)
    page = client.get(reverse("outreach:preferences"))
    assert page.status_code == 200 and "Familier &amp; forebyggelse" in page.content.decode()
    client.post(reverse("outreach:preferences"), {"network": network.pk, "nudges": "on", "board_posts": "on"})
    assert selectors.network_audience(network=network) == []
    assert [r.email for r in selectors.network_audience(network=network, kind=OutreachKind.NUDGE)] == [
        "valg@example.dk"
    ]
    assert [r.email for r in selectors.network_audience(network=other)] == ["valg@example.dk"]
    assert user.memberships.get(network=network).notify_new_posts is True
    # Not a member of the network: nothing changes.
    stranger = NetworkFactory()
    client.post(reverse("outreach:preferences"), {"network": stranger.pk})
    assert not OptOut.objects.filter(network=stranger).exists()


def test_personal_data_export_and_erasure(network):
    Subscriber.objects.create(network=network, email="data@example.org", status="confirmed")
    OptOut.objects.create(network=network, email="data@example.org", kind=OutreachKind.NUDGE)
    exported = SOURCE.export(email="DATA@example.org")
    assert {row["kind"] for row in exported} == {"subscription", "opt_out"}
    assert SOURCE.erase(email="data@example.org") == 1
    assert not Subscriber.objects.exists()
    assert OptOut.objects.exists()  # erasure must not start the emails again
