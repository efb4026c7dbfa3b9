"""The outbox without Redis: rendering, idempotency, commit and rollback, batching.

Tasks run eagerly here (test settings), as in the demo. Sending, retries, the sweeper and a real
SMTP server are in ``test_mail_sending``.
"""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from netvaerk.tests.mailsupport import _queue
from outbox import queue as outbox_queue
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail

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
    render = outbox_queue.email_render

    def render_while_another_process_inserts(**kwargs):
        # Another process commits the same key after our existence check.
        winner["row"] = OutgoingEmail.objects.create(
            idempotency_key="race:1", recipient="a@example.org", template="test_message", language="da"
        )
        return render(**kwargs)

    monkeypatch.setattr(outbox_queue, "email_render", render_while_another_process_inserts)
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

    from outbox.tasks import email_send_task

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

    from outbox.queue import email_enqueue
    from outbox.tasks import email_send_batch_task, email_send_task

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


@pytest.mark.django_db(transaction=True)
def test_emails_stored_in_one_transaction_go_to_the_worker_in_batches(settings, handed_over):
    settings.EMAIL_BATCH_SIZE = 3
    with transaction.atomic():
        emails = [_queue(f"reminder:{n}", to=f"deltager{n}@example.org") for n in range(7)]
        assert handed_over == []

    ids = [email.pk for email in emails]
    assert handed_over == [
        ("outbox.email_send_batch", ids[0:3]),
        ("outbox.email_send_batch", ids[3:6]),
        ("outbox.email_send", ids[6]),
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
    assert name == "outbox.email_send_batch"
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
    assert handed_over == [("outbox.email_send_batch", [first.pk, second.pk])]


@pytest.mark.django_db(transaction=True)
def test_when_the_savepoint_of_the_first_email_rolls_back_the_next_email_still_goes(handed_over):
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            _queue("first:rolled-back")
            raise RuntimeError
        kept = _queue("first:kept")

    # The kept email goes (with the rolled-back row's id, if that differs, which the worker skips).
    [(name, ids)] = handed_over
    assert kept.pk == (ids if name == "outbox.email_send" else ids[-1])
    assert [m.to[0] for m in mail.outbox] == ["deltager@example.org"]
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
