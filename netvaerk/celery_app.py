"""The Celery application. Workers start with `celery -A netvaerk worker`."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netvaerk.settings")

app = Celery("netvaerk")
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
