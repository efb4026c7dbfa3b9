"""Removing personal content from stored emails."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q

from .enums import EmailStatus
from .models import OutgoingEmail


def email_scrub(*, recipients: Iterable[str] = (), older_than: datetime | None = None, mentioning: str = "") -> int:
    """Remove the personal content of stored emails (they may hold names, diets, links).

    Emails to the given addresses, emails whose text mentions ``mentioning`` (an
    address), or every email created before ``older_than``, keep only their
    template, status and timestamps (for the log's counts).
    One still queued is not sent any more; one being sent right now is left alone.
    """
    condition = Q()
    addresses = [address for address in recipients if address]
    if addresses:
        for address in addresses:
            condition |= Q(recipient__iexact=address)
    if older_than is not None:
        condition |= Q(created_at__lt=older_than)
    if mentioning:
        # An email still waiting for the worker holds its names and addresses in render_args (a booker's group).
        condition |= (
            Q(text_body__icontains=mentioning)
            | Q(html_body__icontains=mentioning)
            | Q(render_args__icontains=mentioning)
        )
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
        render_args={},
        last_error="anonymised",
    )
