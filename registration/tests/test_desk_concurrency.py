"""The registration desk and the public form race for the last seat on PostgreSQL: one seat, never two."""

import pytest

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory
from netvaerk.tests.factories import NetworkFactory
from registration import desk, services
from registration.enums import Outcome, RegistrationChannel, RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory
from .test_concurrency import run_concurrently

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


def test_staff_entry_and_public_sign_ups_share_the_last_seat_exactly_once():
    consultant = ConsultantFactory()
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=3, waiting_list_enabled=False)
    RegistrationFactory.create_batch(2, meeting=meeting)

    def attempt(i):
        if i == 0:
            return services.registration_create(
                meeting=meeting,
                data={"name": "Ringede ind"},
                email="telefon@example.dk",
                by=consultant,
                channel=RegistrationChannel.PHONE,
            )
        return services.registration_create(meeting=meeting, data={"name": f"Web {i}"}, email=f"web{i}@example.dk")

    results, errors = run_concurrently(8, attempt)
    # Exactly one of the eight got the last seat; the other seven were told the meeting is full.
    assert [r.outcome for r in results] == [Outcome.CONFIRMED]
    assert len(errors) == 7 and all(isinstance(error, services.MeetingFull) for error in errors)
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 3


def test_concurrent_moves_into_the_last_seat_give_it_once_and_the_rest_wait():
    consultant = ConsultantFactory()
    network = NetworkFactory(coordinator=consultant)
    target = MeetingFactory(network=network, capacity=1)
    sources = [MeetingFactory(network=network) for _ in range(4)]
    moving = [RegistrationFactory(meeting=source) for source in sources]
    results, errors = run_concurrently(
        4, lambda i: desk.registration_move(registration=moving[i], to_meeting=target, by=consultant)
    )
    assert errors == []
    assert sorted(r.outcome for r in results) == [Outcome.CONFIRMED] + [Outcome.WAITING] * 3
    assert Registration.objects.filter(meeting=target, status=RegistrationStatus.CONFIRMED).count() == 1
    assert Registration.objects.filter(meeting__in=sources, status=RegistrationStatus.CANCELLED).count() == 4
