"""Celery tasks of the registration app: thin wrappers that call services."""

from celery import shared_task

from . import emails, privacy


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


@shared_task(name="registration.message_participants")
def message_participants(
    *, meeting_id: int, statuses: list[str], workshop_id: int | None, subject: str, body: str, message_id: str
) -> int:
    return emails.participants_message_send(
        meeting_id=meeting_id,
        statuses=statuses,
        workshop_id=workshop_id,
        subject=subject,
        body=body,
        message_id=message_id,
    )
