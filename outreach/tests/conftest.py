import pytest
from django.core import mail


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the invitation task, the outbox's send tasks) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


from netvaerk.tests.conftest import smtp_settings, smtp_sink  # noqa: E402, F401 - the SMTP sink fixtures
