"""The Celery application. Workers start with `celery -A config worker`."""

import os
import random

from celery import Celery, Task, signals
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# A task that meets a database that is restarting or shutting down is tried
# again after about 1, 2, 4 ... seconds (at most a minute apart, eight times:
# about four minutes in all); after that the error stands, and the outbox
# sweeper or the next periodic run takes over.
DATABASE_RETRY_BASE_SECONDS = 1.0
DATABASE_RETRY_MAX_SECONDS = 60.0
DATABASE_MAX_RETRIES = 8


def database_retry_delay(*, retries: int) -> float:
    delay = min(DATABASE_RETRY_MAX_SECONDS, DATABASE_RETRY_BASE_SECONDS * 2**retries)
    # Never less than half the delay, so the tasks of a burst spread out.
    return random.uniform(delay / 2, delay)


class PortalTask(Task):
    """Every task of the portal: retried with backoff when the database is away.

    OperationalError (the connection was refused or cut: "the database system
    is shutting down") and InterfaceError (the connection is already closed)
    are transient. Retrying is safe because tasks are idempotent (the outbox
    sends a row only while it is queued). Run eagerly (demo, tests) the error
    is raised to the caller as it is.
    """

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except (OperationalError, InterfaceError) as exc:
            if self.request.is_eager:
                raise
            raise self.retry(
                exc=exc,
                countdown=database_retry_delay(retries=self.request.retries),
                max_retries=DATABASE_MAX_RETRIES,
            ) from exc


app = Celery("netvaerk", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_db_connections(task=None, **kwargs):
    # Celery's Django fixup would close the database connection around every
    # task (a new PostgreSQL connection per email) unless CELERY_DB_REUSE_MAX
    # is set. It is set, and Django decides instead, as it does per request:
    # keep a connection for CONN_MAX_AGE, drop it once broken. Never for eager
    # tasks, which run inside the caller's request or transaction.
    if task is not None and not getattr(task.request, "is_eager", False):
        from django.db import close_old_connections

        close_old_connections()
