"""Colleagues in one go: the group service (registration/groups.py) on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.tests.factories import MeetingFactory
from outbox.models import OutgoingEmail
from outbox.sending import email_send
from registration import groups, services
from registration.enums import RegistrationStatus
from registration.errors import RegistrationError
from registration.groups import IN_GROUP, REGISTERED, Person
from registration.models import GroupBooking, InvoiceDetails, Registration
from registration.selectors import waiting_position

from .factories import RegistrationFactory
from .test_concurrency import run_concurrently

pytestmark = [pytest.mark.services("postgresql")]


def _booker():
    return Person(name="Mette Booker", email="mette@example.dk", organisation="Boligselskabet Nord")


def _colleagues(n, start=0):
    return [Person(name=f"Kollega {i}", email=f"k{i}@example.dk") for i in range(start, start + n)]


@pytest.mark.django_db
def test_a_group_gets_seats_in_order_and_the_rest_waits_in_order():
    meeting = MeetingFactory(capacity=3, max_colleagues=5)
    result = groups.group_registration_create(
        meeting=meeting, booker=_booker(), booker_attends=True, colleagues=_colleagues(4)
    )
    outcomes = [(row.person.email, row.outcome, row.position) for row in result.rows]
    assert outcomes == [
        ("mette@example.dk", "confirmed", None),
        ("k0@example.dk", "confirmed", None),
        ("k1@example.dk", "confirmed", None),
        ("k2@example.dk", "waiting", 1),
        ("k3@example.dk", "waiting", 2),
    ]
    # Each one a registration of their own, with the booker's organisation where none was given.
    k3 = Registration.objects.get(email="k3@example.dk")
    assert k3.organisation == "Boligselskabet Nord" and waiting_position(registration=k3) == 2
    assert len({r.token for r in Registration.objects.filter(meeting=meeting)}) == 5
    # Each person their own email, the booker one more listing the group.
    templates = sorted(OutgoingEmail.objects.values_list("template", flat=True))
    assert templates.count("registration_confirmed") == 3 and templates.count("registration_waiting") == 2
    booked = OutgoingEmail.objects.get(template="registration_group_booked")
    # Stored under the seat lock by name only; the worker renders it with the group as decided there.
    assert booked.recipient == "mette@example.dk" and booked.awaits_rendering
    assert email_send(email_id=booked.pk).outcome == "sent"
    booked.refresh_from_db()
    assert "Kollega 3" in booked.text_body


@pytest.mark.django_db
def test_a_booker_who_does_not_take_part_books_only_colleagues():
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    result = groups.group_registration_create(
        meeting=meeting, booker=_booker(), booker_attends=False, colleagues=_colleagues(2)
    )
    assert not Registration.objects.filter(email="mette@example.dk").exists()
    booking = GroupBooking.objects.get()
    assert (booking.name, booking.email, booking.booker_attends) == ("Mette Booker", "mette@example.dk", False)
    assert [r.email for r in groups.booking_registrations(booking=booking)] == ["k0@example.dk", "k1@example.dk"]
    assert result.booking == booking


@pytest.mark.django_db
def test_duplicates_in_the_group_and_already_registered_are_reported_per_row():
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    services.registration_create(meeting=meeting, data={"name": "Allerede"}, email="k1@example.dk")
    colleagues = _colleagues(2) + [Person(name="Igen", email="K0@Example.dk")]
    result = groups.group_registration_create(
        meeting=meeting, booker=_booker(), booker_attends=True, colleagues=colleagues
    )
    assert [(row.person.name, row.outcome) for row in result.rows] == [
        ("Mette Booker", "confirmed"),
        ("Kollega 0", "confirmed"),
        ("Kollega 1", REGISTERED),
        ("Igen", IN_GROUP),
    ]
    assert Registration.objects.filter(meeting=meeting).count() == 3  # the earlier one, the booker, Kollega 0
    # The same group again: nothing to create, nothing created, each row said.
    again = groups.group_registration_create(
        meeting=meeting, booker=_booker(), booker_attends=True, colleagues=colleagues
    )
    assert again.booking is None and {row.outcome for row in again.rows} == {REGISTERED, IN_GROUP}
    assert Registration.objects.filter(meeting=meeting).count() == 3 and GroupBooking.objects.count() == 1


@pytest.mark.django_db
def test_more_colleagues_than_the_meeting_allows_is_refused_and_nothing_is_kept():
    meeting = MeetingFactory(capacity=100, max_colleagues=5)
    with pytest.raises(groups.TooManyColleagues):
        groups.group_registration_create(
            meeting=meeting, booker=_booker(), booker_attends=True, colleagues=_colleagues(6)
        )
    off = MeetingFactory(capacity=100, max_colleagues=0)
    with pytest.raises(groups.TooManyColleagues):
        groups.group_registration_create(meeting=off, booker=_booker(), booker_attends=True, colleagues=_colleagues(1))
    assert not Registration.objects.exists() and not GroupBooking.objects.exists()


@pytest.mark.django_db
def test_the_booker_cancels_one_seat_and_the_first_waiting_gets_it():
    meeting = MeetingFactory(capacity=2, max_colleagues=5)
    result = groups.group_registration_create(
        meeting=meeting, booker=_booker(), booker_attends=True, colleagues=_colleagues(2)
    )
    k0 = Registration.objects.get(email="k0@example.dk")
    groups.booking_seat_cancel(booking=result.booking, registration_id=k0.pk)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "mette@example.dk": RegistrationStatus.CONFIRMED,
        "k0@example.dk": RegistrationStatus.CANCELLED,
        "k1@example.dk": RegistrationStatus.CONFIRMED,  # promoted from the waiting list
    }
    # A registration outside the group cannot be cancelled with the booking's key.
    other = services.registration_create(meeting=meeting, data={"name": "Anden"}, email="x@example.dk").registration
    with pytest.raises(RegistrationError):
        groups.booking_seat_cancel(booking=result.booking, registration_id=other.pk)
    assert Registration.objects.get(pk=other.pk).status == RegistrationStatus.WAITING


@pytest.mark.django_db(transaction=True)
def test_a_group_of_five_with_three_seats_left_and_concurrent_sign_ups():
    meeting = MeetingFactory(capacity=13, max_colleagues=5)
    for i in range(10):
        services.registration_create(meeting=meeting, data={"name": f"F{i}"}, email=f"f{i}@example.dk")

    def sign_up(i):
        if i == 0:
            return groups.group_registration_create(
                meeting=meeting, booker=_booker(), booker_attends=False, colleagues=_colleagues(5)
            )
        return services.registration_create(meeting=meeting, data={"name": f"O{i}"}, email=f"o{i}@example.dk")

    results, errors = run_concurrently(8, sign_up)
    assert errors == []
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 13
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING).count() == 5 + 7 - 3
    group = next(r for r in results if isinstance(r, groups.GroupResult))
    seated = [row for row in group.rows if row.outcome == "confirmed"]
    waiting = [row for row in group.rows if row.outcome == "waiting"]
    # Seats first, in the order given; the waiting ones keep the group's order on the list.
    assert [row.person.email for row in seated + waiting] == [f"k{i}@example.dk" for i in range(5)]
    positions = [waiting_position(registration=row.registration) for row in waiting]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert [row.position for row in waiting] == positions or not waiting


def _queries_for(n, *, meeting_fields=None, booker=None):
    meeting = MeetingFactory(capacity=1000, max_colleagues=50, **(meeting_fields or {}))
    with CaptureQueriesContext(connection) as captured:
        result = groups.group_registration_create(
            meeting=meeting, booker=booker or _booker(), booker_attends=True, colleagues=_colleagues(n)
        )
    assert len(result.created) == n + 1
    return len(captured)


@pytest.mark.django_db
def test_query_count_is_flat_for_1_and_50_colleagues():
    one, fifty = _queries_for(1), _queries_for(50)
    # Registrations, emails, webhook events and group members are stored with one insert each.
    print(f"queries: 1 colleague {one}, 50 colleagues {fifty}")
    assert one == fifty


@pytest.mark.django_db
def test_query_count_is_flat_with_a_webhook_subscription_and_a_payer():
    from netvaerk.events import EVENT_TYPES
    from webhooks.models import Delivery, Subscription

    # Stored, never posted: the deliveries go to the worker only after a commit, and this test never commits.
    Subscription.objects.create(
        name="Hjemmeside", url="https://example.org/hook", all_networks=True, events=list(EVENT_TYPES)
    )
    invoice = {"payer": "organisation", "ean": "5798000000001", "reference": "PO-1"}
    booker = Person(
        name="Mette Booker", email="mette@example.dk", organisation="Nord", data={"name": "Mette", "invoice": invoice}
    )
    priced = {"price": 500}
    one = _queries_for(1, meeting_fields=priced, booker=booker)
    fifty = _queries_for(50, meeting_fields=priced, booker=booker)
    print(f"queries with a subscription and invoice details: 1 colleague {one}, 50 colleagues {fifty}")
    assert one == fifty
    # One delivery per registration all the same, and everybody's invoice details (the booker's organisation).
    assert Delivery.objects.count() == 2 + 51
    assert InvoiceDetails.objects.filter(ean="5798000000001").count() == 2 + 51


@pytest.mark.django_db
def test_an_address_the_database_finds_registered_refuses_the_group_cleanly(monkeypatch):
    """Python's lower() and the database's can differ for some letters: when the check under the lock
    misses an address the unique rule then finds, the group is refused with a message, nothing kept."""
    meeting = MeetingFactory(capacity=10)
    RegistrationFactory(meeting=meeting, email="k1@example.dk")
    monkeypatch.setattr(groups, "_registered", lambda meeting, keys: set())
    with pytest.raises(RegistrationError, match="already registered"):
        groups.group_registration_create(
            meeting=meeting, booker=_booker(), booker_attends=True, colleagues=_colleagues(2)
        )
    assert Registration.objects.filter(meeting=meeting).count() == 1
    assert not GroupBooking.objects.exists()
