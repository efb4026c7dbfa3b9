"""The outbox's part of /health/: emails overdue that no worker or sweeper has taken."""

import json
from datetime import timedelta

import pytest

from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context


@pytest.mark.django_db(transaction=True)  # the checks run in threads of their own
def test_health_reports_emails_overdue_in_the_outbox(client, settings):
    from django.utils import timezone

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # the full stack's checks; nothing answers there
    settings.OUTBOX_BACKLOG_SECONDS = 900
    email = email_queue(
        to="x@example.org",
        template="test_message",
        context=demo_organiser_context(),
        language="da",
        idempotency_key="b",
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.QUEUED, next_attempt_at=timezone.now() - timedelta(seconds=600)
    )
    report = json.loads(client.get("/health/", HTTP_ACCEPT="application/json").content)
    assert report["Outbox backlog"] == "OK"

    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=901))
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert json.loads(response.content)["Outbox backlog"].startswith("Warning: 1 email(s) overdue")
