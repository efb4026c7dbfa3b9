"""Writing to a meeting's participants: write (filters, text, PDF), preview with real data, test, send, record."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from members.tests.factories import ConsultantFactory
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from registration import participant_messages as pm
from registration.enums import RegistrationStatus
from registration.models import ParticipantMessage

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING, CANCELLED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.CANCELLED


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def consultant(db):
    return ConsultantFactory(first_name="Karin", last_name="Konsulent", email="karin@netvaerk.example")


@pytest.fixture
def meeting(consultant):
    network = NetworkFactory(coordinator=consultant)
    return MeetingFactory(network=network, title="Trivsel i Gellerup", capacity=50)


@pytest.fixture
def staff(client, consultant):
    client.force_login(consultant)
    return client


def write_url(meeting):
    return reverse("registration:staff_message_write", kwargs={"code": meeting.code})


def message_url(message):
    return reverse("registration:staff_message", kwargs={"code": message.meeting.code, "pk": message.pk})


def step_one(**overrides):
    data = {"statuses": [CONFIRMED], "checked_in": "", "subject": "Husk madpakke", "body": "Vi ses på torsdag."}
    data.update(overrides)
    return data


def to(address):
    return [m for m in mail.outbox if address in m.to]


# --- The two steps -----------------------------------------------------------------------------


def test_the_meeting_admins_action_leads_to_step_one(admin_client, meeting):
    response = admin_client.post(
        "/admin/meetings/meeting/", {"action": "write_to_participants", "_selected_action": [meeting.pk]}
    )
    assert response.status_code == 302 and response["Location"] == write_url(meeting)
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert reverse("registration:staff_messages", kwargs={"code": meeting.code}) in page


def test_the_meeting_lists_page_links_to_writing(staff, meeting):
    page = staff.get(reverse("registration:staff_meeting_lists", kwargs={"code": meeting.code})).content.decode()
    assert write_url(meeting) in page


def test_write_to_participants_from_the_admin(admin_client, meeting, commit):
    """Moved from test_emails.py: the admin's action, now through the preview, reaches the participant."""
    RegistrationFactory(meeting=meeting, email="a@example.dk", name="A")
    response = admin_client.post(
        "/admin/meetings/meeting/", {"action": "write_to_participants", "_selected_action": [meeting.pk]}, follow=True
    )
    response = admin_client.post(response.redirect_chain[-1][0], step_one())
    assert response.status_code == 302
    with commit():
        response = admin_client.post(response["Location"], {"send": "1"})
    assert response.status_code == 302
    message = to("a@example.dk")[-1]
    assert message.subject == "Husk madpakke" and "Vi ses på torsdag." in message.body


def test_two_steps_preview_with_the_first_recipients_real_data_then_send(staff, meeting, commit):
    first = RegistrationFactory(meeting=meeting, name="Åse Ærø", email="aase@example.dk", organisation="Brabrand")
    RegistrationFactory(meeting=meeting, name="Bo Berg", email="bo@example.dk")
    RegistrationFactory(meeting=meeting, name="Ventende Vera", status=WAITING)
    body = "Kære {navn} fra {organisation}: {meeting} er {date} på {venue}. Ret her: {personal_link}"
    response = staff.post(write_url(meeting), step_one(subject="Om {meeting}", body=body))
    message = ParticipantMessage.objects.get()
    assert response["Location"] == message_url(message) and message.sent_at is None
    assert message.author == meeting.network.coordinator

    page = staff.get(message_url(message)).content.decode()
    assert "Om Trivsel i Gellerup" in page
    assert "Kære Åse Ærø fra Brabrand: Trivsel i Gellerup er" in page
    assert timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y %H.%M") in page
    assert f"/tilmelding/{first.token}/" in page
    assert "Send til 2 deltagere" in page and "bo@example.dk" in page and "Ventende Vera" not in page
    assert not mail.outbox

    with commit():
        staff.post(message_url(message), {"send": "1"})
    message.refresh_from_db()
    assert message.recipient_count == 2 and message.sent_at is not None
    [email] = to("aase@example.dk")
    assert email.subject == "Om Trivsel i Gellerup"
    assert "Kære Åse Ærø fra Brabrand" in email.body and f"/tilmelding/{first.token}/" in email.body
    assert "Kære Bo Berg" in to("bo@example.dk")[0].body
    assert len(mail.outbox) == 2


