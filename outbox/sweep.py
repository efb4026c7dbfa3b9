"""Rows a lost task or an unreachable broker left behind, and staff's resend of a failed email."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .enums import EmailStatus
from .models import OutgoingEmail
from .queue import email_enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)


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
        enqueue_on_commit(email.pk)
    return True
