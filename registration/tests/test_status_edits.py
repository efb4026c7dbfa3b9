"""A status set by hand in the admin goes through the seat lock and the capacity rule (registration/status_edits.py)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from registration import services, status_edits
from registration.enums import AuditAction, RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _post_status(client, registration, **changes):
    url = reverse("admin:registration_registration_change", args=[registration.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(meeting=registration.meeting_id, diets=[], _save="1", **changes)
    return client.post(url, data, follow=True)


def test_admin_refuses_to_confirm_above_capacity_with_a_danish_message_and_keeps_the_other_changes(admin_client):
    meeting = MeetingFactory(capacity=1, waiting_list_enabled=True)
    RegistrationFactory(meeting=meeting)
    cancelled = RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED, name="Åse")
    response = _post_status(admin_client, cancelled, status=RegistrationStatus.CONFIRMED, name="Åse Holm")
    assert response.status_code == 200
    shown = [str(message) for message in get_messages(response.wsgi_request)] + [
        str(message) for message in response.context["messages"]
    ]
    assert any("Mødet er fuldt" in message for message in shown), shown
    cancelled.refresh_from_db()
    assert cancelled.status == RegistrationStatus.CANCELLED
    assert cancelled.name == "Åse Holm"  # the rest of the form was saved
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 1


def test_admin_confirms_above_capacity_with_a_reason_and_records_it(admin_client):
    meeting = MeetingFactory(capacity=1, waiting_list_enabled=True)
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=meeting.created_at)
    response = _post_status(
        admin_client, waiting, status=RegistrationStatus.CONFIRMED, override_capacity_reason="Oplægsholder"
    )
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.confirmed_at is not None
    entry = waiting.audit_entries.get()
    assert entry.action == AuditAction.CONFIRMED and entry.override_capacity_reason == "Oplægsholder"


def test_admin_confirms_within_capacity_without_a_reason(admin_client):
    meeting = MeetingFactory(capacity=2)
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=meeting.created_at)
    _post_status(admin_client, waiting, status=RegistrationStatus.CONFIRMED)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and not waiting.audit_entries.exists()


def test_a_cancelled_registration_made_active_again_comes_after_those_waiting(admin_user):
    meeting = MeetingFactory(capacity=2, waiting_list_enabled=True)
    RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=meeting.created_at)
    cancelled = RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    with pytest.raises(services.MeetingFull):
        status_edits.registration_status_set(registration=cancelled, status=RegistrationStatus.CONFIRMED, by=admin_user)
    cancelled.refresh_from_db()
    assert cancelled.status == RegistrationStatus.CANCELLED


def test_an_admin_edit_never_writes_back_a_status_changed_after_it_read_the_row(admin_client, monkeypatch):
    """The person cancels between the admin reading the row and saving another field: the seat stays free."""
    from registration.admin import RegistrationAdmin

    meeting = MeetingFactory(capacity=1)
    registration = RegistrationFactory(meeting=meeting, name="Bo")
    url = reverse("admin:registration_registration_change", args=[registration.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(meeting=meeting.pk, diets=[], _save="1", name="Bo Holm")
    read = RegistrationAdmin.get_object

    def read_then_cancelled_meanwhile(self, request, object_id, from_field=None):
        obj = read(self, request, object_id, from_field)
        if request.method == "POST":
            services.registration_cancel(registration=Registration.objects.get(pk=obj.pk))
        return obj

    monkeypatch.setattr(RegistrationAdmin, "get_object", read_then_cancelled_meanwhile)
    assert admin_client.post(url, data).status_code == 302
    registration.refresh_from_db()
    assert registration.name == "Bo Holm" and registration.status == RegistrationStatus.CANCELLED
