"""The participant emails: what each registration event sends, through the outbox.

Each function queues one email with an idempotency key naming its reason, so
calling it twice (a retried task, a double run of a periodic job) stores and
sends it once. They run inside the caller's transaction: a rolled-back
registration sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from netvaerk.mail import email_queue

from meetings.calendar import meeting_ics
from meetings.models import Meeting

from .enums import Diet, RegistrationStatus
from .models import Registration


def personal_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("registration:personal", kwargs={"token": registration.token})


def _context(registration: Registration, **extra) -> dict:
    meeting = registration.meeting
    return {
        "registration": registration,
        "meeting": meeting,
        "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
        "personal_url": personal_url(registration),
        "programme": list(meeting.agenda_items.all()),
        "organiser": meeting.organiser,
        "contact": meeting.contact(),
        "show_online_link": registration.status == RegistrationStatus.CONFIRMED,
        **extra,
    }


def _ics(registration: Registration) -> tuple[str, bytes, str]:
    with override(registration.language):
        body = meeting_ics(
            registration.meeting, include_online_link=registration.status == RegistrationStatus.CONFIRMED
        )
    return (f"{registration.meeting.code}.ics", body, "text/calendar; method=PUBLISH; charset=utf-8")


def _queue(registration: Registration, template: str, key: str, *, ics: bool = False, **extra):
    return email_queue(
        to=registration.email,
        template=template,
        context=_context(registration, **extra),
        language=registration.language,
        idempotency_key=key,
        attachments=[_ics(registration)] if ics else (),
        ref=registration.meeting,
        reply_to=registration.meeting.contact().get("email") or "",
    )


def send_confirmation(registration: Registration):
    return _queue(registration, "registration_confirmed", f"confirmation:{registration.pk}", ics=True)


def send_waiting(registration: Registration):
    position = (
        Registration.objects.filter(meeting=registration.meeting, status=RegistrationStatus.WAITING)
        .filter(
            Q(waiting_since__lt=registration.waiting_since)
            | Q(waiting_since=registration.waiting_since, id__lte=registration.id)
        )
        .count()
    )
    return _queue(registration, "registration_waiting", f"waiting:{registration.pk}", position=position)


def send_promoted(registration: Registration):
    return _queue(registration, "registration_promoted", f"promoted:{registration.pk}", ics=True)


def send_cancelled(registration: Registration):
    return _queue(registration, "registration_cancelled", f"cancelled:{registration.pk}")


def send_workshop(registration: Registration):
    if not registration.workshop_id:
        return None
    return _queue(registration, "workshop_assigned", f"workshop:{registration.pk}:{registration.workshop_id}")


def send_link(registration: Registration):
    # At most one such email an hour per registration, however often someone retries.
    hour = timezone.now().strftime("%Y%m%d%H")
    return _queue(registration, "registration_link", f"link:{registration.pk}:{hour}")


def send_reminder(registration: Registration):
    return _queue(registration, "meeting_reminder", f"reminder:{registration.pk}")


def send_meeting_changed(registration: Registration, *, changes: list[str], version: str):
    return _queue(registration, "meeting_changed", f"changed:{registration.pk}:{version}", ics=True, changes=changes)


def send_meeting_cancelled(registration: Registration):
    return _queue(registration, "meeting_cancelled", f"meeting-cancelled:{registration.pk}")


def send_message(registration: Registration, *, subject: str, body: str, message_id: str):
    return _queue(
        registration, "participants_message", f"message:{message_id}:{registration.pk}", subject=subject, body=body
    )


# Periodic jobs -------------------------------------------------------------------


def reminder_due_at(meeting: Meeting) -> dt.datetime:
    """09.00 Copenhagen time, the configured number of days before the meeting."""
    day = timezone.localtime(meeting.starts_at).date() - dt.timedelta(days=meeting.reminder_days_before)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(settings.REMINDER_HOUR, 0)))


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Queue the reminders that are due; safe to run twice or twice at once (idempotency keys)."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(days=61)
    meetings = Meeting.objects.filter(
        status="published", reminder_enabled=True, starts_at__gt=now, starts_at__lte=horizon
    ).select_related("organiser", "network", "venue")
    queued = 0
    for meeting in meetings:
        if now < reminder_due_at(meeting):
            continue
        registrations = (
            Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)
            .select_related("meeting__organiser", "meeting__venue", "meeting__network", "workshop")
            .order_by("id")
        )
        for registration in registrations:
            with transaction.atomic():
                send_reminder(registration)
            queued += 1
    return queued


def deadline_summaries_send(*, now: dt.datetime | None = None) -> int:
    """Tell each coordinator the figures once the registration deadline has passed."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        status="published", registration_deadline__lte=now, starts_at__gt=now
    ).select_related("network__coordinator", "organiser")
    sent = 0
    for meeting in meetings:
        coordinator = meeting.network.coordinator if meeting.network_id else None
        to = (coordinator.email if coordinator else "") or meeting.contact().get("email")
        if not to:
            continue
        registrations = Registration.objects.filter(meeting=meeting)
        counts = {status: registrations.filter(status=status).count() for status in RegistrationStatus.values}
        workshops = list(
            meeting.workshops.annotate(
                n=Count("participants", filter=Q(participants__status=RegistrationStatus.CONFIRMED))
            ).values("title", "n", "capacity")
        )
        diet_counts: dict[str, int] = {}
        for diets in registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("diets", flat=True):
            for code in diets or []:
                diet_counts[code] = diet_counts.get(code, 0) + 1
        labels = dict(Diet.choices)
        email_queue(
            to=to,
            template="deadline_summary",
            context={
                "meeting": meeting,
                "counts": counts,
                "workshops": workshops,
                "diets": [{"label": labels.get(code, code), "n": n} for code, n in sorted(diet_counts.items())],
                "organiser": meeting.organiser,
                "contact": meeting.contact(),
                "staff_url": settings.SITE_URL + reverse("admin:meetings_meeting_change", args=[meeting.pk]),
            },
            language=settings.LANGUAGE_CODE,
            idempotency_key=f"deadline-summary:{meeting.pk}",
            ref=meeting,
        )
        sent += 1
    return sent


