"""Thin Celery tasks: ids in, rows loaded, the notification function does the work."""

from celery import shared_task

from . import notifications


# Registered under its name from before the rename to BoardPost, so tasks queued by the previous release still run.
@shared_task(name="members.tasks.post_notify", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def board_post_notify(post_id: int) -> int:
    return notifications.board_post_created(post_id=post_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def membership_notify(membership_id: int, event: str) -> int:
    return notifications.membership_event(membership_id=membership_id, event=event)
