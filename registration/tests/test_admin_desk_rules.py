"""The registration admin's change form follows the desk's rules: another meeting is the desk's move
(registration/desk.py), the status "cancelled" the desk's cancel for the person (services.registration_cancel)."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from members.tests.factories import ConsultantFactory
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from registration.enums import AuditAction, RegistrationStatus
from registration.models import Registration, RegistrationAudit

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(db):
    """A consultant given the registration admin (the secretariat's by default): the networks he plans only."""
    consultant = ConsultantFactory()
    consultant.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="registration", codename="change_registration")
    )
    return consultant


@pytest.fixture
def network(consultant):
    return NetworkFactory(coordinator=consultant)


@pytest.fixture
def staff(consultant_client):
    """The network's consultant, logged in (conftest.py)."""
    return consultant_client


@pytest.fixture
def registration(network):
    meeting = MeetingFactory(network=network, capacity=1, waiting_list_enabled=True, title="Første møde")
    return RegistrationFactory(meeting=meeting, name="Åse Ærø", email="aase@example.dk")


def change_url(registration):
    return reverse("admin:registration_registration_change", args=[registration.pk])


def post_change(client, registration, **changes):
    """The admin's change form as the page fills it in, with ``changes`` typed over it."""
    url = change_url(registration)
    page = client.get(url).context
    form = page["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    for inline in page["inline_admin_formsets"]:  # who pays, on a priced meeting's registration
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
    data.update(meeting=registration.meeting_id, diets=[], _save="1")
    data.update(changes)
    return client.post(url, data)


def shown_messages(client, response) -> list[str]:
    if response.status_code == 302:
        response = client.get(response["Location"])
    return [str(message) for message in get_messages(response.wsgi_request)] + [
        str(message) for message in (response.context or {}).get("messages", [])
    ]


def templates_to(address):
    return sorted(OutgoingEmail.objects.filter(recipient=address).values_list("template", flat=True))


def assert_unchanged(registration, meeting):
    registration.refresh_from_db()
    assert (registration.meeting_id, registration.status, registration.name) == (
        meeting.pk,
        RegistrationStatus.CONFIRMED,
        "Åse Ærø",
    )
    assert Registration.objects.filter(email="aase@example.dk").count() == 1
    assert not RegistrationAudit.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_admin_move_into_a_meeting_with_room_is_the_desks_move(staff, consultant, registration, network):
    old_meeting = registration.meeting
    waiting = RegistrationFactory(
        meeting=old_meeting, status=RegistrationStatus.WAITING, waiting_since=old_meeting.created_at
    )
    target = MeetingFactory(network=network, capacity=5, title="Andet møde")
    response = post_change(staff, registration, meeting=target.pk)
    moved = Registration.objects.get(meeting=target)
    assert response.status_code == 302 and response["Location"] == change_url(moved)
    assert any("Flyttet til" in message for message in shown_messages(staff, response))
    assert (moved.email, moved.name, moved.status) == ("aase@example.dk", "Åse Ærø", RegistrationStatus.CONFIRMED)
    registration.refresh_from_db()
    assert registration.meeting_id == old_meeting.pk and registration.status == RegistrationStatus.CANCELLED
    assert templates_to("aase@example.dk") == ["registration_moved"]
    moved_in = moved.audit_entries.get()
    assert (moved_in.action, moved_in.by, moved_in.other_meeting) == (AuditAction.MOVED_IN, consultant, old_meeting)
    moved_out = registration.audit_entries.get()
    assert (moved_out.action, moved_out.other_meeting) == (AuditAction.MOVED_OUT, target)
    # The freed seat went to the old meeting's waiting list, as on the desk page.
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_admin_move_into_a_full_meeting_is_refused_with_the_danish_message_and_changes_nothing(
    staff, registration, network
):
    full = MeetingFactory(network=network, capacity=1, waiting_list_enabled=False)
    RegistrationFactory(meeting=full, email="optaget@example.dk")
    response = post_change(staff, registration, meeting=full.pk)
    assert response.status_code == 302 and response["Location"] == change_url(registration)
    assert "Mødet er fuldt booket." in shown_messages(staff, response)
    assert_unchanged(registration, registration.meeting)
    assert not Registration.objects.filter(meeting=full, email="aase@example.dk").exists()


def test_admin_move_into_a_full_meeting_with_a_reason_gives_a_seat_and_records_it(staff, registration, network):
    full = MeetingFactory(network=network, capacity=1, waiting_list_enabled=False)
    RegistrationFactory(meeting=full, email="optaget@example.dk")
    post_change(staff, registration, meeting=full.pk, override_capacity_reason="Oplægsholder", no_email="on")
    moved = Registration.objects.get(meeting=full, email="aase@example.dk")
    assert moved.status == RegistrationStatus.CONFIRMED
    entry = moved.audit_entries.get()
    assert (entry.override_capacity_reason, entry.emails_sent) == ("Oplægsholder", False)
    assert not OutgoingEmail.objects.exists()


def test_admin_move_with_other_changes_shows_the_form_again_and_saves_nothing(staff, registration, network):
    target = MeetingFactory(network=network, capacity=5)
    response = post_change(staff, registration, meeting=target.pk, name="Åse Holm")
    assert response.status_code == 200
    assert "Skift mødet for sig" in response.content.decode()
    assert_unchanged(registration, registration.meeting)


def test_admin_move_with_who_pays_filled_in_is_refused_and_saves_nothing(secretariat_client, network):
    staff = secretariat_client  # who pays is the secretariat's
    priced = MeetingFactory(network=network, capacity=5, price=500)
    registration = RegistrationFactory(meeting=priced, name="Åse Ærø", email="aase@example.dk")
    target = MeetingFactory(network=network, capacity=5, price=500)
    response = post_change(
        staff,
        registration,
        meeting=target.pk,
        **{"invoice_details-0-payer": "private", "invoice_details-0-private_name": "Åse Ærø"},
        **{
            "invoice_details-0-street": "Vej 1",
            "invoice_details-0-postal_code": "8000",
            "invoice_details-0-city": "Aarhus",
        },
    )
    assert "Skift mødet for sig" in " ".join(shown_messages(staff, response))
    assert_unchanged(registration, priced)
    assert not hasattr(Registration.objects.get(pk=registration.pk), "invoice_details")
    # Without the inline filled in, the move is made (the inline's empty form is not saved anywhere).
    response = post_change(staff, registration, meeting=target.pk)
    moved = Registration.objects.get(meeting=target)
    assert response["Location"] == change_url(moved) and moved.status == RegistrationStatus.CONFIRMED


def test_admin_move_into_a_meeting_where_the_address_is_registered_is_refused(staff, registration, network):
    target = MeetingFactory(network=network, capacity=5)
    RegistrationFactory(meeting=target, email="AASE@example.dk")
    response = post_change(staff, registration, meeting=target.pk)
    assert "allerede tilmeldt" in response.content.decode() + " ".join(shown_messages(staff, response))
    registration.refresh_from_db()
    assert registration.meeting_id != target.pk and registration.status == RegistrationStatus.CONFIRMED
    assert not RegistrationAudit.objects.exists()


def test_a_consultant_cannot_move_a_registration_into_a_network_he_does_not_plan(staff, registration):
    elsewhere = MeetingFactory(network=NetworkFactory(), capacity=50, title="Andet netværk")
    autocomplete = staff.get(
        reverse("admin:autocomplete"),
        {"app_label": "registration", "model_name": "registration", "field_name": "meeting", "term": ""},
    )
    assert autocomplete.status_code == 200
    offered = {int(result["id"]) for result in autocomplete.json()["results"]}
    assert registration.meeting_id in offered and elsewhere.pk not in offered
    # Posted past the widget: the form's choices are the planned networks' meetings.
    response = post_change(staff, registration, meeting=elsewhere.pk)
    assert response.status_code == 200
    assert "meeting" in response.context["adminform"].form.errors
    assert_unchanged(registration, registration.meeting)
    assert not Registration.objects.filter(meeting=elsewhere).exists()


def test_admin_status_cancelled_is_the_desks_cancel_for_the_person(staff, consultant, network):
    meeting = MeetingFactory(network=network, capacity=1, waiting_list_enabled=True)
    workshop = WorkshopFactory(meeting=meeting, capacity=1)
    registration = RegistrationFactory(meeting=meeting, email="afbud@example.dk", workshop=workshop)
    waiting = RegistrationFactory(
        meeting=meeting,
        status=RegistrationStatus.WAITING,
        waiting_since=meeting.created_at,
        email="venter@example.dk",
        workshop_first=workshop,
    )
    response = post_change(staff, registration, status=RegistrationStatus.CANCELLED)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED and registration.cancelled_at is not None
    assert registration.workshop is None
    entry = registration.audit_entries.get()
    assert (entry.action, entry.by, entry.emails_sent) == (AuditAction.CANCELLED, consultant, True)
    assert templates_to("afbud@example.dk") == ["registration_cancelled"]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.workshop == workshop
    assert templates_to("venter@example.dk") == ["registration_promoted"]


def test_admin_status_cancelled_with_no_email_tells_nobody_but_records_it(staff, registration):
    post_change(staff, registration, status=RegistrationStatus.CANCELLED, no_email="on")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.audit_entries.get().emails_sent is False
    assert not OutgoingEmail.objects.exists()
