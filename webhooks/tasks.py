"""Celery tasks of the webhooks: thin wrappers that take ids and call the sending functions."""

from celery import shared_task

from .sending import delivery_prune, delivery_send, delivery_sweep


@shared_task(
    name="webhooks.deliver",
    bind=True,
    # The claim in delivery_send() makes a second run of the task harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # WEBHOOK_MAX_ATTEMPTS on the row decides when to give up
    time_limit=60,
    soft_time_limit=45,
    ignore_result=True,
)
def deliver_task(self, delivery_id: int) -> str:
    result = delivery_send(delivery_id=delivery_id)
    # Eagerly (demo, tests) a retry would run at once, recursively; the row
    # stays pending with next_attempt_at and the sweeper takes it from there.
    if result.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=result.retry_in)
    return result.outcome


@shared_task(name="webhooks.sweep", ignore_result=True)
def sweep_task() -> int:
    return delivery_sweep()


@shared_task(name="webhooks.prune", ignore_result=True)
def prune_task() -> int:
    return delivery_prune()
