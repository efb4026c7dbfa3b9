"""The yearly reminder, as a thin Celery task (beat runs it daily: netvaerk/periodic.py)."""

from celery import shared_task

from .services import statement_review_reminders_send


@shared_task(name="accessibility.send_review_reminders", ignore_result=True)
def send_review_reminders() -> int:
    return statement_review_reminders_send()
