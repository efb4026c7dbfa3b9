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


def test_a_move_waiting_for_the_seat_lock_joins_the_waiting_list_after_those_who_got_the_lock_first():
    """The waiting list is in the order the lock was granted: a move stamps its place under the lock too."""
    import threading
    import types

    from django.db import connections, transaction
    from django.utils import timezone

    from registration import seats
    from registration.selectors import waiting_position

    consultant = ConsultantFactory()
    network = NetworkFactory(coordinator=consultant)
    target = MeetingFactory(network=network, capacity=1)
    RegistrationFactory(meeting=target)  # the one seat is taken
    moving = RegistrationFactory(meeting=MeetingFactory(network=network))
    clock_read = threading.Event()

    def now():
        # The move has read the clock; it now waits for the target's seat lock, which the test holds.
        clock_read.set()
        return timezone.now()

    outcome = {}

    def move():
        try:
            outcome["result"] = desk.registration_move(registration=moving, to_meeting=target, by=consultant)
        except Exception as error:  # noqa: BLE001 - asserted below
            outcome["error"] = error
        finally:
            connections.close_all()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(desk, "timezone", types.SimpleNamespace(now=now))
        with transaction.atomic():
            seats.meeting_lock(meeting_id=target.pk)
            mover = threading.Thread(target=move)
            mover.start()
            assert clock_read.wait(30)
            # Granted the lock before the move: this sign-up comes first on the list.
            first = services.registration_create(meeting=target, data={"name": "Først"}, email="forst@example.dk")
        mover.join(60)
    assert "error" not in outcome
    assert first.outcome == Outcome.WAITING and outcome["result"].outcome == Outcome.WAITING
    assert waiting_position(registration=first.registration) == 1
    assert waiting_position(registration=outcome["result"].registration) == 2
    assert list(Registration.objects.filter(meeting=target).waiting().values_list("email", flat=True)) == [
        "forst@example.dk",
        moving.email,
    ]
