"""Outgoing email: the outbox, sending, the sweeper and the template registry.

The flow, and why each step is where it is:

1. ``email_queue()`` renders the template triple in the recipient's language
   and stores an ``OutgoingEmail`` row inside the caller's transaction, keyed
   by an idempotency key. A rolled-back transaction leaves no row and sends
   nothing; queueing the same key again returns the existing row.
2. After commit, the row's id is handed to Celery (``mail`` queue). If Redis
   is down, the row simply stays queued.
3. ``email_send()`` (the task calls it) locks the row, marks it ``sending`` and
   commits *before* talking SMTP, then marks it ``sent``. A redelivered or
   retried task finds it not queued and does nothing, so ``acks_late`` is safe.
4. ``email_sweep()`` (periodic) re-enqueues rows left queued or sending by a
   lost task or an unreachable broker. The only way to send twice is a worker
   dying between the SMTP server's "250 OK" and the ``sent`` mark; the stable
   Message-ID lets mail programs recognise that duplicate.
"""

from __future__ import annotations

import base64
import logging
import os
import random
import smtplib
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import F, Q
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .aftercommit import AfterCommit
from .enums import EmailStatus
from .models import OutgoingEmail
from .outage import Outage, outage_for

logger = logging.getLogger(__name__)

# What publishing raises when Redis, the broker, is away.
BROKER_AWAY = (BrokerError, RedisConnectionError, RedisTimeoutError, OSError)

# --- rendering ---------------------------------------------------------------


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _render_text(name: str, context: Mapping[str, Any]) -> str:
    # Subjects and text bodies are not HTML: render them without autoescaping,
    # so "Ærø & Co" stays "Ærø & Co" and templates need no {% autoescape off %}.
    template = engines["django"].engine.get_template(name)
    return template.render(Context(dict(context), autoescape=False))


def _tidy_text(text: str) -> str:
    # Template tags leave blank lines behind; keep at most one empty line.
    # "-- " is the signature separator, whose trailing space is meaningful.
    lines = [line if line == "-- " else line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def email_render(*, template: str, context: Mapping[str, Any], language: str) -> RenderedEmail:
    """Render ``templates/emails/<template>.subject.txt|.txt|.html`` in ``language``."""
    full_context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "language": language,
        **context,
    }
    with translation.override(language):
        subject = _render_text(f"emails/{template}.subject.txt", full_context)
        text = _render_text(f"emails/{template}.txt", full_context)
        html = render_to_string(f"emails/{template}.html", full_context)
    return RenderedEmail(subject=" ".join(subject.split()), text=_tidy_text(text), html=html)


# --- queueing ----------------------------------------------------------------

Attachment = tuple[str, bytes | str, str] | Mapping[str, Any]
Ref = models.Model | tuple[str, Any] | None


def _attachment_json(attachment: Attachment) -> dict[str, str]:
    if isinstance(attachment, Mapping):
        filename, content, content_type = attachment["filename"], attachment["content"], attachment["content_type"]
    else:
        filename, content, content_type = attachment
    if isinstance(content, str):
        content = content.encode("utf-8")
    return {
        "filename": filename,
        "content_type": content_type,
        "content": base64.b64encode(content).decode("ascii"),
    }


def _ref_fields(ref: Ref) -> tuple[str, str]:
    if ref is None:
        return "", ""
    if isinstance(ref, models.Model):
        return ref._meta.label_lower, str(ref.pk)
    ref_type, ref_id = ref
    return str(ref_type), str(ref_id)


def email_queue(
    *,
    to: str,
    template: str,
    context: Mapping[str, Any],
    language: str,
    idempotency_key: str,
    attachments: Iterable[Attachment] = (),
    ref: Ref = None,
    from_email: str = "",
    reply_to: str = "",
    key_is_new: bool = False,
    headers: Mapping[str, str] | None = None,
) -> OutgoingEmail:
    """Store an email in the outbox and have a worker send it after commit.

    Call it inside the transaction that makes the email necessary (the
    registration, the cancellation): if that rolls back, nothing is stored
    and nothing is sent. ``idempotency_key`` names the reason for the email
    (``confirmation:<registration id>``); queueing an existing key returns the
    existing row without rendering or sending again, also when two processes
    race for the same key. ``ref`` (a model instance or ``(type, id)``) lets
    staff filter the email log, e.g. by meeting. ``attachments`` are
    ``(filename, content, content_type)`` tuples.

    ``key_is_new`` is the caller's promise that no email can have the key yet,
    because it names a row created in the same transaction (``waiting:<id>``
    of a new registration): then the email is stored with one insert, without
    looking for the key first and without a savepoint. A sign-up does this
    while it holds the meeting's seat lock.
    """
    if not key_is_new:
        existing = OutgoingEmail.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown email language {language!r}")
    rendered = email_render(template=template, context=context, language=language)
    return email_store(
        to=to,
        template=template,
        rendered=rendered,
        language=language,
        idempotency_key=idempotency_key,
        attachments=attachments,
        ref=ref,
        from_email=from_email,
        reply_to=reply_to,
        key_is_new=key_is_new,
        headers=headers,
    )


