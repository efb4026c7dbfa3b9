"""Celery tasks of the registration app: thin wrappers that call services."""

from celery import shared_task

from . import emails, participant_messages, privacy


@shared_task(name="registration.apply_retention")
def apply_retention() -> dict:
    result = privacy.registrations_apply_retention()
    return {"sensitive_deleted": result.sensitive_deleted, "anonymised": result.anonymised, **result.elsewhere}


@shared_task(name="registration.send_due_reminders")
def send_due_reminders() -> int:
    return emails.reminders_send_due()


@shared_task(name="registration.send_deadline_summaries")
def send_deadline_summaries() -> int:
    return emails.deadline_summaries_send()


@shared_task(name="registration.deliver_participant_message")
def deliver_participant_message(*, message_id: int) -> int:
    return participant_messages.participant_message_deliver(message_id=message_id)
