"""From the portal's changes to stored deliveries and signed POSTs at a real receiver (tasks eager here)."""

import json

import pytest
from django.db import transaction

from meetings import services as meeting_services
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from registration import services, status_edits
from registration.enums import RegistrationStatus
from webhooks.models import Delivery

pytestmark = pytest.mark.django_db

NAME, EMAIL, ORGANISATION = "Kirsten Privatsen", "kirsten.privatsen@example.dk", "Hemmelig Boligforening"


def sign_up(meeting, email=EMAIL):
    data = {"name": NAME, "organisation": ORGANISATION, "phone": "12345678"}
    return services.registration_create(meeting=meeting, data=data, email=email)


def test_a_signup_reaches_the_receiver_signed_and_without_personal_data(
    settings, subscribe, receiver, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=10)
    subscription = subscribe(networks=[meeting.network])
    with django_capture_on_commit_callbacks(execute=True):
        result = sign_up(meeting)

    [request] = receiver.requests
    assert request.signature_valid
    assert request.headers["X-Netvaerk-Event"] == "registration.created"
    body = request.json
    assert body["type"] == "registration.created"
    assert body["data"]["registration"] == {
        "id": result.registration.pk,
        "status": "confirmed",
        "created_at": result.registration.created_at.isoformat(),
        "confirmed_at": result.registration.confirmed_at.isoformat(),
        "waiting_since": None,
        "cancelled_at": None,
    }
    assert body["data"]["meeting"]["code"] == meeting.code
    assert body["data"]["meeting"]["url"] == settings.SITE_URL + meeting.get_absolute_url()
    assert body["data"]["counts"] == {"confirmed": 1, "waiting": 0, "capacity": 10, "seats_left": 9}
    text = request.body.decode()
    for personal in (NAME, EMAIL, ORGANISATION, "12345678"):
        assert personal not in text
    delivery = Delivery.objects.get()
    assert (delivery.subscription, delivery.status, delivery.attempts, delivery.response_code) == (
        subscription,
        "delivered",
        1,
        200,
    )
    assert request.headers["X-Netvaerk-Event-Id"] == str(delivery.event_id) == body["id"]


