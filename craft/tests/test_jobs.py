"""The craft's periodic jobs are registered with beat and run as Celery tasks."""

import datetime as dt

import pytest
import time_machine

from craft import tasks
from meetings.tests.factories import MeetingFactory, local
from netvaerk.periodic import PERIODIC_TASKS, periodic_tasks_sync
from outbox.models import OutgoingEmail
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 23)


def test_jobs_are_in_the_beat_schedule():
    from django_celery_beat.models import PeriodicTask

    names = {"craft.send_evaluation_requests", "craft.send_minutes_reminders"}
    assert names <= {job.task for job in PERIODIC_TASKS}
    periodic_tasks_sync()
    assert names <= set(PeriodicTask.objects.values_list("task", flat=True))


def test_tasks_call_the_services(network, coordinator):
    meeting = MeetingFactory(
        network=network,
        starts_at=local(DAY, 13, 0),
        ends_at=local(DAY, 15, 30),
        registration_deadline=local(DAY - dt.timedelta(days=7), 12, 0),
    )
    RegistrationFactory(meeting=meeting, email="deltager@example.dk")
    with time_machine.travel(local(DAY + dt.timedelta(days=2), 9, 30)):
        assert tasks.send_evaluation_requests.delay().get() == 1
        assert tasks.send_minutes_reminders.delay().get() == 1
    assert sorted(OutgoingEmail.objects.values_list("template", "recipient")) == [
        ("evaluation_request", "deltager@example.dk"),
        ("minutes_reminder", coordinator.email),
    ]
