"""Privacy: download all my data as JSON; delete my account (registrations anonymised, posts nameless)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members.models import BoardPost, Material, Membership, Profile
from members.tests.factories import BoardPostFactory, LinkMaterialFactory
from netvaerk.tests.support import query_plan
from registration.enums import RegistrationStatus
from registration.privacy import registration_anonymise
from registration.tests.factories import RegistrationFactory, registrations_bulk

pytestmark = pytest.mark.django_db


def test_data_export_contains_the_members_data(member_client, member, network):
    registration = RegistrationFactory(user=member, email=member.email, comment="Jeg kommer lidt senere")
    BoardPostFactory(network=network, author=member, title="Mit opslag", body="Hej alle")
    LinkMaterialFactory(network=network, uploaded_by=member, title="Min rapport")
    BoardPostFactory(network=network, title="Andres opslag")
    response = member_client.get(reverse("members:data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["phone"] == "22 33 44 55"
    assert data["profile"]["job_title"] == "Boligsocial medarbejder"
    assert data["memberships"][0]["network"] == network.name
    assert data["registrations"][0]["meeting_code"] == registration.meeting.code
    assert data["registrations"][0]["comment"] == "Jeg kommer lidt senere"
    assert [p["title"] for p in data["posts"]] == ["Mit opslag"]
    assert [m["title"] for m in data["material"]] == ["Min rapport"]


def test_account_deletion_anonymises_registrations_and_keeps_posts_without_a_name(member_client, member, network):
    meeting = MeetingFactory(capacity=1)
    seat = RegistrationFactory(user=member, email=member.email, meeting=meeting, phone="22 33 44 55")
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, confirmed_at=None)
    waiting.waiting_since = waiting.created_at
    waiting.save()
    past = RegistrationFactory(user=None, email=member.email, meeting=MeetingFactory(past=True), job_title="Vicevært")
    post = BoardPostFactory(network=network, author=member, body="Mine erfaringer")
    material = LinkMaterialFactory(network=network, uploaded_by=member)
    user_pk = member.pk

    assert member_client.get(reverse("members:account_delete")).status_code == 200
    assert member_client.post(reverse("members:account_delete"), {}).status_code == 400  # must confirm
    response = member_client.post(reverse("members:account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not Profile.objects.filter(user_id=user_pk).exists()
    assert not Membership.objects.filter(user_id=user_pk).exists()
    assert "_auth_user_id" not in member_client.session

    for registration in (seat, past):
        registration.refresh_from_db()
        assert registration.user is None
        assert "maja" not in registration.email.lower()
        assert registration.phone == registration.job_title == registration.organisation == ""
        assert registration.name != "Maja Nørgaard"
    # The upcoming seat was cancelled first and went to the person waiting.
    assert seat.status == RegistrationStatus.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert past.status == RegistrationStatus.CONFIRMED
    post.refresh_from_db()
    assert post.author is None and post.body == "Mine erfaringer"
    assert Material.objects.get(pk=material.pk).uploaded_by is None
    assert BoardPost.objects.filter(pk=post.pk).exists()


def test_deleted_members_posts_show_no_name(client, network, coordinator, member):
    BoardPostFactory(network=network, author=member, title="Erfaringer")
    from members import privacy

    privacy.member_account_delete(user=member)
    client.force_login(coordinator)
    html = client.get(reverse("members:board", args=[network.slug])).content.decode()
    assert "Erfaringer" in html
    assert "Maja" not in html


def test_registration_anonymise_keeps_the_row_and_breaks_the_personal_link(client):
    registration = RegistrationFactory(meeting=MeetingFactory(past=True), name="Åse Ærø", email="aase@example.dk")
    old_token = registration.token
    registration_anonymise(registration=registration)
    registration.refresh_from_db()
    assert registration.email.endswith(".invalid")
    assert registration.token != old_token
    assert client.get(reverse("registration:personal", args=[old_token])).status_code == 404


def test_a_persons_registrations_are_found_by_address_through_a_btree_on_postgresql():
    """``email__iexact`` from the UPPER(email) btree, not the trigram index (README "Data scale")."""
    from django.db import connection

    from registration.models import Registration

    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    ane = RegistrationFactory(email="ane@example.dk")
    # Other people's registrations and fresh statistics: with a handful of rows a full scan of any index
    # can pass for the cheapest plan, and the choice would not be the planner's own.
    registrations_bulk(meeting=ane.meeting, count=3000, prefix="anden")
    found = Registration.objects.filter(email__iexact="ANE@Example.dk")
    plan = query_plan(found.order_by(), analyze=["registration_registration"])
    assert "registration_email_upper" in plan and "trgm" not in plan
    assert found.count() == 1


def test_data_export_contains_the_group_bookings_the_member_made_as_booker(member_client, member):
    from registration import groups
    from registration.groups import Person

    meeting = MeetingFactory(max_colleagues=5)
    booking = groups.group_registration_create(
        meeting=meeting,
        booker=Person(name="Maja Nørgaard", email=member.email.upper(), organisation="Nord"),
        booker_attends=False,
        colleagues=[Person(name="Kollega", email="kollega@example.dk")],
        send_emails=False,
    ).booking
    groups.group_registration_create(
        meeting=MeetingFactory(max_colleagues=5),
        booker=Person(name="En anden", email="anden@example.dk", organisation="Syd"),
        booker_attends=False,
        colleagues=[Person(name="Kollega", email="kollega2@example.dk")],
        send_emails=False,
    )
    data = json.loads(member_client.get(reverse("members:data_export")).content)
    assert data["group_bookings"] == [
        {
            "meeting": meeting.code,
            "meeting_title": meeting.title,
            "name": "Maja Nørgaard",
            "booker_attends": False,
            "language": "da",
            "created_at": booking.created_at.isoformat(),
        }
    ]


def test_data_export_leaves_out_group_bookings_under_an_unverified_address(client):
    from members.tests.factories import UserFactory
    from registration import groups
    from registration.groups import Person

    user = UserFactory(email="uverificeret@example.dk")
    groups.group_registration_create(
        meeting=MeetingFactory(max_colleagues=5),
        booker=Person(name="Nogen", email=user.email, organisation="Nord"),
        booker_attends=False,
        colleagues=[Person(name="Kollega", email="kollega@example.dk")],
        send_emails=False,
    )
    client.force_login(user)
    data = json.loads(client.get(reverse("members:data_export")).content)
    assert data["group_bookings"] == []
