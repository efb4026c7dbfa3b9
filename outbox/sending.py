"""Sending one outbox row over SMTP: claiming it, the reused connection, retries with backoff."""

from __future__ import annotations

import logging
import os
import random
import smtplib
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone

from .enums import EmailStatus
from .models import OutgoingEmail
from .render import attachment_content, email_render_deferred

logger = logging.getLogger(__name__)


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
        message.attach(attachment["filename"], attachment_content(attachment), attachment["content_type"])
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
    if isinstance(exc, FileNotFoundError):
        # A stored attachment deleted before the email went (its message was deleted).
        return False
    if isinstance(exc, smtplib.SMTPException | OSError):
        # SMTPServerDisconnected, ConnectionError, timeouts, DNS failures.
        return True
    if isinstance(exc, ValueError | TypeError | LookupError | ObjectDoesNotExist):
        # A header with a newline, a broken attachment, an email whose registration is gone
        # before the worker rendered it: retrying cannot help.
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
        if email.awaits_rendering:
            email_render_deferred(email)
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
