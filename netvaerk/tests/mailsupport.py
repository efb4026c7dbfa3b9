"""Shared by the outbox tests: queueing a test email, rows in a given state, a failing connection,"""

from unittest import mock

from outbox.models import OutgoingEmail
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context


def _queue(key="test:1", *, to="deltager@example.org", language="da", **kwargs):
    context = {**demo_organiser_context(), "recipient_name": "Trine Sander", "message": "Hej"}
    context.update(kwargs.pop("context", {}))
    return email_queue(
        to=to, template="test_message", context=context, language=language, idempotency_key=key, **kwargs
    )


def _queued_row(key="row:1", **fields) -> OutgoingEmail:
    """An outbox row without sending it (on_commit never runs inside the test transaction)."""
    email = _queue(key)
    OutgoingEmail.objects.filter(pk=email.pk).update(**fields)
    email.refresh_from_db()
    return email


def _queued_row_committed(key) -> OutgoingEmail:
    """A committed, queued outbox row whose task did not run (as if Redis had lost it)."""
    from outbox.tasks import email_send_task

    with mock.patch.object(email_send_task, "apply_async"):
        return _queue(key)


class FailingConnection:
    """Stands in for an SMTP connection that raises the given error."""

    def __init__(self, exc):
        self.exc = exc

    def send_messages(self, messages):
        raise self.exc