def test_going_back_keeps_the_draft_and_its_filters(staff, meeting):
    workshop = WorkshopFactory(meeting=meeting, title="Naboskab")
    staff.post(write_url(meeting), step_one(workshop=workshop.pk, checked_in="no", registered_from="2026-01-01"))
    message = ParticipantMessage.objects.get()
    edit = reverse("registration:staff_message_edit", kwargs={"code": meeting.code, "pk": message.pk})
    form = staff.get(edit).context["form"]
    assert form["subject"].value() == "Husk madpakke" and form["workshop"].value() == workshop.pk
    assert form["checked_in"].value() == "no"
    staff.post(edit, step_one(subject="Ny emnelinje", statuses=[WAITING]))
    message.refresh_from_db()
    assert ParticipantMessage.objects.count() == 1
    assert message.subject == "Ny emnelinje" and message.filters["statuses"] == [WAITING]


def test_a_sent_message_cannot_be_changed_and_shows_its_record(staff, meeting, commit):
    RegistrationFactory(meeting=meeting)
    staff.post(write_url(meeting), step_one())
    message = ParticipantMessage.objects.get()
    with commit():
        staff.post(message_url(message), {"send": "1"})
    edit = reverse("registration:staff_message_edit", kwargs={"code": meeting.code, "pk": message.pk})
    assert staff.get(edit)["Location"] == message_url(message)
    staff.post(edit, step_one(subject="Ændret bagefter"))
    message.refresh_from_db()
    assert message.subject == "Husk madpakke"
    with pytest.raises(pm.MessageError):
        pm.participant_message_save(
            meeting=meeting, by=message.author, subject="x", body="y", filters={}, message=message
        )


def test_the_form_refuses_an_end_before_the_start(staff, meeting):
    response = staff.post(write_url(meeting), step_one(registered_from="2026-03-05", registered_to="2026-03-01"))
    assert response.status_code == 200 and not ParticipantMessage.objects.exists()
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()


def test_the_preview_counts_what_the_filters_choose(staff, meeting):
    workshop = WorkshopFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, name="I værkstedet", workshop=workshop)
    RegistrationFactory(meeting=meeting, name="Uden for")
    staff.post(write_url(meeting), step_one(workshop=workshop.pk))
    preview = staff.get(message_url(ParticipantMessage.objects.get())).context["preview"]
    assert preview.count == 1 and [r.name for r in preview.recipients] == ["I værkstedet"]


# --- Test to me, language, placeholders that block ---------------------------------------------


def test_a_test_goes_only_to_me_marked_as_test(staff, meeting, consultant, commit):
    RegistrationFactory(meeting=meeting, name="Åse", email="aase@example.dk")
    staff.post(write_url(meeting), step_one(body="Hej {name}"))
    message = ParticipantMessage.objects.get()
    for _ in range(2):
        with commit():
            response = staff.post(message_url(message), {"test": "1"})
        assert response.status_code == 302
    tests = to(consultant.email)
    assert len(mail.outbox) == 2 and len(tests) == 2
    assert tests[0].subject == "[TEST] Husk madpakke"
    assert "TEST: sendt kun til dig" in tests[0].body and "Hej Åse" in tests[0].body
    message.refresh_from_db()
    assert message.tests_sent == 2 and message.sent_at is None and not to("aase@example.dk")