def email_store(
    *,
    to: str,
    template: str,
    rendered: RenderedEmail,
    language: str,
    idempotency_key: str,
    attachments: Iterable[Attachment] = (),
    ref: Ref = None,
    from_email: str = "",
    reply_to: str = "",
    key_is_new: bool = False,
    headers: Mapping[str, str] | None = None,
) -> OutgoingEmail:
    """Store an already rendered email in the outbox (see email_queue); sent by a worker after commit.

    An existing ``idempotency_key`` is found by the unique constraint, not by
    a query first: a new email (the usual case) costs one insert.
    """
    validate_email(to)
    ref_type, ref_id = _ref_fields(ref)
    email = OutgoingEmail(
        idempotency_key=idempotency_key,
        recipient=to,
        from_email=from_email,
        reply_to=reply_to,
        template=template,
        language=language,
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        attachments=[_attachment_json(a) for a in attachments],
        ref_type=ref_type,
        ref_id=ref_id,
        headers=dict(headers or {}),
    )
    if key_is_new:
        email.save(force_insert=True)
    else:
        try:
            # The savepoint keeps the caller's transaction usable when another
            # process inserted the same key first (unique constraint).
            with transaction.atomic():
                email.save(force_insert=True)
        except IntegrityError:
            existing = OutgoingEmail.objects.filter(idempotency_key=idempotency_key).first()
            if existing is None:
                raise
            return existing
    _enqueue_on_commit(email.pk)
    return email


@dataclass(frozen=True)
class PreparedEmail:
    """One email for ``email_store_many``: already rendered, with its key."""

    to: str
    template: str
    rendered: RenderedEmail
    language: str
    idempotency_key: str
    ref: Ref = None
    reply_to: str = ""
    headers: Mapping[str, str] | None = None


def email_store_many(*, emails: Iterable[PreparedEmail]) -> dict[str, OutgoingEmail]:
    """Store many rendered emails at once (an invitation to a whole network); sent by workers after commit.

    One query finds the keys already stored and one bulk insert stores the rest, so thousands are
    queued in seconds. Returns every given key's row (stored before or now). The caller serialises
    runs that may share keys (a lock on the meeting): two concurrent bulk inserts of one key raise
    IntegrityError and roll the caller back rather than send twice.
    """
    emails = list(emails)
    found: dict[str, OutgoingEmail] = {}
    keys = [email.idempotency_key for email in emails]
    for start in range(0, len(keys), 5000):
        for row in OutgoingEmail.objects.filter(idempotency_key__in=keys[start : start + 5000]):
            found[row.idempotency_key] = row
    rows = []
    for email in emails:
        if email.idempotency_key in found:
            continue
        validate_email(email.to)
        ref_type, ref_id = _ref_fields(email.ref)
        rows.append(
            OutgoingEmail(
                idempotency_key=email.idempotency_key,
                recipient=email.to,
                reply_to=email.reply_to,
                template=email.template,
                language=email.language,
                subject=email.rendered.subject,
                text_body=email.rendered.text,
                html_body=email.rendered.html,
                ref_type=ref_type,
                ref_id=ref_id,
                headers=dict(email.headers or {}),
            )
        )
    OutgoingEmail.objects.bulk_create(rows, batch_size=1000)
    for row in rows:
        found[row.idempotency_key] = row
        _enqueue_on_commit(row.pk)
    return found


def _enqueue_on_commit(email_id: int) -> None:
    # A job that queues many emails in one transaction (reminders, a message to
    # all participants) hands them to the worker in batches when it commits.
    _handover.add(email_id)


