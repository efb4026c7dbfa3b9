"""Real threads and transactions on PostgreSQL: the reminder job run several times at once reminds once."""

import datetime as dt

import pytest

from accessibility.services import statement_review_reminders_send
from accessibility.tests.factories import StatementFactory
from members.tests.factories import SecretariatUserFactory
from outbox.models import OutgoingEmail
from registration.tests.test_concurrency import run_concurrently

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


def test_reminder_job_run_at_once_in_several_workers_sends_once():
    StatementFactory(last_reviewed=dt.date(2025, 3, 12))
    SecretariatUserFactory(email="sanne@netvaerk.example")
    SecretariatUserFactory(email="bente@netvaerk.example")
    results, errors = run_concurrently(6, lambda i: statement_review_reminders_send(today=dt.date(2026, 2, 12)))
    assert errors == []
    assert sorted(results) == [0, 0, 0, 0, 0, 2]
    assert OutgoingEmail.objects.filter(template="accessibility_review_reminder").count() == 2
