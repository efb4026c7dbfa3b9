"""A status set by hand races the public form for the last seat on PostgreSQL: one seat, never two."""

import pytest

from meetings.tests.factories import MeetingFactory
from members.tests.factories import SuperUserFactory
from registration import services, status_edits
from registration.enums import Outcome, RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory
from .test_concurrency import run_concurrently

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("before", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED])
def test_a_staff_status_edit_and_public_sign_ups_share_the_last_seat_exactly_once(before):
    staff = SuperUserFactory()
    meeting = MeetingFactory(capacity=3, waiting_list_enabled=False)
    RegistrationFactory.create_batch(2, meeting=meeting)
    edited = RegistrationFactory(meeting=meeting, status=before, waiting_since=meeting.created_at)

    def attempt(i):
        if i == 0:
            return status_edits.registration_status_set(
                registration=edited, status=RegistrationStatus.CONFIRMED, by=staff
            )
        return services.registration_create(meeting=meeting, data={"name": f"Web {i}"}, email=f"web{i}@example.dk")

    results, errors = run_concurrently(8, attempt)
    # One of the eight got the last seat (the edit or a sign-up); the other seven were refused as full.
    assert len(results) == 1 and len(errors) == 7, errors
    assert all(isinstance(error, services.MeetingFull) for error in errors)
    winner = results[0]
    assert (winner.status if isinstance(winner, Registration) else winner.outcome) in (
        RegistrationStatus.CONFIRMED,
        Outcome.CONFIRMED,
    )
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 3


def test_two_staff_status_edits_for_the_last_seat_confirm_one():
    staff = SuperUserFactory()
    meeting = MeetingFactory(capacity=1, waiting_list_enabled=True)
    waiting = RegistrationFactory.create_batch(
        4, meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=meeting.created_at
    )
    results, errors = run_concurrently(
        4,
        lambda i: status_edits.registration_status_set(
            registration=waiting[i], status=RegistrationStatus.CONFIRMED, by=staff
        ),
    )
    assert len(results) == 1 and len(errors) == 3
    assert all(isinstance(error, services.MeetingFull) for error in errors)
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 1