def _broker_outage() -> Outage:
    return outage_for(
        "Celery broker",
        consequence="emails stay queued in the outbox and the sweeper hands them over when it answers",
    )


def email_enqueue(*, email_ids: Iterable[int]) -> int:
    """Hand emails to the worker; returns how many were handed over.

    One email goes as one task; more go as tasks of up to EMAIL_BATCH_SIZE
    emails each, which a worker sends one after the other over one SMTP
    connection (each still under its own row lock and status check).
    A broker outage is logged once, not raised: the rows are committed and
    stay queued, and the sweeper enqueues them once the broker answers again.
    After a failure the broker is not asked again for REDIS_RETRY_SECONDS, so
    a frozen Redis holds up one request, not every sign-up.
    """
    from .tasks import email_send_batch_task, email_send_task

    email_ids = list(email_ids)
    size = max(1, settings.EMAIL_BATCH_SIZE)
    outage = _broker_outage()
    eager = email_send_task.app.conf.task_always_eager
    if email_ids and not eager and not outage.should_try():
        logger.info("Broker unavailable, %d email(s) stay queued for the sweeper", len(email_ids))
        return 0
    handed = 0
    for start in range(0, len(email_ids), size):
        chunk = email_ids[start : start + size]
        try:
            if len(chunk) == 1:
                email_send_task.apply_async(args=[chunk[0]], queue=settings.EMAIL_QUEUE)
            else:
                email_send_batch_task.apply_async(args=[chunk], queue=settings.EMAIL_QUEUE)
        except BROKER_AWAY as exc:
            # The next ones would fail the same way, each after a timeout.
            outage.failed(exc)
            logger.info(
                "Broker unavailable, %d email(s) stay queued for the sweeper (ids from %s)",
                len(email_ids) - handed,
                chunk[0],
            )
            return handed
        handed += len(chunk)
    if handed and not eager:
        outage.succeeded()
    return handed


# The emails stored in one transaction go to the worker together after it
# commits (see netvaerk.aftercommit). Robust: the rows are committed, so a
# failure to hand them over is logged and the sweeper sends them later.
_handover = AfterCommit("outbox", lambda ids: email_enqueue(email_ids=ids), robust=True)


# --- sending -----------------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    outcome: str  # "sent", "skipped", "retry" or "failed"
    retry_in: float | None = None


def email_message_build(email: OutgoingEmail, *, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[email.recipient],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id, "Auto-Submitted": "auto-generated", **(email.headers or {})},
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["content_type"])
    # Lets the demo's .eml backend name the file after the key.
    message.outbox_key = email.idempotency_key
    return message


