"""The yearly review: the secretariat is reminded 11 months after the last review, once per review."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accessibility import tasks
from accessibility.services import add_months, statement_review, statement_review_reminders_send
from members.tests.factories import ConsultantFactory, SecretariatUserFactory
from netvaerk.periodic import PERIODIC_TASKS, periodic_tasks_sync
from netvaerk.tests.factories import OrganiserFactory
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db

REVIEWED = dt.date(2025, 3, 12)
DUE = dt.date(2026, 2, 12)


def reminders():
    return OutgoingEmail.objects.filter(template="accessibility_review_reminder").order_by("recipient")


@pytest.fixture
def secretariat(db):
    return [
        SecretariatUserFactory(email="sanne@netvaerk.example", first_name="Sanne"),
        SecretariatUserFactory(email="bente@netvaerk.example", first_name="Bente"),
    ]


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2025, 3, 12), 11, dt.date(2026, 2, 12)),
        (dt.date(2025, 1, 31), 11, dt.date(2025, 12, 31)),
        (dt.date(2023, 3, 31), 11, dt.date(2024, 2, 29)),
        (dt.date(2025, 3, 31), 11, dt.date(2026, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day=day, months=months) == expected


def test_secretariat_is_reminded_11_months_after_the_review_once(statement, secretariat):
    statement.last_reviewed = REVIEWED
    statement.save()
    ConsultantFactory(email="konsulent@netvaerk.example")  # not the secretariat

    assert statement_review_reminders_send(today=DUE - dt.timedelta(days=1)) == 0
    assert not reminders().exists()

    assert statement_review_reminders_send(today=DUE) == 2
    assert [email.recipient for email in reminders()] == ["bente@netvaerk.example", "sanne@netvaerk.example"]
    email = reminders().get(recipient="sanne@netvaerk.example")
    assert email.subject == "Tid til at gennemgå tilgængelighedserklæringen for Boligsocialt netværk"
    assert "Hej Sanne" in email.text_body
    assert "senest gennemgået den 12.03.2025" in email.text_body
    assert f"/admin/accessibility/statement/{statement.pk}/change/" in email.text_body

    # Run again (the next day, or twice at once): nothing more.
    assert statement_review_reminders_send(today=DUE) == 0
    assert statement_review_reminders_send(today=DUE + dt.timedelta(days=1)) == 0
    assert reminders().count() == 2


def test_a_new_review_starts_a_new_year(statement, secretariat):
    statement.last_reviewed = REVIEWED
    statement.save()
    statement_review_reminders_send(today=DUE)
    statement_review(statement=statement, by=secretariat[0], on=dt.date(2026, 2, 20))

    assert statement_review_reminders_send(today=dt.date(2027, 1, 19)) == 0
    assert statement_review_reminders_send(today=dt.date(2027, 1, 20)) == 2
    assert reminders().count() == 4


def test_reminder_goes_to_the_contact_when_there_is_no_secretariat(statement, settings):
    statement.contact_organiser = OrganiserFactory(email="bsn@netvaerk.example")
    statement.save()
    assert statement_review_reminders_send(today=DUE) == 1
    assert reminders().get().recipient == "bsn@netvaerk.example"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tilgaengelighed@netvaerk.example"
    statement.last_reviewed = DUE
    statement.save()
    assert statement_review_reminders_send(today=dt.date(2027, 1, 12)) == 1
    assert reminders().filter(recipient="tilgaengelighed@netvaerk.example").exists()


def test_only_the_secretariat_records_a_review(statement):
    before = statement.last_reviewed
    with pytest.raises(PermissionDenied):
        statement_review(statement=statement, by=ConsultantFactory(), on=DUE)
    statement.refresh_from_db()
    assert statement.last_reviewed == before


def test_job_runs_daily_through_beat_and_the_outbox(statement, secretariat):
    from django_celery_beat.models import PeriodicTask

    assert "accessibility.send_review_reminders" in {job.task for job in PERIODIC_TASKS}
    periodic_tasks_sync()
    task = PeriodicTask.objects.get(task="accessibility.send_review_reminders")
    assert task.interval.every == 24 * 60 * 60
    with time_machine.travel(dt.datetime(2026, 2, 12, 9, 0, tzinfo=dt.UTC)):
        assert tasks.send_review_reminders.delay().get() == 2
        assert tasks.send_review_reminders.delay().get() == 0
    assert reminders().count() == 2


def test_secretariat_marks_the_statement_reviewed_in_the_admin(client, statement, secretariat):
    client.force_login(secretariat[0])
    with time_machine.travel(dt.datetime(2026, 2, 20, 9, 0, tzinfo=dt.UTC)):
        response = client.post(
            reverse("admin:accessibility_statement_changelist"),
            {"action": "mark_reviewed", "_selected_action": [statement.pk]},
        )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.last_reviewed == dt.date(2026, 2, 20)


def test_consultant_with_the_permissions_cannot_open_the_statement_admin(client, statement):
    consultant = ConsultantFactory()
    consultant.user_permissions.add(*Permission.objects.filter(content_type__app_label="accessibility"))
    client.force_login(consultant)
    assert client.get(reverse("admin:accessibility_statement_change", args=[statement.pk])).status_code == 403
