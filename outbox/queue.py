"""Storing an email in the outbox inside the caller's transaction, and handing it to a worker after commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction

from netvaerk.aftercommit import AfterCommit
from netvaerk.outage import BROKER_AWAY, Outage, outage_for

from .models import OutgoingEmail
from .render import Attachment, RenderedEmail, attachment_json, email_render

logger = logging.getLogger(__name__)

Ref = models.Model | tuple[str, Any] | None


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
        attachments=[attachment_json(a) for a in attachments],
        ref_type=ref_type,
        ref_id=ref_id,
        headers=dict(headers or {}),
    )
    return _insert(email, key_is_new=key_is_new)


def email_defer(
    *,
    to: str,
    template: str,
    language: str,
    renderer: str,
    render_args: Mapping[str, Any],
    idempotency_key: str,
    ref: Ref = None,
    from_email: str = "",
    reply_to: str = "",
    key_is_new: bool = False,
) -> OutgoingEmail:
    """Store an email that the worker renders when it sends it (see email_queue for the rest).

    For an email queued while a lock is held: only what names it is stored (one insert), and the
    renderer registered as ``renderer`` (outbox.registry.email_renderer_register) builds its
    context from ``render_args`` (ids and values, JSON) in the worker. Pass in ``render_args``
    whatever was decided under the lock (a waiting-list place), not what can be read later.
    """
    email = _deferred_row(
        DeferredEmail(
            to=to,
            template=template,
            language=language,
            renderer=renderer,
            render_args=render_args,
            idempotency_key=idempotency_key,
            ref=ref,
            reply_to=reply_to,
        ),
        from_email=from_email,
    )
    return _insert(email, key_is_new=key_is_new)


@dataclass(frozen=True)
class DeferredEmail:
    """One email for ``email_defer_many``: what names it and what its renderer needs (see email_defer)."""

    to: str
    template: str
    language: str
    renderer: str
    render_args: Mapping[str, Any]
    idempotency_key: str
    ref: Ref = None
    reply_to: str = ""


def email_defer_many(*, emails: Iterable[DeferredEmail]) -> list[OutgoingEmail]:
    """Store many emails that the worker renders when it sends them, with one insert (see email_defer).

    For the emails of rows created in the caller's transaction under a lock (the registrations of a
    group sign-up): their keys name those rows, so none can exist yet, and nothing looks for them
    first (email_defer's ``key_is_new``). The worker gets them after commit like any other.
    """
    rows = [_deferred_row(email) for email in emails]
    if not rows:
        return []
    created = OutgoingEmail.objects.bulk_create(rows)
    for row in created:
        enqueue_on_commit(row.pk)
    return created


def _deferred_row(email: DeferredEmail, *, from_email: str = "") -> OutgoingEmail:
    """The unsaved outbox row of an email the worker renders (checked: address and language)."""
    validate_email(email.to)
    if email.language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown email language {email.language!r}")
    ref_type, ref_id = _ref_fields(email.ref)
    return OutgoingEmail(
        idempotency_key=email.idempotency_key,
        recipient=email.to,
        from_email=from_email,
        reply_to=email.reply_to,
        template=email.template,
        language=email.language,
        render_with=email.renderer,
        render_args=dict(email.render_args),
        ref_type=ref_type,
        ref_id=ref_id,
    )


def _insert(email: OutgoingEmail, *, key_is_new: bool) -> OutgoingEmail:
    if key_is_new:
        email.save(force_insert=True)
    else:
        try:
            # The savepoint keeps the caller's transaction usable when another
            # process inserted the same key first (unique constraint).
            with transaction.atomic():
                email.save(force_insert=True)
        except IntegrityError:
            existing = OutgoingEmail.objects.filter(idempotency_key=email.idempotency_key).first()
            if existing is None:
                raise
            return existing
    enqueue_on_commit(email.pk)
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
        enqueue_on_commit(row.pk)
    return found


def enqueue_on_commit(email_id: int) -> None:
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
