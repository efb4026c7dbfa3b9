"""The outbox without Redis: rendering, idempotency, sending, retries, the sweeper.

Tasks run eagerly here (test settings), as in the demo. The SMTP tests talk
to a real aiosmtpd server started by the test.
"""

import smtplib
import socket
from datetime import timedelta
from email import message_from_bytes, policy
from unittest import mock

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from netvaerk import mail as outbox
from netvaerk.enums import EmailStatus
from netvaerk.mail import (
    SendResult,
    demo_organiser_context,
    email_queue,
    email_resend,
    email_retry_delay,
    email_send,
    email_sweep,
)
from netvaerk.models import OutgoingEmail


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
    from netvaerk.tasks import email_send_task

    with mock.patch.object(email_send_task, "apply_async"):
        return _queue(key)


class FailingConnection:
    """Stands in for an SMTP connection that raises the given error."""

    def __init__(self, exc):
        self.exc = exc

    def send_messages(self, messages):
        raise self.exc


# --- rendering and queueing ---------------------------------------------------------


@pytest.mark.django_db
def test_email_queue_renders_subject_text_and_html_in_the_recipients_language():
    email = _queue(language="en")

    assert email.status == EmailStatus.QUEUED
    assert email.subject == "Test message from Boligsocialnet"
    assert "Hello Trine Sander," in email.text_body
    assert 'lang="en"' in email.html_body
    assert "Mette Konsulent" in email.text_body and "Mette Konsulent" in email.html_body
    assert email.message_id.startswith("<") and email.message_id.endswith("@netvaerk.example>")


@pytest.mark.django_db
def test_email_queue_renders_danish_layout_for_danish_recipients():
    email = _queue(language="da")

    assert 'lang="da"' in email.html_body
    assert email.language == "da"


@pytest.mark.django_db
def test_text_parts_are_not_html_escaped_but_html_is():
    email = _queue(context={"organiser": {"name": "Ærø & Co <Bolig>"}, "message": "Kaffe & kage"})

    assert email.subject.endswith("Ærø & Co <Bolig>")
    assert "Kaffe & kage" in email.text_body
    assert "Kaffe &amp; kage" in email.html_body
    assert "Ærø &amp; Co &lt;Bolig&gt;" in email.html_body


@pytest.mark.django_db
def test_text_body_keeps_the_signature_separator_and_no_runs_of_blank_lines():
    email = _queue()

    assert "\n-- \n" in email.text_body
    assert "\n\n\n" not in email.text_body


@pytest.mark.django_db
def test_email_queue_same_key_returns_the_existing_row():
    first = _queue("confirmation:7")
    second = _queue("confirmation:7", to="someone.else@example.org")

    assert second.pk == first.pk
    assert OutgoingEmail.objects.filter(idempotency_key="confirmation:7").count() == 1


@pytest.mark.django_db
def test_email_queue_losing_the_insert_race_returns_the_winners_row(monkeypatch):
    winner = {}
    render = outbox.email_render

    def render_while_another_process_inserts(**kwargs):
        # Another process commits the same key after our existence check.
        winner["row"] = OutgoingEmail.objects.create(
            idempotency_key="race:1", recipient="a@example.org", template="test_message", language="da"
        )
        return render(**kwargs)

    monkeypatch.setattr(outbox, "email_render", render_while_another_process_inserts)
    with transaction.atomic():
        email = _queue("race:1")
        # The caller's transaction is still usable after the IntegrityError.
        assert OutgoingEmail.objects.count() == 1

    assert email.pk == winner["row"].pk


@pytest.mark.django_db
def test_a_key_promised_new_is_stored_with_one_insert_and_a_broken_promise_is_an_error(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):  # the insert: no lookup, no savepoint
        email = _queue("waiting:41", key_is_new=True)
    assert OutgoingEmail.objects.get(idempotency_key="waiting:41").pk == email.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        _queue("waiting:41", key_is_new=True)


@pytest.mark.django_db
def test_email_queue_rejects_unknown_language_and_bad_address():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValueError):
        _queue(language="sv")
    with pytest.raises(ValidationError):
        _queue("bad:1", to="not an address")
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_email_queue_stores_reference_and_attachments():
    from members.models import User

    user = User.objects.create_user(email="ref@example.org", password="x")
    email = _queue(ref=user, attachments=[("invitation.ics", "BEGIN:VCALENDAR", "text/calendar")])
    other = _queue("ref:2", ref=("meetings.meeting", 12))

    assert (email.ref_type, email.ref_id) == ("members.user", str(user.pk))
    assert (other.ref_type, other.ref_id) == ("meetings.meeting", "12")
    assert email.attachments == [
        {"filename": "invitation.ics", "content_type": "text/calendar", "content": "QkVHSU46VkNBTEVOREFS"}
    ]


# --- commit and rollback (eager tasks, real transactions) ----------------------------


