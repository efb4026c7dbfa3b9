import pytest
from django.core import mail


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the invitation task, the outbox's send tasks) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


from netvaerk.tests.conftest import (  # noqa: E402, F401 - the real-services fixtures
    broker,
    real_services,
    settle,
    smtp_settings,
    smtp_sink,
    start_worker,
    started_workers,
    worker_settings,
)
