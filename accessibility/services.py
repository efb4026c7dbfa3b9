"""The statement's review: recording it, and reminding the secretariat 11 months after the last one."""

from __future__ import annotations

import calendar
import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from netvaerk import access
from netvaerk.roles import SECRETARIAT
from outbox.queue import email_queue

from .enums import GapReason
from .models import Gap, Statement

log = logging.getLogger(__name__)


def add_months(*, day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 March + 11 = 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def statement_review_due(*, statement: Statement) -> dt.date:
    return add_months(day=statement.last_reviewed, months=settings.ACCESSIBILITY_REVIEW_AFTER_MONTHS)


def statement_review(*, statement: Statement, by, on: dt.date | None = None) -> Statement:
    """Record that ``by`` (the secretariat) went through the statement today; the next reminder counts from it."""
    if not access.is_secretariat(by):
        raise PermissionDenied
    statement.last_reviewed = on or timezone.localdate()
    statement.save(update_fields=["last_reviewed"])
    return statement


def _language(user) -> str:
    profile = getattr(user, "member_profile", None)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _recipients(statement: Statement) -> list[tuple[str, str, str]]:
    """(address, first name, language) of the secretariat; the statement's contact when it has nobody."""
    people = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=SECRETARIAT)
        .exclude(email="")
        .select_related("member_profile")
        .distinct()
        .order_by("email")
    )
    recipients = [(user.email, user.first_name, _language(user)) for user in people]
    if not recipients:
        address = settings.ACCESSIBILITY_CONTACT_EMAIL or getattr(statement.contact_organiser, "email", "")
        if address:
            recipients = [(address, "", settings.LANGUAGE_CODE)]
    return recipients


def statement_review_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind the secretariat once per review, 11 months after it; the number of emails queued.

    Idempotent: the statement row is locked, the review it reminded about is recorded, and every
    email's key names the review, so a second run (or two at once) sends nothing more.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        statement = (
            Statement.objects.select_for_update(of=("self",))
            .select_related("site", "contact_organiser")
            .filter(site_id=settings.SITE_ID)
            .first()
        )
        if statement is None or statement.review_reminder_sent_for == statement.last_reviewed:
            return 0
        due = statement_review_due(statement=statement)
        if today < due:
            return 0
        context = {
            "statement": statement,
            "due": due,
            "admin_url": settings.SITE_URL + reverse("admin:accessibility_statement_change", args=[statement.pk]),
            "statement_url": settings.SITE_URL + reverse("accessibility:statement"),
        }
        recipients = _recipients(statement)
        for address, first_name, language in recipients:
            email_queue(
                to=address,
                template="accessibility_review_reminder",
                context={**context, "first_name": first_name},
                language=language,
                idempotency_key=f"accessibility-review:{statement.pk}:{statement.last_reviewed.isoformat()}:{address.lower()}",
                ref=statement,
            )
        if not recipients:
            log.warning("accessibility review reminder: nobody in the secretariat and no contact address")
            return 0
        statement.review_reminder_sent_for = statement.last_reviewed
        statement.save(update_fields=["review_reminder_sent_for"])
    return len(recipients)


# --- The first statement, made after migrate ---------------------------------------------------

# Known gaps of the portal as built (data from then on: the secretariat keeps them in the admin).
INITIAL_GAPS = [
    {
        "title": "Temadage og kurser som PDF",
        "description": (
            "PDF-udgaven af en temadag eller et kursus er ikke opmærket (tagget), så en skærmlæser kan ikke "
            "læse overskrifter og rækkefølge sikkert."
        ),
        "wcag_criterion": "1.3.1 Information og relationer",
        "reason": GapReason.NONCOMPLIANCE,
        "alternative": "Alt indhold i PDF-filen står også på temadagens side på portalen.",
    },
    {
        "title": "Filer, som medlemmer deler i gruppeområderne",
        "description": (
            "Filer, som medlemmerne selv deler med hinanden i netværkenes gruppeområder (fx præsentationer og "
            "noter), er ikke nødvendigvis tilgængelige."
        ),
        "wcag_criterion": "",
        "reason": GapReason.OUT_OF_SCOPE,
        "alternative": "Skriv til os, så hjælper vi med at få indholdet i en anden form.",
    },
]


def statement_sync(**kwargs) -> None:
    """Make this site's statement (partially compliant, the known gaps) if it has none; never change one."""
    site = Site.objects.filter(pk=settings.SITE_ID).first()
    if site is None or Statement.objects.filter(site=site).exists():
        return
    today = timezone.localdate()
    statement = Statement.objects.create(site=site, prepared_on=today, last_reviewed=today)
    Gap.objects.bulk_create(Gap(statement=statement, order=n, **gap) for n, gap in enumerate(INITIAL_GAPS))