@pytest.mark.django_db(transaction=True)
def test_committed_email_is_sent_once_after_commit():
    with transaction.atomic():
        email = _queue("commit:1")
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_stores_and_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue("rollback:1")
        raise RuntimeError("registration failed")

    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_broker_down_keeps_the_email_queued_without_breaking_the_caller(monkeypatch, caplog):
    from kombu.exceptions import OperationalError

    from netvaerk.tasks import email_send_task

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(email_send_task, "apply_async", broker_down)
    email = _queue("down:1")

    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert mail.outbox == []
    assert "1 email(s) stay queued for the sweeper" in caplog.text


@pytest.mark.parametrize("batch_size", [1, 2])
def test_enqueue_gives_up_at_the_first_broker_error(monkeypatch, caplog, settings, batch_size):
    from kombu.exceptions import OperationalError

    from netvaerk.mail import email_enqueue
    from netvaerk.tasks import email_send_batch_task, email_send_task

    settings.EMAIL_BATCH_SIZE = batch_size
    calls = []

    def broker_down(*args, **kwargs):
        calls.append(kwargs)
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(email_send_task, "apply_async", broker_down)
    monkeypatch.setattr(email_send_batch_task, "apply_async", broker_down)

    assert email_enqueue(email_ids=[1, 2, 3]) == 0
    assert len(calls) == 1  # not one timeout per task in a row
    assert calls[0]["queue"] == "mail"
    assert "3 email(s) stay queued" in caplog.text


@pytest.fixture
def handed_over(monkeypatch):
    """Records what goes to the broker (the tasks still run, eagerly): (task name, ids)."""
    from netvaerk.tasks import email_send_batch_task, email_send_task

    calls = []
    for task in (email_send_task, email_send_batch_task):
        original = task.apply_async

        def record(args=None, kwargs=None, _original=original, _name=task.name, **options):
            calls.append((_name, args[0]))
            return _original(args=args, kwargs=kwargs, **options)

        monkeypatch.setattr(task, "apply_async", record)
    return calls


@pytest.mark.django_db(transaction=True)
def test_emails_stored_in_one_transaction_go_to_the_worker_in_batches(settings, handed_over):
    settings.EMAIL_BATCH_SIZE = 3
    with transaction.atomic():
        emails = [_queue(f"reminder:{n}", to=f"deltager{n}@example.org") for n in range(7)]
        assert handed_over == []

    ids = [email.pk for email in emails]
    assert handed_over == [
        ("netvaerk.email_send_batch", ids[0:3]),
        ("netvaerk.email_send_batch", ids[3:6]),
        ("netvaerk.email_send", ids[6]),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"deltager{n}@example.org" for n in range(7))
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_drops_its_email_and_the_rest_of_the_batch_still_goes(handed_over):
    with transaction.atomic():
        first = _queue("batch:first")
        with pytest.raises(RuntimeError), transaction.atomic():
            rolled_back = _queue("batch:rolled-back")
            raise RuntimeError
        last = _queue("batch:last")

    # One task for the transaction; it may also name the rolled-back row, which
    # the worker skips (SQLite gives its id to the next row, PostgreSQL never).
    [(name, ids)] = handed_over
    assert name == "netvaerk.email_send_batch"
    assert ids[0] == first.pk and ids[-1] == last.pk
    assert set(ids) <= {first.pk, rolled_back.pk, last.pk}
    assert sorted(OutgoingEmail.objects.values_list("idempotency_key", flat=True)) == ["batch:first", "batch:last"]
    assert len(mail.outbox) == 2  # the rolled-back row is skipped by the worker


@pytest.mark.django_db(transaction=True)
def test_other_on_commit_callbacks_between_emails_do_not_split_the_batch(handed_over):
    ran = []
    with transaction.atomic():
        first = _queue("between:first")
        transaction.on_commit(lambda: ran.append("other"))
        second = _queue("between:second")

    assert ran == ["other"]
    assert handed_over == [("netvaerk.email_send_batch", [first.pk, second.pk])]


@pytest.mark.django_db(transaction=True)
def test_when_the_savepoint_of_the_first_email_rolls_back_the_next_email_still_goes(handed_over):
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            _queue("first:rolled-back")
            raise RuntimeError
        kept = _queue("first:kept")

    # The kept email goes (with the rolled-back row's id, if that differs, which the worker skips).
    [(name, ids)] = handed_over
    assert kept.pk == (ids if name == "netvaerk.email_send" else ids[-1])
    assert [m.to[0] for m in mail.outbox] == ["deltager@example.org"]
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


# --- sending ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_job_that_changes_many_registrations_hands_their_emails_over_in_one_batch(settings, handed_over):
    # Each registration save also asks for a page-cache check after commit; it
    # must not split the batch of emails the same transaction stores.
    from meetings.tests.factories import MeetingFactory
    from registration import services
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
            services.registration_promote(registration=registration, allow_over_capacity=True, by=None)

    promoted = list(
        OutgoingEmail.objects.filter(template="registration_promoted").order_by("id").values_list("id", flat=True)
    )
    assert len(promoted) == 5
    assert handed_over == [("netvaerk.email_send_batch", promoted)]
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
    assert handed_over == [("netvaerk.email_send", confirmation.pk)]


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
    monkeypatch.setattr(outbox.time, "sleep", lambda seconds: None)

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
