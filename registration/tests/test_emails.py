"""The participant emails, end to end through the outbox (eager tasks, local mail backend)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from meetings import services as meeting_services
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, VenueFactory, WorkshopFactory
from outbox.models import OutgoingEmail
from registration import emails, meeting_changes, services
from registration.models import Registration

from .conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the outbox's send tasks) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_web_signup_delivers_one_confirmation_with_a_calendar_file(client, commit):
    meeting = MeetingFactory(title="Sociale viceværter")
    AgendaItemFactory(meeting=meeting, title="Velkommen")
    with commit():
        client.post(meeting.get_absolute_url(), form_data())
    [message] = sent_to("aase@example.dk")
    assert "Sociale viceværter" in message.subject and "bekræftet" in message.subject.lower()
    assert "Velkommen" in message.body and "/tilmelding/" in message.body
    assert "DKK 0,-" in message.body
    [(filename, content, mimetype), (qr_name, _qr, qr_type)] = message.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    # The check-in QR code for the door (registration/tests/test_checkin.py decodes it).
    assert (qr_name, qr_type) == ("tjek-ind-kode.png", "image/png")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.starts_at
    assert message.alternatives and "<html" in message.alternatives[0][0]
    assert message.extra_headers.get("Message-ID") or message.message()["Message-ID"]


def test_english_participant_gets_english_email(client, commit):
    meeting = MeetingFactory()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    with commit():
        client.post(meeting.get_absolute_url(), form_data())
    [message] = sent_to("aase@example.dk")
    assert "confirmed" in message.subject.lower()
    assert Registration.objects.get().language == "en"


def test_rolled_back_registration_sends_nothing(commit):
    meeting = MeetingFactory()
    with pytest.raises(RuntimeError), commit():
        from django.db import transaction

        with transaction.atomic():
            services.registration_create(meeting=meeting, data={"name": "Åse"}, email="aase@example.dk")
            raise RuntimeError("rollback")
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()


def test_waiting_promoted_and_cancelled_emails(commit):
    meeting = MeetingFactory(capacity=1)
    with commit():
        first = services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk").registration
        services.registration_create(meeting=meeting, data={"name": "B"}, email="b@example.dk")
    assert "venteliste" in sent_to("b@example.dk")[0].subject.lower()
    assert "nummer 1 på ventelisten" in sent_to("b@example.dk")[0].body
    with commit():
        services.registration_cancel(registration=first)
    assert "afmeldt" in sent_to("a@example.dk")[-1].subject.lower()
    promoted = sent_to("b@example.dk")[-1]
    assert "plads" in promoted.subject.lower() and promoted.attachments


def test_a_sign_up_renders_no_email_while_it_holds_the_seat_lock(monkeypatch, commit):
    # The seat lock is held to the commit: the confirmation and the waiting-list email are stored
    # by name under it and rendered by the worker afterwards, with the place decided under the lock.
    from outbox import render as outbox_render

    meeting = MeetingFactory(capacity=1)
    AgendaItemFactory(meeting=meeting, title="Velkommen")
    rendered = []
    original = outbox_render.email_render
    monkeypatch.setattr(outbox_render, "email_render", lambda **kw: rendered.append(kw["template"]) or original(**kw))
    with commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
        services.registration_create(meeting=meeting, data={"name": "B"}, email="b@example.dk")
        services.registration_create(meeting=meeting, data={"name": "C"}, email="c@example.dk")
        assert rendered == []
        assert all(row.awaits_rendering for row in OutgoingEmail.objects.all())
    assert sorted(rendered) == ["registration_confirmed", "registration_waiting", "registration_waiting"]
    [confirmed] = sent_to("a@example.dk")
    assert "Velkommen" in confirmed.body and confirmed.attachments
    assert "nummer 2 på ventelisten" in sent_to("c@example.dk")[0].body
    assert not OutgoingEmail.objects.filter(text_body="").exists()


def test_second_signup_sends_the_personal_link_to_the_owner_only(client, commit):
    meeting = MeetingFactory()
    with commit():
        client.post(meeting.get_absolute_url(), form_data())
        client.post(meeting.get_absolute_url(), form_data(name="Fremmed"))
    messages = sent_to("aase@example.dk")
    assert len(messages) == 2
    assert "/tilmelding/" in messages[1].body and "allerede tilmeldt" in messages[1].body


def test_repeated_signups_send_the_link_at_most_once_an_hour_whatever_the_clock_hour(client, commit):
    meeting = MeetingFactory()
    # The sign-up a minute before a full hour and the retries after it: one link email.
    start = timezone.localtime(meeting.registration_deadline).replace(minute=0, second=0) - dt.timedelta(days=1)
    with time_machine.travel(start - dt.timedelta(minutes=1), tick=False), commit():
        client.post(meeting.get_absolute_url(), form_data())
        client.post(meeting.get_absolute_url(), form_data(name="Fremmed"))
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False), commit():
        client.post(meeting.get_absolute_url(), form_data(name="Fremmed"))
    assert len(sent_to("aase@example.dk")) == 2  # the confirmation and one link
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False), commit():
        client.post(meeting.get_absolute_url(), form_data(name="Fremmed"))
    assert len(sent_to("aase@example.dk")) == 3  # an hour after the sign-up: the link once more


def test_online_link_only_for_confirmed_participants(commit):
    meeting = MeetingFactory(capacity=1, format="online", venue=None, online_url="https://teams.example/m/1")
    with commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
        services.registration_create(meeting=meeting, data={"name": "B"}, email="b@example.dk")
    assert "https://teams.example/m/1" in sent_to("a@example.dk")[0].body
    assert "https://teams.example/m/1" not in sent_to("b@example.dk")[0].body


def test_reminders_are_due_at_nine_two_days_before_and_sent_once(commit):
    start = timezone.make_aware(dt.datetime(2027, 3, 18, 13, 0))
    meeting = MeetingFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=3), registration_deadline=start - dt.timedelta(days=3)
    )
    with time_machine.travel(start - dt.timedelta(days=10)), commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
    assert emails.reminder_due_at(meeting) == timezone.make_aware(dt.datetime(2027, 3, 16, 9, 0))
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 3, 16, 8, 59))), commit():
        assert emails.reminders_send_due() == 0
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 3, 16, 9, 1))), commit():
        emails.reminders_send_due()
        emails.reminders_send_due()
    reminders = [m for m in sent_to("a@example.dk") if "påmindelse" in m.subject.lower()]
    assert len(reminders) == 1
    assert "/tilmelding/" in reminders[0].body


def test_reminder_can_be_switched_off_per_meeting(commit):
    meeting = MeetingFactory(reminder_enabled=False, starts_at=timezone.now() + dt.timedelta(hours=30))
    meeting.registration_deadline = meeting.starts_at - dt.timedelta(hours=1)
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=2)
    meeting.save()
    with commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
        assert emails.reminders_send_due() == 0


def test_changed_time_or_venue_tells_participants_with_a_new_calendar_file(commit):
    meeting = MeetingFactory()
    with commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
    before = type(meeting).objects.get(pk=meeting.pk)
    meeting.starts_at += dt.timedelta(hours=1)
    meeting.ends_at += dt.timedelta(hours=1)
    meeting.venue = VenueFactory(name="Nyt Beboerhus")
    meeting.save()
    with commit():
        # Through the meetings' service, as any door (admin, a script) saves a meeting: registration hears it.
        saved = meeting_services.meeting_saved(before=before, after=meeting)
    assert saved.told == 1 and saved.event == "meeting.changed"
    message = sent_to("a@example.dk")[-1]
    assert "Ændret" in message.subject
    assert "Nyt tidspunkt" in message.body and "Nyt Beboerhus" in message.body
    assert message.attachments


def test_a_saved_meeting_without_a_change_participants_must_know_tells_nobody(commit):
    meeting = MeetingFactory()
    with commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
    before = type(meeting).objects.get(pk=meeting.pk)
    meeting.teaser = "En ny teaser"
    meeting.save()
    sent = len(sent_to("a@example.dk"))
    with commit():
        saved = meeting_services.meeting_saved(before=before, after=meeting)
    assert saved.told == 0 and saved.event == "meeting.changed"  # integrations hear it, participants are not bothered
    assert len(sent_to("a@example.dk")) == sent
    with commit():
        assert meeting_services.meeting_saved(before=None, after=MeetingFactory(status="draft")).told == 0


def test_cancelled_meeting_tells_and_cancels_every_participant(commit):
    meeting = MeetingFactory(capacity=1)
    with commit():
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk")
        services.registration_create(meeting=meeting, data={"name": "B"}, email="b@example.dk")
    before = type(meeting).objects.get(pk=meeting.pk)
    meeting.status = "cancelled"
    meeting.cancellation_reason = "For få tilmeldte."
    meeting.save()
    with commit():
        assert meeting_changes.meeting_staff_change_notify(before=before, after=meeting) == 2
    assert all("Aflyst" in sent_to(a)[-1].subject for a in ("a@example.dk", "b@example.dk"))
    assert "For få tilmeldte." in sent_to("a@example.dk")[-1].body
    assert not Registration.objects.active().exists()
    # Nobody was "promoted" into a cancelled meeting.
    assert not any("plads" in m.subject.lower() for m in sent_to("b@example.dk"))


def test_deadline_summary_goes_to_the_coordinator_once(commit):
    meeting = MeetingFactory()
    WorkshopFactory(meeting=meeting, title="Sundhed & trivsel")
    with commit():
        services.registration_create(
            meeting=meeting, data={"name": "A", "diets": ["halal"]}, email="a@example.dk", sensitive_consent=True
        )
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(minutes=5)), commit():
        emails.deadline_summaries_send()
        emails.deadline_summaries_send()
    coordinator = meeting.network.coordinator.email if meeting.network.coordinator else meeting.contact()["email"]
    summaries = sent_to(coordinator)
    assert len(summaries) == 1
    assert "Halal: 1" in summaries[0].body and "Sundhed & trivsel" in summaries[0].body


def test_every_email_template_has_a_staff_preview(admin_client, demo):
    from outbox.registry import EMAIL_TEMPLATES

    for name in EMAIL_TEMPLATES:
        response = admin_client.get(f"/admin/outbox/outgoingemail/previews/{name}/")
        assert response.status_code == 200, name


@pytest.mark.django_db(transaction=True)
def test_a_meeting_moved_in_the_admin_tells_its_participants_and_the_consultant_sees_how_many(admin_client):
    from django.urls import reverse

    from meetings.tests.test_admin import _change_form_data

    meeting = MeetingFactory()
    for email in ("a@example.dk", "b@example.dk"):
        services.registration_create(meeting=meeting, data={"name": "A"}, email=email)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _change_form_data(admin_client.get(url))
    data["venue"] = VenueFactory(name="Nyt Beboerhus").pk
    page = admin_client.post(url, data, follow=True)
    assert "2 deltagere får besked om ændringen på e-mail." in page.content.decode()
    assert all("Nyt Beboerhus" in sent_to(email)[-1].body for email in ("a@example.dk", "b@example.dk"))
