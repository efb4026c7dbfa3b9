"""The outbox without Redis: sending, retries, the sweeper and resend, and a real SMTP server.

Tasks run eagerly here (test settings). The SMTP tests talk to a real aiosmtpd server started by
the test.
"""

import smtplib
import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from netvaerk.tests.mailsupport import FailingConnection, _queue, _queued_row, _queued_row_committed
from outbox import sending as outbox_sending
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.sending import SendResult, email_retry_delay, email_send
from outbox.sweep import email_resend, email_sweep

# --- sending ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_job_that_changes_many_registrations_hands_their_emails_over_in_one_batch(settings, handed_over):
    # Each registration save also asks for a page-cache check after commit; it
    # must not split the batch of emails the same transaction stores.
    from meetings.tests.factories import MeetingFactory
    from registration import services, waiting_list
    from registration.enums import RegistrationStatus

    settings.EMAIL_BATCH_SIZE = 50
    meeting = MeetingFactory(capacity=1)
    people = [
        services.registration_create(meeting=meeting, data={"name": f"P{n}"}, email=f"p{n}@example.dk").registration
        for n in range(6)
    ]
    handed_over.clear()
    with transaction.atomic():
        for registration in people[1:]:
            waiting_list.registration_promote(registration=registration, allow_over_capacity=True, by=None)

    promoted = list(
        OutgoingEmail.objects.filter(template="registration_promoted").order_by("id").values_list("id", flat=True)
    )
    assert len(promoted) == 5
    assert handed_over == [("outbox.email_send_batch", promoted)]
    assert meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 6


@pytest.mark.django_db(transaction=True)
def test_a_cache_error_after_the_commit_does_not_fail_the_sign_up_or_hold_back_its_email(
    monkeypatch, handed_over, client
):
    from meetings.tests.factories import MeetingFactory
    from registration import signals

    def cache_down(*args, **kwargs):
        raise ConnectionError("Redis is not answering")

    monkeypatch.setattr(signals, "bump_when_changed", cache_down)
    meeting = MeetingFactory()
    response = client.post(meeting.get_absolute_url(), {"name": "Åse", "email": "aase@example.dk", "privacy": "on"})
    assert response.status_code == 302
    confirmation = OutgoingEmail.objects.get(template="registration_confirmed")
    assert handed_over == [("outbox.email_send", confirmation.pk)]


@pytest.mark.django_db
def test_email_send_sends_text_html_and_attachment_with_the_stable_message_id():
    email = _queue(attachments=[("invitation.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")])

    assert email_send(email_id=email.pk) == SendResult("sent")

    assert len(mail.outbox) == 1
    parsed = message_from_bytes(mail.outbox[0].message().as_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == email.message_id
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["To"] == "deltager@example.org"
    assert "Trine Sander" in parsed.get_body(preferencelist=("plain",)).get_content()
    assert 'lang="da"' in parsed.get_body(preferencelist=("html",)).get_content()
    attachment = next(parsed.iter_attachments())
    assert attachment.get_filename() == "invitation.ics"
    assert attachment.get_content_type() == "text/calendar"


@pytest.mark.django_db
def test_email_send_twice_sends_once():
    email = _queue()

    assert email_send(email_id=email.pk).outcome == "sent"
    assert email_send(email_id=email.pk).outcome == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_email_send_skips_rows_another_worker_is_sending():
    email = _queued_row(status=EmailStatus.SENDING)

    assert email_send(email_id=email.pk).outcome == "skipped"
    assert email_send(email_id=999_999).outcome == "skipped"
    assert mail.outbox == []


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPResponseException(421, b"4.3.2 Service not available"),
        smtplib.SMTPDataError(451, b"4.3.0 Local error in processing"),
        smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"4.2.1 Mailbox busy")}),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        socket.gaierror(-2, "Name or service not known"),
    ],
    ids=lambda e: type(e).__name__,
)
@pytest.mark.django_db
def test_transient_errors_requeue_with_backoff(error):
    email = _queue()
    before = timezone.now()

    result = email_send(email_id=email.pk, connection=FailingConnection(error))

    email.refresh_from_db()
    assert result.outcome == "retry" and result.retry_in > 0
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert email.next_attempt_at > before
    assert email.last_error


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 No such user")}), "550 5.1.1 No such user"),
        (smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam"), "554 5.7.1 Message rejected as spam"),
        (smtplib.SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "x@example.org"), "553 5.7.1"),
        (ValueError("Header values can't contain newlines"), "newlines"),
    ],
    ids=lambda e: type(e).__name__ if isinstance(e, Exception) else "",
)
@pytest.mark.django_db
def test_permanent_errors_fail_at_once_with_the_error_shown(error, shown):
    email = _queue()

    result = email_send(email_id=email.pk, connection=FailingConnection(error))

    email.refresh_from_db()
    assert result.outcome == "failed"
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 1
    assert shown in email.last_error


@pytest.mark.django_db
def test_transient_errors_give_up_after_max_attempts(settings):
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = _queue()
    error = smtplib.SMTPServerDisconnected("gone")

    outcomes = [email_send(email_id=email.pk, connection=FailingConnection(error)).outcome for _ in range(3)]

    email.refresh_from_db()
    assert outcomes == ["retry", "retry", "failed"]
    assert email.status == EmailStatus.FAILED
    assert email.last_error.startswith("Gave up after 3 attempts")


