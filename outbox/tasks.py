"""The outbox's Celery tasks: thin wrappers that take ids and call the sending and sweeping services."""

from celery import shared_task
from django.conf import settings

from .sending import email_send
from .sweep import email_sweep


@shared_task(
    name="outbox.email_send",
    bind=True,
    # Acknowledge only after the task ran, and give the message back when the
    # worker process dies: the row lock and status check in email_send() make
    # a second delivery of the task harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # EMAIL_MAX_ATTEMPTS on the row decides when to give up
    time_limit=60,
    soft_time_limit=45,
    ignore_result=True,
)
def email_send_task(self, email_id: int) -> str:
    result = email_send(email_id=email_id)
    # Eagerly (demo, tests) a retry would run at once, recursively; the row
    # stays queued with next_attempt_at and the sweeper takes it from there.
    if result.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=result.retry_in)
    return result.outcome


@shared_task(
    name="outbox.email_send_batch",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # Below EMAIL_STUCK_AFTER_SECONDS: a batch ends before the sweeper would
    # take back the row it is sending. Emails a stopped batch did not reach
    # stay queued and the sweeper enqueues them.
    time_limit=240,
    soft_time_limit=200,
    ignore_result=True,
)
def email_send_batch_task(self, email_ids: list[int]) -> dict[str, int]:
    outcomes: dict[str, int] = {}
    for email_id in email_ids:
        result = email_send(email_id=email_id)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        if result.retry_in is not None and not self.request.is_eager:
            # Only this email waits for its retry; the rest of the batch goes on.
            email_send_task.apply_async(args=[email_id], countdown=result.retry_in, queue=settings.EMAIL_QUEUE)
    return outcomes


@shared_task(name="outbox.email_sweep", ignore_result=True)
def email_sweep_task() -> int:
    return email_sweep()