def test_each_recipient_gets_it_in_their_own_language(meeting, consultant, commit):
    RegistrationFactory(meeting=meeting, name="Åse", email="da@example.dk", language="da")
    RegistrationFactory(meeting=meeting, name="Ann", email="en@example.dk", language="en")
    message = pm.participant_message_save(
        meeting=meeting, by=consultant, subject="Info", body="{venue}", filters={"statuses": [CONFIRMED]}
    )
    with commit():
        pm.participant_message_send(message=message, by=consultant)
    assert to("da@example.dk")[0].body.startswith("Kære Åse")
    assert to("en@example.dk")[0].body.startswith("Dear Ann")


def test_an_unknown_placeholder_blocks_the_form_with_its_name(staff, meeting):
    RegistrationFactory(meeting=meeting)
    response = staff.post(write_url(meeting), step_one(body="Hej {fornavn}, se {meeting"))
    content = response.content.decode()
    assert response.status_code == 200 and not ParticipantMessage.objects.exists()
    assert "Ukendt pladsholder {fornavn}." in content
    assert "En klamme uden sin makker: {meeting" in content


def test_an_unknown_placeholder_blocks_the_test_and_the_send_in_the_service(meeting, consultant, commit):
    RegistrationFactory(meeting=meeting)
    message = pm.participant_message_save(
        meeting=meeting, by=consultant, subject="Hej {fornavn}", body="x", filters={"statuses": [CONFIRMED]}
    )
    with commit():
        for send in (pm.participant_message_send, pm.participant_message_send_test):
            with pytest.raises(pm.MessageError, match=r"\{fornavn\}"):
                send(message=message, by=consultant)
    message.refresh_from_db()
    assert message.sent_at is None and not mail.outbox and not OutgoingEmail.objects.exists()
    assert pm.participant_message_preview(message=message, by=consultant).email is None


def test_nothing_to_send_when_no_one_matches(staff, meeting, commit):
    staff.post(write_url(meeting), step_one())
    message = ParticipantMessage.objects.get()
    with commit():
        page = staff.post(message_url(message), {"send": "1"}, follow=True).content.decode()
    assert "Ingen deltagere passer til filtrene." in page
    message.refresh_from_db()
    assert message.sent_at is None and not mail.outbox


# --- The attachment ----------------------------------------------------------------------------


def test_a_pdf_is_attached_to_each_email_and_kept_privately(staff, meeting, files, commit):
    RegistrationFactory(meeting=meeting, email="a@example.dk")
    RegistrationFactory(meeting=meeting, email="b@example.dk")
    pdf = pdf_bytes()
    staff.post(write_url(meeting), {**step_one(), "attachment": SimpleUploadedFile("Program.pdf", pdf)})
    message = ParticipantMessage.objects.get()
    assert message.attachment_name == "Program.pdf"
    assert (files / message.attachment.name).read_bytes() == pdf
    with commit():
        staff.post(message_url(message), {"send": "1"})
    for address in ("a@example.dk", "b@example.dk"):
        [email] = to(address)
        assert email.attachments == [("Program.pdf", pdf, "application/pdf")]
        assert "Vedhæftet: Program.pdf" in email.body


def test_an_attachment_can_be_replaced_and_removed_on_the_draft(staff, meeting, files, commit):
    staff.post(write_url(meeting), {**step_one(), "attachment": SimpleUploadedFile("a.pdf", pdf_bytes())})
    message = ParticipantMessage.objects.get()
    first = files / message.attachment.name
    edit = reverse("registration:staff_message_edit", kwargs={"code": meeting.code, "pk": message.pk})
    with commit():
        staff.post(edit, {**step_one(), "remove_attachment": "on"})
    message.refresh_from_db()
    assert not message.attachment and message.attachment_name == "" and not first.exists()


