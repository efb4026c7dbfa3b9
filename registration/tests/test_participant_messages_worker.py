"""Writing to participants through the real parts: Redis, a Celery worker process, an SMTP server.

Needs PostgreSQL and Redis (skips without them; fails instead when REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.support import wait_for
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from registration.enums import RegistrationStatus
from registration.models import ParticipantMessage

from .factories import RegistrationFactory
from .test_participant_messages import message_url, pdf_bytes, step_one, write_url

pytestmark = pytest.mark.services


@pytest.fixture
def default_queue(broker):
    """Tasks of the default queue (the message's delivery) go to this test's queue, which its worker takes."""
    from config.celery_app import app

    saved = app.conf.task_default_queue
    app.conf.task_default_queue = broker["default"]
    yield broker["default"]
    app.conf.task_default_queue = saved


def test_record_shows_each_recipients_delivery_after_a_real_worker_sent_it(
    client, start_worker, smtp_sink, settle, default_queue, settings, tmp_path
):
    # The worker process shares the test's private files and takes the test's own queues.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    start_worker(PRIVATE_MEDIA_ROOT=str(tmp_path / "private"))
    consultant = ConsultantFactory(first_name="Karin", last_name="Konsulent")
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=50)
    for name, email in [("Åse", "aase@example.dk"), ("Bo", "bo@example.dk"), ("Cai", "cai@example.dk")]:
        RegistrationFactory(meeting=meeting, name=name, email=email)
    RegistrationFactory(meeting=meeting, name="Venter", email="venter@example.dk", status=RegistrationStatus.WAITING)
    client.force_login(consultant)
    pdf = pdf_bytes()
    client.post(write_url(meeting), {**step_one(body="Kære {name}"), "attachment": SimpleUploadedFile("P.pdf", pdf)})
    message = ParticipantMessage.objects.get()
    client.post(message_url(message), {"send": "1"})
    client.post(message_url(message), {"send": "1"})  # a double click

    wait_for(lambda: smtp_sink.count() >= 3, message="the three emails at the SMTP server")
    settle()
    received = {m["To"]: m for m in smtp_sink.messages}
    assert sorted(received) == ["aase@example.dk", "bo@example.dk", "cai@example.dk"]
    body = received["bo@example.dk"].get_body(preferencelist=("plain",)).get_content()
    assert "Kære Bo" in body
    [attachment] = received["bo@example.dk"].iter_attachments()
    assert attachment.get_filename() == "P.pdf" and attachment.get_content() == pdf
    wait_for(
        lambda: set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT},
        message="every email marked sent",
    )

    page = client.get(message_url(message))
    deliveries = page.context["deliveries"]
    assert [(d.email, d.status) for d in deliveries] == [
        ("aase@example.dk", "sent"),
        ("bo@example.dk", "sent"),
        ("cai@example.dk", "sent"),
    ]
    content = page.content.decode()
    assert "Karin Konsulent" in content and content.count('data-status="sent"') == 3
    assert "sendt: 3" in content
    listing = client.get(reverse("registration:staff_messages", kwargs={"code": meeting.code})).content.decode()
    assert "Husk madpakke" in listing and "Karin Konsulent" in listing