_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Seconds an idle SMTP connection is trusted to still be open (servers may
# drop idle clients after 30 s or so; RFC 5321 asks them to wait 5 minutes).
_SMTP_IDLE_SECONDS = 10
_held = threading.local()


@dataclass
class _HeldConnection:
    connection: Any
    key: tuple
    opened: float
    used: float


def _email_connection():
    """The SMTP connection of this worker process, reused from email to email.

    Saves the connect/EHLO/STARTTLS/QUIT round trips per email. A connection
    is reused for at most EMAIL_CONNECTION_MAX_AGE seconds and only if it
    was used in the last few seconds; after any error it is thrown away.
    Other backends (files, memory) get a fresh connection every time.
    """
    max_age = settings.EMAIL_CONNECTION_MAX_AGE
    if max_age <= 0 or settings.EMAIL_BACKEND != _SMTP_BACKEND:
        return get_connection()
    key = (os.getpid(), settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER)
    now = time.monotonic()
    held = getattr(_held, "value", None)
    if held is not None and (held.key != key or now - held.opened > max_age or now - held.used > _SMTP_IDLE_SECONDS):
        _email_connection_discard()
        held = None
    if held is None:
        connection = get_connection()
        connection.open()
        held = _held.value = _HeldConnection(connection=connection, key=key, opened=now, used=now)
    held.used = now
    return held.connection


def _email_connection_discard() -> None:
    held = getattr(_held, "value", None)
    _held.value = None
    # A connection inherited through fork belongs to the parent: drop it
    # without QUIT, which would end the parent's session.
    if held is not None and held.key[0] == os.getpid():
        try:
            held.connection.close()
        except Exception:  # closing a broken connection may fail; it is gone either way
            pass


def email_error_is_transient(exc: BaseException) -> bool:
    """Worth retrying later (4xx, lost connection, timeout) or not (5xx, bad data)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        # Our credentials, not the message, are wrong: keep retrying (up to
        # EMAIL_MAX_ATTEMPTS) so mail flows again once the settings are fixed.
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPException | OSError):
        # SMTPServerDisconnected, ConnectionError, timeouts, DNS failures.
        return True
    if isinstance(exc, ValueError | TypeError | LookupError):
        # A header with a newline, a broken attachment: retrying cannot help.
        return False
    return True


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{recipient}: {code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for recipient, (code, message) in exc.recipients.items()
        ]
        text = "Recipient refused: " + "; ".join(parts)
    elif isinstance(exc, smtplib.SMTPResponseException):
        message = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        text = f"{exc.smtp_code} {message} ({type(exc).__name__})"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return text[:2000]


def email_retry_delay(*, attempts: int) -> float:
    """Exponential backoff with jitter: about base * 2^(attempts-1), capped."""
    delay = min(settings.EMAIL_RETRY_MAX_SECONDS, settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))
    # "Equal jitter": never less than half the delay, so retries of a burst
    # spread out without hammering the server early.
    return random.uniform(delay / 2, delay)


def email_send(*, email_id: int, connection=None) -> SendResult:
    """Send one outbox row if it is still queued.

    Call it outside any transaction (a Celery task does): the ``sending``
    mark must be committed before the SMTP conversation starts, so a worker
    that dies mid-send leaves a row the sweeper can see. Never raises for
    delivery errors; it records them on the row and says whether to retry.
    """
    # One conditional UPDATE claims the row: of two workers holding the same
    # task, the second finds it no longer queued (PostgreSQL re-checks the
    # condition after the first one's row lock is released).
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=EmailStatus.QUEUED, attempts__lt=settings.EMAIL_MAX_ATTEMPTS
    ).update(status=EmailStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, updated_at=now)
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if not claimed:
        if email is None or email.status != EmailStatus.QUEUED:
            return SendResult("skipped")
        failed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
            status=EmailStatus.FAILED,
            last_error=f"Gave up after {email.attempts} attempts. {email.last_error}"[:2000],
            updated_at=now,
        )
        return SendResult("failed" if failed else "skipped")

    try:
        message = email_message_build(email, connection=connection or _email_connection())
        message.send()
    except Exception as exc:
        _email_connection_discard()
        return _email_send_failed(email, exc)

    _email_mark_sent(email)
    return SendResult("sent")


def _email_mark_sent(email: OutgoingEmail) -> None:
    # The email is out; if this mark is lost the sweeper sends it again, so a
    # short database hiccup is worth riding out. Also from queued: the sweeper
    # may have reclaimed a slow send meanwhile, and the copy it enqueued must
    # not go out a second time.
    for attempt in range(1, 4):
        now = timezone.now()
        try:
            OutgoingEmail.objects.filter(pk=email.pk, status__in=[EmailStatus.SENDING, EmailStatus.QUEUED]).update(
                status=EmailStatus.SENT, sent_at=now, updated_at=now
            )
            return
        except DatabaseError:
            if attempt == 3 or not connection.get_autocommit():
                raise
            logger.warning("Email %s was sent but could not be marked sent; trying again", email.pk, exc_info=True)
            connection.close()
            time.sleep(attempt)


def _email_send_failed(email: OutgoingEmail, exc: Exception) -> SendResult:
    error = _describe(exc)
    transient = email_error_is_transient(exc)
    now = timezone.now()
    rows = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING)
    if transient and email.attempts < settings.EMAIL_MAX_ATTEMPTS:
        delay = email_retry_delay(attempts=email.attempts)
        rows.update(
            status=EmailStatus.QUEUED,
            last_error=error,
            next_attempt_at=now + timedelta(seconds=delay),
            updated_at=now,
        )
        logger.info("Email %s: transient error, retry in %.1fs: %s", email.pk, delay, error)
        return SendResult("retry", retry_in=delay)
    if transient:
        error = f"Gave up after {email.attempts} attempts. {error}"
    rows.update(status=EmailStatus.FAILED, last_error=error[:2000], updated_at=now)
    logger.warning("Email %s failed: %s", email.pk, error)
    return SendResult("failed")


# --- sweeping and resending ------------------------------------------------------


def email_sweep(*, stuck_after: timedelta | None = None, limit: int = 1000) -> int:
    """Re-enqueue emails a lost task or an unreachable broker left behind.

    Picks rows queued and overdue by ``stuck_after`` (default
    EMAIL_STUCK_AFTER_SECONDS) and rows marked sending that long ago (their
    worker died), puts them back to queued and enqueues them after commit.
    Each picked row's ``next_attempt_at`` moves to now, so a long backlog is
    not enqueued again every minute. Returns the number of rows picked.
    """
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.EMAIL_STUCK_AFTER_SECONDS)
    now = timezone.now()
    cutoff = now - stuck_after
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=EmailStatus.QUEUED, next_attempt_at__lte=cutoff)
                | Q(status=EmailStatus.SENDING, last_attempt_at__lte=cutoff)
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return 0
        OutgoingEmail.objects.filter(pk__in=ids, status=EmailStatus.SENDING).update(
            status=EmailStatus.QUEUED,
            last_error="Interrupted while sending (worker lost); queued again.",
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=now, updated_at=now)
        transaction.on_commit(partial(email_enqueue, email_ids=ids))
    logger.info("Outbox sweeper re-enqueued %d emails", len(ids))
    return len(ids)


def email_resend(*, email_id: int) -> bool:
    """Queue a failed email again (staff fixed the address or the server). False if it was not failed."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.FAILED:
            return False
        email.status = EmailStatus.QUEUED
        email.attempts = 0
        email.next_attempt_at = timezone.now()
        email.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
        _enqueue_on_commit(email.pk)
    return True


# --- template registry -------------------------------------------------------


@dataclass(frozen=True)
class EmailTemplate:
    name: str
    description: str
    demo_context: Callable[[], dict[str, Any]]


# Every template triple under templates/emails/ (except the base layout) is
# registered here with demo data, so staff can preview it. Other apps
# register theirs in AppConfig.ready() with email_template_register().
EMAIL_TEMPLATES: dict[str, EmailTemplate] = {}


def email_template_register(name: str, *, description: str, demo_context: Callable[[], dict[str, Any]]) -> None:
    EMAIL_TEMPLATES[name] = EmailTemplate(name=name, description=description, demo_context=demo_context)


def demo_organiser_context() -> dict[str, Any]:
    """Branding context for previews; real emails pass the meeting's organiser and contact."""
    return {
        "organiser": {
            "name": "Boligsocialnet",
            "email": "boligsocialnet@netvaerk.example",
            "phone": "60 35 46 30",
            "website": "https://boligsocialnet.example",
        },
        "contact": {"name": "Mette Konsulent", "email": "mette.konsulent@netvaerk.example", "phone": "12 34 56 78"},
    }


def _test_message_demo() -> dict[str, Any]:
    return {
        **demo_organiser_context(),
        "recipient_name": "Trine Sander",
        "message": "Dette er en prøve fra netværksportalen: æ, ø og å kommer frem.",
    }


email_template_register(
    "test_message",
    description=_("Test message: checks that email reaches the recipient."),
    demo_context=_test_message_demo,
)


# --- privacy -------------------------------------------------------------------


def email_scrub(*, recipients: Iterable[str] = (), older_than: datetime | None = None, mentioning: str = "") -> int:
    """Remove the personal content of stored emails (they may hold names, diets, links).

    Emails to the given addresses, emails whose text mentions ``mentioning`` (an
    address), or every email created before ``older_than``, keep only their
    template, status and timestamps (for the log's counts).
    One still queued is not sent any more; one being sent right now is left alone.
    """
    from django.db.models import Q

    condition = Q()
    addresses = [address for address in recipients if address]
    if addresses:
        for address in addresses:
            condition |= Q(recipient__iexact=address)
    if older_than is not None:
        condition |= Q(created_at__lt=older_than)
    if mentioning:
        condition |= Q(text_body__icontains=mentioning) | Q(html_body__icontains=mentioning)
    if not condition:
        return 0
    rows = OutgoingEmail.objects.filter(condition).exclude(status=EmailStatus.SENDING)
    rows.filter(status=EmailStatus.QUEUED).update(status=EmailStatus.FAILED)
    return rows.update(
        recipient="anonymised@anonymised.invalid",
        reply_to="",
        subject="-",
        text_body="",
        html_body="",
        attachments=[],
        headers={},
        last_error="anonymised",
    )
