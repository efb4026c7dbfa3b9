"""The portal's Celery app for a test worker whose database fails once, as when PostgreSQL shuts down.

Start a worker with ``celery -A netvaerk.tests.fault_injection worker`` and
DB_FAULT_MARKER=<path of an existing file>: the first query of the first task
that finds the file removes it and fails with the OperationalError PostgreSQL
gives a session when the server shuts down. Removing the file is atomic, so
exactly one task of all pool processes meets the fault.
"""

import os

from celery import signals
from django.db import OperationalError, connection

from config.celery_app import app

__all__ = ["app"]


def _fail_once(execute, sql, params, many, context):
    try:
        os.remove(os.environ["DB_FAULT_MARKER"])
    except FileNotFoundError:
        return execute(sql, params, many, context)
    raise OperationalError("terminating connection due to administrator command")


@signals.task_prerun.connect
def _install(task=None, **kwargs):
    if _fail_once not in connection.execute_wrappers:
        connection.execute_wrappers.append(_fail_once)
