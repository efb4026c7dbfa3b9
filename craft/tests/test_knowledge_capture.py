"""After a meeting: minutes with outputs and attendance from check-in, and the reminder when minutes are missing."""

import datetime as dt

import pytest
from django.urls import reverse

from craft import services
from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory, local
from members.enums import MembershipRole
from members.models import Minutes
from members.tests.factories import MembershipFactory, VerifiedUserFactory
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from registration.enums import RegistrationStatus
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 23)


@pytest.fixture
def held(network):
    return MeetingFactory(
        network=network,
        title="Frivillige og foreninger",
        expected_output="Idékatalog med greb",
        starts_at=local(DAY, 13, 0),
        ends_at=local(DAY, 15, 30),
        registration_deadline=local(DAY - dt.timedelta(days=7), 12, 0),
    )


def test_minutes_page_shows_attendance_from_check_in_and_saves_outputs(login, network, coordinator, held):
    for attended in (True, True, True, False):
        RegistrationFactory(meeting=held, attended=attended)
    RegistrationFactory(meeting=held, status=RegistrationStatus.CANCELLED, attended=False)
    client = login(coordinator)
    url = reverse("members:minutes_edit", args=[network.slug, held.code])
    page = client.get(url)
    assert page.context["attendance"] == {"confirmed": 4, "attended": 3}
    assert 'data-attended="3"' in page.content.decode()
    assert "Idékatalog med greb" in page.content.decode()
    response = client.post(url, {"text": "Referat.", "outputs": "Fem idéer til kataloget."})
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=held)
    assert (minutes.text, minutes.outputs) == ("Referat.", "Fem idéer til kataloget.")
    listing = client.get(reverse("members:minutes", args=[network.slug]))
    body = listing.content.decode()
    assert "Fem idéer til kataloget." in body
    assert [m.attended_count for m in listing.context["meetings"]] == [3]


def _reminders():
    return list(OutgoingEmail.objects.filter(template="minutes_reminder").values_list("recipient", flat=True))


def test_coordinator_is_reminded_two_days_after_a_meeting_without_minutes(network, coordinator, held):
    assert services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=2), 8, 59)) == 0
    assert services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=2), 9, 0)) == 1
    assert _reminders() == [coordinator.email]
    email = OutgoingEmail.objects.get(template="minutes_reminder")
    assert reverse("members:minutes_edit", args=[network.slug, held.code]) in email.text_body
    assert email.idempotency_key == f"minutes-reminder:{held.pk}:{coordinator.pk}"


def test_the_reminder_is_sent_once(network, coordinator, held):
    for hours in range(3):
        services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=2), 9 + hours, 0))
    assert _reminders() == [coordinator.email]


def test_no_reminder_when_minutes_are_written(network, coordinator, held):
    Minutes.objects.create(meeting=held, text="Referat", written_by=coordinator)
    assert services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=3), 9, 0)) == 0


def test_empty_minutes_still_count_as_missing(network, coordinator, held):
    Minutes.objects.create(meeting=held, text="  ")
    assert services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=3), 9, 0)) == 1


def test_no_reminder_for_stand_alone_cancelled_or_old_meetings(network, coordinator, held):
    Minutes.objects.create(meeting=held, text="Referat")
    MeetingFactory(
        network=None,
        starts_at=local(DAY, 13, 0),
        ends_at=local(DAY, 15, 0),
        registration_deadline=local(DAY, 12, 0),
    )
    MeetingFactory(
        network=network,
        status=MeetingStatus.CANCELLED,
        starts_at=local(DAY, 9, 0),
        ends_at=local(DAY, 11, 0),
        registration_deadline=local(DAY, 8, 0),
    )
    MeetingFactory(
        network=network,
        starts_at=local(DAY - dt.timedelta(days=60), 9, 0),
        ends_at=local(DAY - dt.timedelta(days=60), 11, 0),
        registration_deadline=local(DAY - dt.timedelta(days=61), 8, 0),
    )
    assert services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=2), 9, 0)) == 0


def test_reminder_goes_to_member_coordinators_when_the_network_has_none():
    network = NetworkFactory(coordinator=None)
    leader = VerifiedUserFactory(email="leder@example.dk")
    MembershipFactory(network=network, user=leader, role=MembershipRole.COORDINATOR)
    MembershipFactory(network=network, user=VerifiedUserFactory(email="menig@example.dk"))
    MeetingFactory(
        network=network,
        starts_at=local(DAY, 13, 0),
        ends_at=local(DAY, 15, 0),
        registration_deadline=local(DAY, 12, 0),
    )
    services.minutes_reminders_send(now=local(DAY + dt.timedelta(days=2), 9, 0))
    assert _reminders() == ["leder@example.dk"]