def meeting_changes(before: Meeting, after: Meeting) -> list[str]:
    """Human descriptions of what participants must know changed (time or venue)."""
    changes = []
    if before.starts_at != after.starts_at or before.ends_at != after.ends_at:
        start = timezone.localtime(after.starts_at)
        end = timezone.localtime(after.ends_at)
        changes.append(
            _("New time: %(date)s, %(start)s-%(end)s")
            % {"date": start.strftime("%d.%m.%Y"), "start": start.strftime("%H.%M"), "end": end.strftime("%H.%M")}
        )
    if before.venue_id != after.venue_id:
        changes.append(
            _("New venue: %(venue)s") % {"venue": after.venue.one_line_address if after.venue else _("to be announced")}
        )
    if before.online_url != after.online_url and after.online_url:
        changes.append(_("New online link"))
    return changes


def meeting_notify_participants(*, before: Meeting, after: Meeting) -> int:
    """After staff saved a meeting: tell active participants about a cancellation or a new time or venue."""
    active = (
        Registration.objects.filter(meeting=after)
        .active()
        .select_related("meeting__organiser", "meeting__venue", "workshop")
    )
    if before.status != "cancelled" and after.status == "cancelled":
        from .services import registration_cancel

        n = 0
        for registration in active:
            with override(registration.language):
                send_meeting_cancelled(registration)
            registration_cancel(registration=registration, by_staff=True, notify=False)
            n += 1
        return n
    if after.status != "published":
        return 0
    n = 0
    for registration in active:
        with override(registration.language):
            changes = meeting_changes(before, after)
        if not changes:
            return 0
        send_meeting_changed(registration, changes=changes, version=str(int(after.updated_at.timestamp())))
        n += 1
    return n
