"""One stored file sent to many: each outbox row names it, the worker reads it when it sends."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from outbox.enums import EmailStatus
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context
from outbox.render import stored_attachment
from outbox.sending import email_send

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def stored_pdf(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    name = storages["private"].save("beskeder/program.pdf", ContentFile(PDF))
    return stored_attachment(filename="Program.pdf", content_type="application/pdf", storage="private", name=name)


def _queue(key, attachment):
    return email_queue(
        to="deltager@example.org",
        template="test_message",
        context={**demo_organiser_context(), "recipient_name": "Trine", "message": "Se bilaget"},
        language="da",
        idempotency_key=key,
        attachments=[attachment],
    )


def test_rows_name_the_file_and_the_sent_emails_carry_it(stored_pdf):
    first, second = _queue("stored:1", stored_pdf), _queue("stored:2", stored_pdf)

    for email in (first, second):
        assert email.attachments == [stored_pdf]  # the name, not the bytes
        assert email_send(email_id=email.pk).outcome == "sent"
    assert [message.attachments for message in mail.outbox] == [[("Program.pdf", PDF, "application/pdf")]] * 2


def test_a_file_deleted_before_sending_fails_the_email_without_retries(stored_pdf):
    email = _queue("stored:3", stored_pdf)
    storages["private"].delete(stored_pdf["name"])

    assert email_send(email_id=email.pk).outcome == "failed"
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and "FileNotFoundError" in email.last_error
    assert mail.outbox == []