def test_deleting_a_message_removes_its_attachment(admin_client, staff, meeting, files, commit):
    staff.post(write_url(meeting), {**step_one(), "attachment": SimpleUploadedFile("a.pdf", pdf_bytes())})
    message = ParticipantMessage.objects.get()
    stored = files / message.attachment.name
    assert stored.exists()
    with commit():
        admin_client.post(reverse("admin:registration_participantmessage_delete", args=[message.pk]), {"post": "yes"})
    assert not ParticipantMessage.objects.exists() and not stored.exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("stor.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "Filen er for stor: højst 2 MB."),
        ("billede.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "Filen er ikke en PDF."),
        ("tekst.txt", b"Hej med dig", "Filen er ikke en PDF."),
        ("halv.pdf", b"%PDF-1.7\n1 0 obj\n<<", "Filen kunne ikke læses som PDF."),
    ],
)
def test_an_attachment_too_big_or_not_a_pdf_is_refused_in_danish(staff, meeting, files, name, content, expected):
    response = staff.post(write_url(meeting), {**step_one(), "attachment": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and not ParticipantMessage.objects.exists()
    assert expected in response.content.decode()


# --- Idempotency and access --------------------------------------------------------------------


def test_sending_the_same_message_twice_sends_nothing_twice(staff, meeting, consultant, commit):
    for i in range(3):
        RegistrationFactory(meeting=meeting, email=f"p{i}@example.dk")
    staff.post(write_url(meeting), step_one())
    message = ParticipantMessage.objects.get()
    with commit():
        staff.post(message_url(message), {"send": "1"})
    with commit():
        page = staff.post(message_url(message), {"send": "1"}, follow=True).content.decode()
        assert pm.participant_message_send(message=message, by=consultant) == 0
        # The worker's part run again (a redelivered task) queues nothing new.
        assert pm.participant_message_deliver(message_id=message.pk) == 3
    assert "allerede sendt" in page
    assert len(mail.outbox) == 3
    assert OutgoingEmail.objects.filter(idempotency_key__startswith=f"participant-message:{message.pk}:").count() == 3


def test_another_networks_consultant_is_refused_everywhere(client, meeting, consultant):
    RegistrationFactory(meeting=meeting, name="Hemmelig Deltager")
    message = pm.participant_message_save(
        meeting=meeting, by=consultant, subject="Fortroligt", body="x", filters={"statuses": [CONFIRMED]}
    )
    other = ConsultantFactory()
    NetworkFactory(coordinator=other)
    client.force_login(other)
    urls = [
        reverse("registration:staff_messages", kwargs={"code": meeting.code}),
        write_url(meeting),
        message_url(message),
        reverse("registration:staff_message_edit", kwargs={"code": meeting.code, "pk": message.pk}),
    ]
    for url in urls:
        for response in (client.get(url), client.post(url, {**step_one(), "send": "1", "test": "1"})):
            assert response.status_code == 403, url
            assert b"Hemmelig" not in response.content and b"Fortroligt" not in response.content
    for call in (pm.participant_message_send, pm.participant_message_send_test, pm.participant_message_preview):
        with pytest.raises(PermissionDenied):
            call(message=message, by=other)
    message.refresh_from_db()
    assert message.sent_at is None and message.tests_sent == 0 and ParticipantMessage.objects.count() == 1
    assert not OutgoingEmail.objects.exists()
    assert Network.objects.filter(coordinator=other).exists()


def test_members_and_anonymous_get_no_page(client, meeting):
    url = write_url(meeting)
    assert client.get(url).status_code == 302  # to the login page
    from members.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_the_preview_and_the_record_read_as_many_rows_for_3_as_for_30_recipients(staff, meeting, consultant, commit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n):
        for _ in range(n):
            RegistrationFactory(meeting=meeting)
        message = pm.participant_message_save(
            meeting=meeting, by=consultant, subject="Hej", body="{name}", filters={"statuses": [CONFIRMED]}
        )
        counted = []
        for step in ("preview", "record"):
            if step == "record":
                with commit():
                    pm.participant_message_send(message=message, by=consultant)
            with CaptureQueriesContext(connection) as captured:
                assert staff.get(message_url(message)).status_code == 200
            counted.append(len(captured))
        return counted

    assert queries(3) == queries(27)
