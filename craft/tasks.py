"""Celery tasks of the meeting craft: thin wrappers that call services."""

from celery import shared_task

from . import services


@shared_task(name="craft.send_evaluation_requests")
def send_evaluation_requests() -> int:
    return services.evaluation_requests_send()


@shared_task(name="craft.send_minutes_reminders")
def send_minutes_reminders() -> int:
    return services.minutes_reminders_send()