def test_a_signup_that_rolls_back_stores_and_sends_nothing(subscribe, receiver, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    subscribe(networks=[meeting.network])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            sign_up(meeting)
            raise RuntimeError("something later in the request failed")
    assert not Delivery.objects.exists()
    assert receiver.requests == []


def test_a_network_subscription_gets_only_its_networks_events(subscribe, receiver, django_capture_on_commit_callbacks):
    mine, other = NetworkFactory(), NetworkFactory()
    own_meeting = MeetingFactory(network=mine)
    other_meeting = MeetingFactory(network=other)
    standalone = MeetingFactory(network=None)
    scoped = subscribe(networks=[mine], path="/scoped")
    everything = subscribe(all_networks=True, path="/all")
    with django_capture_on_commit_callbacks(execute=True):
        for meeting in (own_meeting, other_meeting, standalone):
            sign_up(meeting)

    scoped_codes = [r.json["data"]["meeting"]["code"] for r in receiver.requests if r.path == "/scoped"]
    all_codes = sorted(r.json["data"]["meeting"]["code"] for r in receiver.requests if r.path == "/all")
    assert scoped_codes == [own_meeting.code]
    assert all_codes == sorted([own_meeting.code, other_meeting.code, standalone.code])
    assert Delivery.objects.filter(subscription=scoped).count() == 1
    assert Delivery.objects.filter(subscription=everything).count() == 3
    assert all(r.signature_valid for r in receiver.requests)


def test_a_subscription_gets_only_the_events_it_chose_and_none_when_switched_off(subscribe):
    meeting = MeetingFactory()
    meetings_only = subscribe(networks=[meeting.network], events=["meeting.changed"], path="/m")
    subscribe(networks=[meeting.network], is_active=False, path="/off")
    sign_up(meeting)
    assert not Delivery.objects.exists()
    before = Meeting.objects.get(pk=meeting.pk)
    meeting.title = "Nyt navn"
    meeting.save()
    meeting_services.meeting_saved_announce(before=before, after=meeting)
    assert list(Delivery.objects.values_list("subscription", "event")) == [(meetings_only.pk, "meeting.changed")]


def test_a_cancellation_promotes_the_first_waiting_and_tells_both(subscribe):
    meeting = MeetingFactory(capacity=1)
    subscribe(networks=[meeting.network])
    first = sign_up(meeting, "a@example.dk").registration
    waiting = sign_up(meeting, "b@example.dk").registration
    services.registration_cancel(registration=first)

    rows = list(Delivery.objects.order_by("id").values_list("event", "payload"))
    assert [event for event, _payload in rows] == [
        "registration.created",
        "registration.created",
        "registration.cancelled",
        "registration.promoted",
    ]
    assert rows[1][1]["data"]["registration"]["status"] == RegistrationStatus.WAITING
    assert rows[1][1]["data"]["counts"] == {"confirmed": 1, "waiting": 1, "capacity": 1, "seats_left": 0}
    promoted = rows[3][1]["data"]
    assert promoted["registration"]["id"] == waiting.pk
    assert promoted["counts"] == {"confirmed": 1, "waiting": 0, "capacity": 1, "seats_left": 0}
    # Every event of one change has its own id; each subscription gets each event once.
    assert len({payload["id"] for _event, payload in rows}) == 4


@pytest.mark.parametrize(
    ("before_status", "after_status", "change", "expected"),
    [
        (None, MeetingStatus.PUBLISHED, {}, "meeting.published"),
        (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED, {}, "meeting.published"),
        (MeetingStatus.PUBLISHED, MeetingStatus.PUBLISHED, {"capacity": 99}, "meeting.changed"),
        (MeetingStatus.PUBLISHED, MeetingStatus.PUBLISHED, {"contact_phone": "11223344"}, None),
        (MeetingStatus.PUBLISHED, MeetingStatus.CANCELLED, {}, "meeting.cancelled"),
        (MeetingStatus.PUBLISHED, MeetingStatus.DRAFT, {}, "meeting.unpublished"),
        (MeetingStatus.DRAFT, MeetingStatus.DRAFT, {"title": "Kladde"}, None),
        (MeetingStatus.DRAFT, MeetingStatus.CANCELLED, {}, None),
    ],
)
def test_what_a_meeting_save_announces(subscribe, before_status, after_status, change, expected):
    meeting = MeetingFactory(status=before_status or MeetingStatus.DRAFT)
    subscribe(networks=[meeting.network])
    before = None if before_status is None else Meeting.objects.get(pk=meeting.pk)
    meeting.status = after_status
    for field, value in change.items():
        setattr(meeting, field, value)
    meeting.save()
    assert meeting_services.meeting_saved_announce(before=before, after=meeting) == expected
    assert list(Delivery.objects.values_list("event", flat=True)) == ([expected] if expected else [])
    if expected == "meeting.changed":
        assert Delivery.objects.get().payload["data"]["changed"] == ["capacity"]


def test_saving_a_meeting_in_the_admin_announces_the_change(
    admin_client, subscribe, receiver, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from meetings.tests.test_admin import _change_form_data

    meeting = MeetingFactory()
    subscribe(networks=[meeting.network])
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _change_form_data(admin_client.get(url))
    data.update(status=MeetingStatus.CANCELLED, cancellation_reason="For få tilmeldte.")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302
    [request] = [r for r in receiver.requests if r.headers["X-Netvaerk-Event"] == "meeting.cancelled"]
    assert request.signature_valid
    assert request.json["data"]["cancellation_reason"] == "For få tilmeldte."
    assert json.loads(request.body)["data"]["meeting"]["status"] == "cancelled"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED, "registration.promoted"),
        (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED, "registration.cancelled"),
        (RegistrationStatus.CANCELLED, RegistrationStatus.WAITING, "registration.created"),
        (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, None),
    ],
)
def test_a_status_set_by_hand_in_the_admin_is_announced(admin_client, subscribe, before, after, expected):
    from django.urls import reverse

    from registration.tests.factories import RegistrationFactory

    meeting = MeetingFactory()
    subscribe(networks=[meeting.network])
    registration = RegistrationFactory(meeting=meeting, status=before, waiting_since=meeting.created_at)
    url = reverse("admin:registration_registration_change", args=[registration.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(status=after, meeting=meeting.pk, diets=[], _save="1")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Delivery.objects.values_list("event", flat=True)) == ([expected] if expected else [])
    if expected:
        assert Delivery.objects.get().payload["data"]["registration"]["status"] == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED),
        (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED),
        (RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED),
    ],
)
def test_registrations_of_a_draft_meeting_are_never_announced(subscribe, before, after):
    """Staff keep lists for drafts too; a receiver must not learn of a draft's title and dates through them."""
    from registration.tests.factories import RegistrationFactory

    draft = MeetingFactory(draft=True, title="Hemmeligt udkast")
    subscribe(all_networks=True)
    subscribe(networks=[draft.network], path="/netvaerk")
    registration = RegistrationFactory(meeting=draft, status=before, waiting_since=draft.created_at)
    registration.status = after
    registration.save()
    status_edits.registration_status_announce(registration=registration, before=before)
    assert not Delivery.objects.exists()


def test_a_group_sign_up_is_announced_per_person_with_the_counts_after_each(subscribe):
    from netvaerk import events
    from registration.groups import Person, group_registration_create

    meeting = MeetingFactory(capacity=2, max_colleagues=5)
    subscribe(networks=[meeting.network])
    seen = []

    def plain(*, name, registration, meeting):
        seen.append(registration.pk)

    events.subscribe(events.REGISTRATION_CREATED, plain)
    try:
        result = group_registration_create(
            meeting=meeting,
            booker=Person(name="Booker", email="booker@example.dk"),
            booker_attends=True,
            colleagues=[Person(name="A", email="a@example.dk"), Person(name="B", email="b@example.dk")],
        )
    finally:
        events.unsubscribe(events.REGISTRATION_CREATED, plain)
    ids = [row.registration.pk for row in result.rows]
    assert seen == ids  # a handler not made for batches still hears of each one, in order
    deliveries = sorted(Delivery.objects.all(), key=lambda d: d.payload["data"]["registration"]["id"])
    assert [d.payload["data"]["registration"]["id"] for d in deliveries] == ids
    assert [(d.payload["data"]["counts"]["confirmed"], d.payload["data"]["counts"]["waiting"]) for d in deliveries] == [
        (1, 0),
        (2, 0),
        (2, 1),
    ]
    assert len({d.event_id for d in deliveries}) == 3
