# The real Celery worker, Redis broker, SMTP sink and hand-over fixtures shared with the other apps' email tests.
from netvaerk.tests.conftest import (  # noqa: F401
    broker,
    handed_over,
    real_services,
    settle,
    smtp_settings,
    smtp_sink,
    start_worker,
    started_workers,
    worker_settings,
)
