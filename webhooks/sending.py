"""Posting a delivery: claim the row, sign, POST, record the answer; retries and the sweeper.

Like the email outbox (``outbox/``): one conditional UPDATE claims a
pending row (``sending``, one more attempt) before the request goes out, so a
task delivered twice, or two workers holding the same id, post it once. The
only way to post twice is a worker dying between the receiver's answer and
the ``delivered`` mark; receivers drop repeats by the event id.
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .enums import DeliveryStatus
from .models import Delivery
from .services import PING, delivery_enqueue
from .signing import SIGNATURE_HEADER, signature
from .urlcheck import receiver_url_problem

logger = logging.getLogger(__name__)

USER_AGENT = "Netvaerksportalen-Webhooks/1"
# Enough of the receiver's answer to see what went wrong, not a page of HTML.
_ANSWER_BYTES = 500


@dataclass(frozen=True)
class SendResult:
    outcome: str  # "delivered", "skipped", "retry" or "failed"
    retry_in: float | None = None


def body_bytes(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def retry_delay(*, attempts: int) -> float:
    """Exponential backoff with equal jitter: between half and all of base * 2^(attempts-1), capped."""
    delay = min(settings.WEBHOOK_RETRY_MAX_SECONDS, settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))
    return random.uniform(delay / 2, delay)


def _post(delivery: Delivery) -> tuple[int | None, str]:
    """POST the delivery; (status code, error) where error is empty on a 2xx answer."""
    subscription = delivery.subscription
    problem = receiver_url_problem(subscription.url)
    if problem:
        return None, problem
    body = body_bytes(delivery.payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Netvaerk-Event": delivery.event,
        "X-Netvaerk-Event-Id": str(delivery.event_id),
        "X-Netvaerk-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature(secret=subscription.secret, body=body, timestamp=int(time.time())),
    }
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    try:
        # No redirects: a public receiver must not lead the request somewhere internal.
        with requests.post(
            subscription.url, data=body, headers=headers, timeout=(timeout, timeout), allow_redirects=False, stream=True
        ) as response:
            if 200 <= response.status_code < 300:
                return response.status_code, ""
            answer = response.raw.read(_ANSWER_BYTES, decode_content=True).decode("utf-8", errors="replace")
            return response.status_code, f"HTTP {response.status_code} {response.reason}: {answer}".strip()
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:2000]


def delivery_send(*, delivery_id: int) -> SendResult:
    """Post one delivery if it is still pending. Call it outside a transaction (a task does).

    Never raises for the receiver's errors: they are recorded on the row,
    and the result says whether and when to try again.
    """
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, attempts__lt=settings.WEBHOOK_MAX_ATTEMPTS
    ).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now)
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if not claimed:
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return SendResult("skipped")
        gave_up = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED,
            last_error=f"Gave up after {delivery.attempts} attempts. {delivery.last_error}"[:2000],
        )
        return SendResult("failed" if gave_up else "skipped")

    rows = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING)
    if not delivery.subscription.is_active and delivery.event != PING:
        rows.update(status=DeliveryStatus.FAILED, last_error="The subscription is switched off.")
        return SendResult("failed")

    code, error = _post(delivery)
    now = timezone.now()
    if not error:
        rows.update(status=DeliveryStatus.DELIVERED, response_code=code, delivered_at=now, last_error="")
        return SendResult("delivered")
    if delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
        delay = retry_delay(attempts=delivery.attempts)
        rows.update(
            status=DeliveryStatus.PENDING,
            response_code=code,
            last_error=error[:2000],
            next_attempt_at=now + timedelta(seconds=delay),
        )
        logger.info("Webhook delivery %s failed, retry in %.1fs: %s", delivery_id, delay, error)
        return SendResult("retry", retry_in=delay)
    rows.update(
        status=DeliveryStatus.FAILED,
        response_code=code,
        last_error=f"Gave up after {delivery.attempts} attempts. {error}"[:2000],
    )
    logger.warning("Webhook delivery %s failed for good: %s", delivery_id, error)
    return SendResult("failed")


def delivery_sweep(*, stuck_after: timedelta | None = None, limit: int = 1000) -> int:
    """Re-enqueue deliveries a lost task or an unreachable broker left behind (periodic).

    Pending rows overdue by ``stuck_after`` (their retry task was lost) and
    rows marked sending that long ago (their worker died) go back to pending
    and to the worker after commit. Returns how many were picked.
    """
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.WEBHOOK_STUCK_AFTER_SECONDS)
    now = timezone.now()
    cutoff = now - stuck_after
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=cutoff)
                | Q(status=DeliveryStatus.SENDING, last_attempt_at__lte=cutoff)
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return 0
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.PENDING, last_error="Interrupted while sending (worker lost); queued again."
        )
        Delivery.objects.filter(pk__in=ids).update(next_attempt_at=now)
        transaction.on_commit(partial(delivery_enqueue, delivery_ids=ids))
    logger.info("Webhook sweeper re-enqueued %d deliveries", len(ids))
    return len(ids)


def delivery_prune(*, now=None) -> int:
    """Delete delivered and failed deliveries older than WEBHOOK_LOG_DAYS (periodic). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WEBHOOK_LOG_DAYS)
    deleted, _by_model = Delivery.objects.filter(
        status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted
