"""Retention of personal data: what is deleted or anonymised, and when.

Dietary and accessibility details (special-category data) are deleted a
number of days after the meeting; names and contact details are anonymised
some months after, in the registrations, their answers, invoice details and
desk history (the reasons staff wrote), the group bookings (the booker, who
may have no registration of their own), and in the stored emails. Counts per
meeting (confirmed, attended, cancelled) stay for statistics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netvaerk.privacy import personal_data_sources
from outbox.models import OutgoingEmail
from outbox.privacy import email_scrub

from .invoicing import invoice_details_anonymise, invoice_details_export
from .models import GroupBooking, Registration, RegistrationAudit
from .models.registrations import new_token
from .questions.models import Answer

ANONYMOUS_NAME = "Anonymiseret"


@dataclass(frozen=True)
class RetentionResult:
    sensitive_deleted: int
    anonymised: int
    # Rows anonymised by the other apps' sources (guest comments, requests, evaluations), by source.
    elsewhere: dict[str, int] = field(default_factory=dict)


def anonymise_queryset(*, qs) -> int:
    """Remove everything that names the people of these registrations; the rows (and counts) stay.

    The personal link of each row stops working. Use registration_anonymise
    for one person's active registration: it gives the seat to the waiting list first.
    """
    rows = list(qs.only("pk", "email"))
    email_scrub(recipients={row.email for row in rows})
    # The answers to the meeting's own questions may name or describe the person: they go.
    Answer.objects.filter(registration__in=qs.values("pk")).delete()
    invoice_details_anonymise(registration_ids=[row.pk for row in rows])
    for registration in rows:
        registration.name = ANONYMOUS_NAME
        # Unique per row, so the one-active-registration-per-email rule never trips.
        registration.email = f"anonymiseret-{registration.pk}@anonymised.invalid"
        registration.token = new_token()
        registration.phone = ""
        registration.organisation = ""
        registration.job_title = ""
        registration.comment = ""
        registration.diets = []
        registration.diet_note = ""
        registration.accessibility_needs = ""
        registration.sensitive_consent_at = None
        registration.user = None
        registration.anonymised_at = timezone.now()
    Registration.objects.bulk_update(
        rows,
        [
            "name",
            "email",
            "phone",
            "organisation",
            "job_title",
            "comment",
            "diets",
            "diet_note",
            "accessibility_needs",
            "sensitive_consent_at",
            "user",
            "token",
            "anonymised_at",
        ],
        batch_size=500,
    )
    # The desk's reasons are staff's free text and may name the person; that an override was used stays.
    entries = RegistrationAudit.objects.filter(registration__in=[row.pk for row in rows])
    for reason in ("override_capacity_reason", "override_deadline_reason"):
        entries.exclude(**{reason: ""}).update(**{reason: ANONYMOUS_NAME})
    return len(rows)


def group_bookings_anonymise(*, qs) -> int:
    """Remove the booker's name and address from these group bookings; the booker's page key stops working.

    The bookings stay: they group registrations that are anonymised on their own.
    """
    rows = list(qs.only("pk"))
    for booking in rows:
        booking.name = ANONYMOUS_NAME
        booking.email = f"anonymiseret-booking-{booking.pk}@anonymised.invalid"
        booking.token = new_token()
    GroupBooking.objects.bulk_update(rows, ["name", "email", "token"], batch_size=500)
    return len(rows)


@transaction.atomic
def registrations_apply_retention(*, now: dt.datetime | None = None) -> RetentionResult:
    """Delete special-category data and anonymise old registrations (idempotent)."""
    now = now or timezone.now()
    sensitive_before = now - dt.timedelta(days=settings.RETENTION_SENSITIVE_DAYS)
    personal_before = now - dt.timedelta(days=settings.RETENTION_PERSONAL_DAYS)
    sensitive = Registration.objects.filter(meeting__ends_at__lt=sensitive_before).filter(
        ~Q(diets=[]) | ~Q(diet_note="") | ~Q(accessibility_needs="") | Q(sensitive_consent_at__isnull=False)
    )
    sensitive_deleted = sensitive.update(diets=[], diet_note="", accessibility_needs="", sensitive_consent_at=None)
    old = Registration.objects.filter(meeting__ends_at__lt=personal_before, anonymised_at__isnull=True)
    anonymised = anonymise_queryset(qs=old)
    group_bookings_anonymise(
        qs=GroupBooking.objects.filter(meeting__ends_at__lt=personal_before).exclude(name=ANONYMOUS_NAME)
    )
    # Stored emails hold names and links too: they go after the same time.
    email_scrub(older_than=personal_before)
    elsewhere = {source.name: source.retain(before=personal_before) for source in personal_data_sources()}
    return RetentionResult(sensitive_deleted=sensitive_deleted, anonymised=anonymised, elsewhere=elsewhere)


def personal_data_for_email(*, email: str) -> dict:
    """Everything stored about an email address, as JSON-ready data (for a data request)."""
    rows = (
        Registration.objects.filter(email__iexact=email)
        .select_related("meeting", "workshop", "invoice_details")
        .prefetch_related("answers__question", "answers__choices", "audit_entries__other_meeting")
    )
    return {
        "email": email,
        **{source.name: source.export(email=email) for source in personal_data_sources()},
        "emails": [
            {
                "subject": outgoing.subject,
                "template": outgoing.template,
                "status": outgoing.status,
                "created_at": outgoing.created_at.isoformat(),
                "sent_at": outgoing.sent_at.isoformat() if outgoing.sent_at else None,
            }
            for outgoing in OutgoingEmail.objects.filter(recipient__iexact=email).order_by("created_at")
        ],
        "registrations": [
            {
                "meeting": r.meeting.code,
                "meeting_title": r.meeting.title,
                "meeting_starts": r.meeting.starts_at.isoformat(),
                "status": r.status,
                "name": r.name,
                "phone": r.phone,
                "organisation": r.organisation,
                "job_title": r.job_title,
                "workshop": r.workshop.title if r.workshop else None,
                "diets": r.diets,
                "diet_note": r.diet_note,
                "accessibility_needs": r.accessibility_needs,
                "comment": r.comment,
                "language": r.language,
                "created_at": r.created_at.isoformat(),
                "attended": r.attended,
                "answers": [
                    {"question": a.question.label, "identifier": a.question.identifier, "answer": a.display()}
                    for a in sorted(r.answers.all(), key=lambda a: (a.question.order, a.question_id))
                ],
                "invoice": invoice_details_export(registration=r),
                "channel": r.channel,
                "desk_history": [_desk_entry(entry) for entry in r.audit_entries.all()],
            }
            for r in rows
        ],
        # The booker of colleagues, who may have no registration of their own.
        "group_bookings": group_bookings_export(email=email),
    }


def group_bookings_export(*, email: str) -> list[dict]:
    """The group bookings made with this address as booker (their name is kept there), as JSON-ready data.

    For the staff's data request above and the member's own download on My pages (members/privacy.py).
    """
    return [
        {
            "meeting": booking.meeting.code,
            "meeting_title": booking.meeting.title,
            "name": booking.name,
            "booker_attends": booking.booker_attends,
            "language": booking.language,
            "created_at": booking.created_at.isoformat(),
        }
        for booking in GroupBooking.objects.filter(email__iexact=email).select_related("meeting").order_by("pk")
    ]


def _desk_entry(entry: RegistrationAudit) -> dict:
    """What staff did to the registration at the desk (registration/overrides.py), for the person's data export."""
    return {
        "time": entry.created_at.isoformat(),
        "action": entry.action,
        "by": entry.by_email,  # the staff member who entered, moved or cancelled it
        "channel": entry.channel,
        "override_capacity_reason": entry.override_capacity_reason,
        "override_deadline_reason": entry.override_deadline_reason,
        "emails_sent": entry.emails_sent,
        "other_meeting": entry.other_meeting.code if entry.other_meeting else None,
    }


def personal_data_erase(*, email: str) -> int:
    """Erase what is stored about an email address; returns the number of registrations anonymised.

    The other apps' data goes first (they find it by the address), then the
    registrations (seats of upcoming meetings go to the waiting list), the
    stored emails, and last a member account of the address.
    """

    sources = personal_data_sources()
    for source in sources:
        if source.order <= 0:
            source.erase(email=email)
    registrations = list(Registration.objects.filter(email__iexact=email))
    for registration in registrations:
        registration_anonymise(registration=registration)
    group_bookings_anonymise(qs=GroupBooking.objects.filter(email__iexact=email))
    # Emails to the person, and emails to others about them (a request passed on to a provider).
    email_scrub(recipients=[email], mentioning=email)
    for source in sources:
        if source.order > 0:
            source.erase(email=email)
    return len(registrations)


def registration_anonymise(*, registration: Registration, now: dt.datetime | None = None) -> Registration:
    """Remove everything that names the person; keep the row so counts and seats stay right.

    A registration that is still active for a meeting that has not started is
    cancelled first (through registration_cancel, so the seat goes to the
    waiting list); the personal link stops working afterwards.
    """
    from .services import registration_can_cancel, registration_cancel  # services use this module's sources

    now = now or timezone.now()
    if registration.is_active and registration_can_cancel(registration=registration, now=now):
        registration = registration_cancel(registration=registration, now=now)
    with transaction.atomic():
        anonymise_queryset(qs=Registration.objects.filter(pk=registration.pk))
        return Registration.objects.get(pk=registration.pk)
