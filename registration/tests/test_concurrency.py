"""Real threads and real transactions on PostgreSQL: no seat is ever sold twice."""

import re
import threading

import pytest
from django.db import connections

from meetings.tests.factories import MeetingFactory
from outbox.models import OutgoingEmail
from registration import services
from registration.enums import Outcome, RegistrationStatus
from registration.models import Registration
from registration.selectors import waiting_position

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


def run_concurrently(n, target):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results, errors


def test_concurrent_signups_never_exceed_capacity():
    meeting = MeetingFactory(capacity=10)
    results, errors = run_concurrently(
        40, lambda i: services.registration_create(meeting=meeting, data={"name": f"P{i}"}, email=f"p{i}@example.dk")
    )
    assert errors == []
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 10
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING).count() == 30
    assert sorted(r.outcome for r in results).count(Outcome.CONFIRMED) == 10


def test_double_click_creates_one_registration():
    meeting = MeetingFactory(capacity=10)
    results, errors = run_concurrently(
        12, lambda i: services.registration_create(meeting=meeting, data={"name": "Åse"}, email="Aase@example.dk")
    )
    assert errors == []
    assert Registration.objects.filter(meeting=meeting).count() == 1
    assert [r.outcome for r in results].count(Outcome.DUPLICATE) == 11
    # The owner of the address gets the confirmation and (once an hour) their link, nothing more.
    assert sorted(OutgoingEmail.objects.values_list("template", flat=True)) == [
        "registration_confirmed",
        "registration_link",
    ]


def test_double_click_on_the_last_seat_without_a_waiting_list_is_a_duplicate_not_full():
    meeting = MeetingFactory(capacity=1, waiting_list_enabled=False)
    results, errors = run_concurrently(
        8, lambda i: services.registration_create(meeting=meeting, data={"name": "Åse"}, email="aase@example.dk")
    )
    # No click is told "fully booked": the person got the seat.
    assert errors == []
    assert sorted(r.outcome for r in results) == [Outcome.CONFIRMED] + [Outcome.DUPLICATE] * 7
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_concurrent_waiting_sign_ups_are_told_their_true_places():
    meeting = MeetingFactory(capacity=2)
    for i in range(2):
        services.registration_create(meeting=meeting, data={"name": f"S{i}"}, email=f"s{i}@example.dk")
    results, errors = run_concurrently(
        15, lambda i: services.registration_create(meeting=meeting, data={"name": f"W{i}"}, email=f"w{i}@example.dk")
    )
    assert errors == []
    waiting = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING)
    # The place written in each waiting-list email is the place the list gives
    # the person: 1 to 15, each once, in the order of the lock.
    told = {}
    for registration in waiting:
        email = OutgoingEmail.objects.get(idempotency_key=f"waiting:{registration.pk}")
        told[registration.pk] = int(re.search(r"nummer (\d+) på ventelisten", email.text_body).group(1))
    assert sorted(told.values()) == list(range(1, 16))
    assert all(told[r.pk] == waiting_position(registration=r) for r in waiting)


def test_concurrent_cancellations_promote_each_waiting_person_once():
    meeting = MeetingFactory(capacity=5)
    created = [
        services.registration_create(meeting=meeting, data={"name": f"P{i}"}, email=f"p{i}@example.dk").registration
        for i in range(10)
    ]
    confirmed = [r for r in created if r.status == RegistrationStatus.CONFIRMED]
    results, errors = run_concurrently(5, lambda i: services.registration_cancel(registration=confirmed[i]))
    assert errors == []
    statuses = list(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.CANCELLED) == 5
    assert statuses.count(RegistrationStatus.WAITING) == 0
