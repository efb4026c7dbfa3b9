"""The registration desk's rules: staff entries with channel and overrides, walk-ins, moves, cancelling for someone."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory, SecretariatUserFactory
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from registration import desk, services
from registration.enums import AuditAction, Outcome, RegistrationChannel, RegistrationStatus
from registration.models import Registration, RegistrationAudit

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(db):
    return ConsultantFactory(email="konsulent@netvaerk.example")


@pytest.fixture
def full_meeting(consultant):
    """One seat, taken; a waiting list."""
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=1)
    RegistrationFactory(meeting=meeting)
    return meeting


def templates_to(address):
    return sorted(OutgoingEmail.objects.filter(recipient=address).values_list("template", flat=True))


def enter(meeting, by, email="bo@example.dk", **kwargs):
    kwargs.setdefault("channel", RegistrationChannel.PHONE)
    return services.registration_create(meeting=meeting, data={"name": "Bo Ring"}, email=email, by=by, **kwargs)


def test_staff_entry_without_overrides_runs_the_public_rules_and_records_who_and_channel(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=5)
    result = enter(meeting, consultant, channel=RegistrationChannel.EMAIL)
    assert result.outcome == Outcome.CONFIRMED
    assert result.registration.channel == RegistrationChannel.EMAIL
    [entry] = RegistrationAudit.objects.all()
    assert (entry.action, entry.by, entry.by_email, entry.channel) == (
        AuditAction.CREATED,
        consultant,
        "konsulent@netvaerk.example",
        RegistrationChannel.EMAIL,
    )
    assert entry.override_capacity_reason == entry.override_deadline_reason == ""
    assert entry.emails_sent
    # The same email as the public form.
    assert templates_to("bo@example.dk") == ["registration_confirmed"]


def test_public_sign_up_is_channel_web_and_writes_no_desk_history():
    meeting = MeetingFactory()
    result = services.registration_create(meeting=meeting, data={"name": "Åse"}, email="aase@example.dk")
    assert result.registration.channel == RegistrationChannel.WEB
    assert not RegistrationAudit.objects.exists()


def test_full_meeting_puts_a_staff_entry_on_the_waiting_list_without_override(consultant, full_meeting):
    result = enter(full_meeting, consultant)
    assert result.outcome == Outcome.WAITING
    assert templates_to("bo@example.dk") == ["registration_waiting"]


def test_full_meeting_without_waiting_list_refuses_a_staff_entry_without_override(consultant, full_meeting):
    full_meeting.waiting_list_enabled = False
    full_meeting.save()
    with pytest.raises(services.MeetingFull):
        enter(full_meeting, consultant)
    assert not Registration.objects.filter(email="bo@example.dk").exists()
    assert not RegistrationAudit.objects.exists()


def test_capacity_override_gives_a_seat_past_the_waiting_list_and_records_the_reason(consultant, full_meeting):
    RegistrationFactory(meeting=full_meeting, status=RegistrationStatus.WAITING, waiting_since=timezone.now())
    result = enter(full_meeting, consultant, override_capacity_reason="Oplægsholderens kollega")
    assert result.outcome == Outcome.CONFIRMED
    assert Registration.objects.filter(meeting=full_meeting, status=RegistrationStatus.CONFIRMED).count() == 2
    entry = RegistrationAudit.objects.get()
    assert entry.override_capacity_reason == "Oplægsholderens kollega"
    assert entry.override_deadline_reason == ""


def test_an_override_that_changed_nothing_is_not_recorded(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=10)
    enter(meeting, consultant, override_capacity_reason="For en sikkerheds skyld")
    assert RegistrationAudit.objects.get().override_capacity_reason == ""


def test_deadline_passed_refuses_a_staff_entry_without_override(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant))
    late = meeting.registration_deadline + dt.timedelta(hours=1)
    with pytest.raises(services.RegistrationClosed):
        enter(meeting, consultant, now=late)
    result = enter(meeting, consultant, now=late, override_deadline_reason="Ringede dagen efter fristen")
    assert result.outcome == Outcome.CONFIRMED
    entry = RegistrationAudit.objects.get()
    assert entry.override_deadline_reason == "Ringede dagen efter fristen"
    assert entry.by == consultant


def test_deadline_override_still_follows_the_seats(consultant, full_meeting):
    late = full_meeting.registration_deadline + dt.timedelta(hours=1)
    result = enter(full_meeting, consultant, now=late, override_deadline_reason="Aftalt med koordinatoren")
    assert result.outcome == Outcome.WAITING
    both = enter(
        full_meeting,
        consultant,
        email="to@example.dk",
        now=late,
        override_deadline_reason="X",
        override_capacity_reason="Y",
    )
    assert both.outcome == Outcome.CONFIRMED
    entry = RegistrationAudit.objects.get(registration=both.registration)
    assert (entry.override_deadline_reason, entry.override_capacity_reason) == ("X", "Y")


def test_no_overrides_open_a_cancelled_or_ended_meeting(consultant):
    network = NetworkFactory(coordinator=consultant)
    for meeting in (MeetingFactory(network=network, cancelled=True), MeetingFactory(network=network, past=True)):
        with pytest.raises(services.RegistrationClosed):
            enter(meeting, consultant, override_deadline_reason="X", override_capacity_reason="Y")


def test_no_email_ticked_sends_nothing_and_is_recorded(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant))
    enter(meeting, consultant, send_emails=False)
    assert templates_to("bo@example.dk") == []
    assert RegistrationAudit.objects.get().emails_sent is False


def test_staff_entry_of_a_known_address_is_a_duplicate_without_an_email(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant))
    first = RegistrationFactory(meeting=meeting, email="bo@example.dk")
    result = enter(meeting, consultant, email="BO@example.dk")
    assert (result.outcome, result.registration) == (Outcome.DUPLICATE, first)
    assert templates_to("bo@example.dk") == []


def test_another_networks_consultant_is_refused_and_nothing_is_written(full_meeting):
    stranger = ConsultantFactory()
    with pytest.raises(PermissionDenied):
        enter(full_meeting, stranger, override_capacity_reason="X")
    assert Registration.objects.filter(meeting=full_meeting).count() == 1
    assert not RegistrationAudit.objects.exists()


def test_only_staff_entries_may_lack_an_email_address():
    with pytest.raises(services.RegistrationError):
        services.registration_create(meeting=MeetingFactory(), data={"name": "Åse"}, email=" ")


def test_walk_in_is_registered_and_checked_in_at_once_after_the_start(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=1)
    RegistrationFactory(meeting=meeting)
    at_the_door = meeting.starts_at + dt.timedelta(minutes=10)
    first = desk.registration_walk_in(meeting=meeting, name="Kim Dør", by=consultant, now=at_the_door)
    second = desk.registration_walk_in(
        meeting=meeting, name="Ida Dør", organisation="AAB", by=consultant, now=at_the_door
    )
    for registration in (first, second):
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CONFIRMED
        assert registration.attended and registration.checked_in_at == at_the_door
        assert registration.channel == RegistrationChannel.DOOR and registration.email == ""
    # Two people without an address are two people; neither gets an email.
    assert not OutgoingEmail.objects.filter(recipient="").exists()
    entry = RegistrationAudit.objects.get(registration=second)
    assert entry.channel == RegistrationChannel.DOOR and entry.by == consultant
    assert entry.override_deadline_reason and entry.override_capacity_reason
    assert entry.emails_sent is False


def test_walk_in_with_a_known_address_checks_in_the_existing_seat(consultant):
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant))
    existing = RegistrationFactory(meeting=meeting, email="kim@example.dk")
    registration = desk.registration_walk_in(meeting=meeting, name="Kim", email="kim@example.dk", by=consultant)
    assert registration.pk == existing.pk and registration.attended
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_move_to_a_meeting_with_seats_frees_the_old_seat_for_the_waiting_list_and_tells_the_person(consultant):
    network = NetworkFactory(coordinator=consultant)
    old = MeetingFactory(network=network, capacity=1, title="Forårsmødet")
    target = MeetingFactory(network=network, capacity=5, title="Efterårsmødet")
    moving = RegistrationFactory(meeting=old, email="flyt@example.dk", diets=[], comment="Kommer med bus")
    waiting = RegistrationFactory(
        meeting=old, email="venter@example.dk", status=RegistrationStatus.WAITING, waiting_since=timezone.now()
    )
    result = desk.registration_move(registration=moving, to_meeting=target, by=consultant)
    assert result.outcome == Outcome.CONFIRMED
    new = result.registration
    assert (new.meeting, new.email, new.comment, new.status) == (
        target,
        "flyt@example.dk",
        "Kommer med bus",
        RegistrationStatus.CONFIRMED,
    )
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED  # the existing rule filled the freed seat
    # One email about the move, none about a cancellation or a fresh sign-up.
    assert templates_to("flyt@example.dk") == ["registration_moved"]
    email = OutgoingEmail.objects.get(recipient="flyt@example.dk")
    assert "Forårsmødet" in email.text_body and "Efterårsmødet" in email.text_body
    assert templates_to("venter@example.dk") == ["registration_promoted"]
    out = RegistrationAudit.objects.get(registration=moving)
    into = RegistrationAudit.objects.get(registration=new)
    assert (out.action, out.other_meeting, out.by) == (AuditAction.MOVED_OUT, target, consultant)
    assert (into.action, into.other_meeting, into.by) == (AuditAction.MOVED_IN, old, consultant)


def test_move_to_a_full_meeting_goes_on_its_waiting_list_and_the_email_says_the_place(consultant, full_meeting):
    old = MeetingFactory(network=full_meeting.network)
    moving = RegistrationFactory(meeting=old, email="flyt@example.dk")
    result = desk.registration_move(registration=moving, to_meeting=full_meeting, by=consultant)
    assert result.outcome == Outcome.WAITING
    email = OutgoingEmail.objects.get(recipient="flyt@example.dk")
    assert email.template == "registration_moved" and "nummer 1 på ventelisten" in email.text_body


def test_move_to_a_full_meeting_without_waiting_list_is_refused_and_changes_nothing(consultant, full_meeting):
    full_meeting.waiting_list_enabled = False
    full_meeting.save()
    old = MeetingFactory(network=full_meeting.network)
    moving = RegistrationFactory(meeting=old, email="flyt@example.dk")
    with pytest.raises(services.MeetingFull):
        desk.registration_move(registration=moving, to_meeting=full_meeting, by=consultant)
    moving.refresh_from_db()
    assert moving.status == RegistrationStatus.CONFIRMED
    assert not Registration.objects.filter(meeting=full_meeting, email="flyt@example.dk").exists()
    assert not RegistrationAudit.objects.exists() and not OutgoingEmail.objects.exists()
    result = desk.registration_move(
        registration=moving, to_meeting=full_meeting, by=consultant, override_capacity_reason="Bytter med kollega"
    )
    assert result.outcome == Outcome.CONFIRMED
    assert (
        RegistrationAudit.objects.get(registration=result.registration).override_capacity_reason == "Bytter med kollega"
    )


def test_move_needs_rights_on_both_meetings(consultant, full_meeting):
    elsewhere = MeetingFactory()  # another network's meeting
    mine = RegistrationFactory(meeting=MeetingFactory(network=full_meeting.network))
    theirs = RegistrationFactory(meeting=elsewhere)
    with pytest.raises(PermissionDenied):
        desk.registration_move(registration=mine, to_meeting=elsewhere, by=consultant)
    with pytest.raises(PermissionDenied):
        desk.registration_move(registration=theirs, to_meeting=full_meeting, by=consultant)
    assert not RegistrationAudit.objects.exists()
    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).count() == 0


def test_move_to_a_meeting_the_person_is_registered_for_is_refused(consultant):
    network = NetworkFactory(coordinator=consultant)
    old, target = MeetingFactory(network=network), MeetingFactory(network=network)
    moving = RegistrationFactory(meeting=old, email="flyt@example.dk")
    RegistrationFactory(meeting=target, email="flyt@example.dk")
    with pytest.raises(services.RegistrationError):
        desk.registration_move(registration=moving, to_meeting=target, by=consultant)
    moving.refresh_from_db()
    assert moving.status == RegistrationStatus.CONFIRMED


def test_cancel_on_behalf_tells_the_person_and_records_who(consultant, full_meeting):
    waiting = RegistrationFactory(
        meeting=full_meeting, email="venter@example.dk", status=RegistrationStatus.WAITING, waiting_since=timezone.now()
    )
    taken = Registration.objects.get(meeting=full_meeting, status=RegistrationStatus.CONFIRMED)
    services.registration_cancel(registration=taken, by_staff=True, by=consultant)
    taken.refresh_from_db()
    waiting.refresh_from_db()
    assert taken.status == RegistrationStatus.CANCELLED and waiting.status == RegistrationStatus.CONFIRMED
    assert templates_to(taken.email) == ["registration_cancelled"]
    entry = RegistrationAudit.objects.get(registration=taken)
    assert (entry.action, entry.by) == (AuditAction.CANCELLED, consultant)


def test_cancel_on_behalf_by_another_networks_consultant_is_refused(full_meeting):
    taken = Registration.objects.get(meeting=full_meeting)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=taken, by_staff=True, by=ConsultantFactory())
    taken.refresh_from_db()
    assert taken.status == RegistrationStatus.CONFIRMED


def test_the_secretariat_enters_registrations_for_every_network(full_meeting):
    result = enter(full_meeting, SecretariatUserFactory(), override_capacity_reason="Bestyrelsen")
    assert result.outcome == Outcome.CONFIRMED


def test_anonymising_a_registration_blanks_the_reasons_staff_wrote_but_keeps_that_they_overrode(
    consultant, full_meeting
):
    from registration.privacy import anonymise_queryset

    result = enter(full_meeting, consultant, override_capacity_reason="Bo Rings chef ringede")
    anonymise_queryset(qs=Registration.objects.filter(pk=result.registration.pk))
    entry = RegistrationAudit.objects.get()
    assert entry.override_capacity_reason == "Anonymiseret" and entry.override_deadline_reason == ""
    assert entry.by == consultant