def test_retry_delay_grows_exponentially_with_jitter_and_a_cap(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 30
    settings.EMAIL_RETRY_MAX_SECONDS = 900
    for attempts, full in [(1, 30), (2, 60), (3, 120), (5, 480), (6, 900), (12, 900)]:
        delays = {email_retry_delay(attempts=attempts) for _ in range(50)}
        assert all(full / 2 <= d <= full for d in delays)
        assert len(delays) > 1  # jitter spreads a burst of retries


@pytest.mark.django_db(transaction=True)
def test_a_database_hiccup_after_delivery_does_not_resend(monkeypatch):
    from django.db import OperationalError
    from django.db.models.query import QuerySet

    email = _queued_row_committed("hiccup:1")
    update = QuerySet.update
    failures = []

    def update_failing_once(self, **kwargs):
        if kwargs.get("status") == EmailStatus.SENT and not failures:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update_failing_once)
    monkeypatch.setattr(outbox_sending.time, "sleep", lambda seconds: None)

    assert email_send(email_id=email.pk).outcome == "sent"

    email.refresh_from_db()
    assert failures == [1]
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


# --- sweeper and resend ------------------------------------------------------------------


@pytest.mark.django_db
def test_sweeper_requeues_stuck_sending_and_overdue_queued_rows(django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(minutes=10)
    stuck = _queued_row("stuck:1", status=EmailStatus.SENDING, attempts=1, last_attempt_at=long_ago)
    overdue = _queued_row("overdue:1", next_attempt_at=long_ago)
    fresh = _queued_row("fresh:1")
    busy = _queued_row("busy:1", status=EmailStatus.SENDING, attempts=1, last_attempt_at=timezone.now())
    failed = _queued_row("failed:1", status=EmailStatus.FAILED, next_attempt_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        assert email_sweep(stuck_after=timedelta(minutes=5)) == 2

    statuses = dict(OutgoingEmail.objects.values_list("idempotency_key", "status"))
    assert statuses == {
        stuck.idempotency_key: EmailStatus.SENT,
        overdue.idempotency_key: EmailStatus.SENT,
        fresh.idempotency_key: EmailStatus.QUEUED,
        busy.idempotency_key: EmailStatus.SENDING,
        failed.idempotency_key: EmailStatus.FAILED,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["deltager@example.org"] * 2


@pytest.mark.django_db
def test_sweeper_does_not_enqueue_the_same_backlog_every_run():
    _queued_row("backlog:1", next_attempt_at=timezone.now() - timedelta(minutes=10))

    assert email_sweep(stuck_after=timedelta(minutes=5)) == 1
    assert email_sweep(stuck_after=timedelta(minutes=5)) == 0


@pytest.mark.django_db
def test_resend_queues_a_failed_email_again_and_sends_it(django_capture_on_commit_callbacks):
    failed = _queued_row("failed:2", status=EmailStatus.FAILED, attempts=1, last_error="550 No such user")
    sent = _queued_row("sent:2", status=EmailStatus.SENT, sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert email_resend(email_id=failed.pk) is True
        assert email_resend(email_id=sent.pk) is False

    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert failed.attempts == 1
    assert len(mail.outbox) == 1


# --- a real SMTP server, tasks eager ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_smtp_server_receives_the_email_once_with_its_message_id(smtp_settings):
    email = _queue("smtp:1")

    assert smtp_settings.message_ids() == [email.message_id]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_smtp_421_three_times_then_accepted_is_delivered_by_the_sweeper(smtp_settings, settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 0
    smtp_settings.handler.data_responses.extend(["421 4.3.2 Try again later"] * 3)
    email = _queue("smtp:421")

    for _ in range(5):
        email.refresh_from_db()
        if email.status == EmailStatus.SENT:
            break
        assert email.status == EmailStatus.QUEUED
        email_sweep(stuck_after=timedelta(0))

    assert email.status == EmailStatus.SENT
    assert email.attempts == 4
    assert smtp_settings.message_ids() == [email.message_id]


@pytest.mark.django_db(transaction=True)
def test_smtp_550_marks_the_email_failed(smtp_settings):
    smtp_settings.handler.rcpt_response = "550 5.1.1 Mailbox unavailable"
    email = _queue("smtp:550")

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert "550 5.1.1 Mailbox unavailable" in email.last_error
    assert smtp_settings.count() == 0
    assert email_sweep(stuck_after=timedelta(0)) == 0


@pytest.mark.django_db(transaction=True)
def test_worker_reuses_its_smtp_connection_and_drops_it_after_an_error(smtp_settings):
    for n in range(3):
        _queue(f"reuse:{n}")
    assert smtp_settings.count() == 3
    assert smtp_settings.handler.sessions == 1

    smtp_settings.handler.data_responses.append("421 4.3.2 Closing connection")
    failed = _queue("reuse:421")
    _queue("reuse:after")

    assert OutgoingEmail.objects.get(pk=failed.pk).status == EmailStatus.QUEUED
    assert smtp_settings.count() == 4
    assert smtp_settings.handler.sessions == 2


@pytest.mark.django_db(transaction=True)
def test_no_connection_reuse_when_switched_off(smtp_settings, settings):
    settings.EMAIL_CONNECTION_MAX_AGE = 0
    for n in range(3):
        _queue(f"fresh:{n}")

    assert smtp_settings.count() == 3
    assert smtp_settings.handler.sessions == 3


@pytest.mark.django_db(transaction=True)
def test_smtp_server_down_is_transient(settings):
    from netvaerk.tests.support import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    email = _queue("smtp:down")

    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
