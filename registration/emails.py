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

from meetings.calendar import meeting_ics
from meetings.emails import meeting_email_context
from meetings.models import Meeting
from outbox.queue import DeferredEmail, email_defer_many, email_queue
from outbox.registry import Rendering

from .checkin import qr_png
from .enums import Diet, RegistrationStatus
from .models import Registration


def personal_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("registration:personal", kwargs={"token": registration.token})


def _context(registration: Registration, *, programme: list | None = None, **extra) -> dict:
    return {
        **meeting_email_context(meeting=registration.meeting, programme=programme),
        "registration": registration,
        "personal_url": personal_url(registration),
        "show_online_link": registration.status == RegistrationStatus.CONFIRMED,
        **extra,
    }


def _ics(registration: Registration) -> tuple[str, bytes, str]:
    with override(registration.language):
        body = meeting_ics(
            registration.meeting, include_online_link=registration.status == RegistrationStatus.CONFIRMED
        )
    return (f"{registration.meeting.code}.ics", body, "text/calendar; method=PUBLISH; charset=utf-8")


def _check_in_png(registration: Registration) -> tuple[str, bytes, str]:
    # An attachment rather than an inline image: mail programs that block images still show it on request.
    return ("tjek-ind-kode.png", qr_png(code=registration.check_in_code), "image/png")


def _attachments(registration: Registration, *, ics: bool, qr: bool) -> list:
    attachments = [_ics(registration)] if ics else []
    # A seat (a confirmation, a seat from the waiting list): the QR code to show at the door.
    if qr and registration.status == RegistrationStatus.CONFIRMED and registration.check_in_code:
        attachments.append(_check_in_png(registration))
    return attachments


def _queue(registration: Registration, template: str, key: str, *, ics: bool = False, qr: bool = False, **extra):
    if not registration.email:
        return None  # a walk-in at the door who gave no address
    attachments = _attachments(registration, ics=ics, qr=qr)
    return email_queue(
        to=registration.email,
        template=template,
        context=_context(registration, **extra),
        language=registration.language,
        idempotency_key=key,
        attachments=attachments,
        ref=registration.meeting,
        reply_to=registration.meeting.contact().get("email") or "",
    )


def _deferred(registration: Registration, template: str, key: str, *, ics: bool = False, qr: bool = False, **extra):
    """An email of a registration created under its meeting's seat lock, to store without rendering.

    Its key cannot exist yet (it names the new row); the worker renders it outside the lock
    (render_registration_email), with what was decided under the lock in ``extra``. None for a
    walk-in at the door who gave no address.
    """
    if not registration.email:
        return None
    return DeferredEmail(
        to=registration.email,
        template=template,
        language=registration.language,
        renderer=RENDERER,
        render_args={"registration": registration.pk, "ics": ics, "qr": qr, "extra": extra},
        idempotency_key=key,
        ref=("meetings.meeting", registration.meeting_id),
    )


RENDERER = "registration"


def render_registration_email(
    *, registration: int, ics: bool = False, qr: bool = False, extra: dict | None = None
) -> Rendering:
    """The context of a deferred registration email, read when the worker sends it."""
    found = Registration.objects.select_related(
        "meeting__organiser", "meeting__network", "meeting__venue", "workshop"
    ).get(pk=registration)
    return Rendering(
        context=_context(found, **(extra or {})),
        attachments=_attachments(found, ics=ics, qr=qr),
        reply_to=found.meeting.contact().get("email") or "",
    )


def _confirmation(registration: Registration):
    return _deferred(registration, "registration_confirmed", f"confirmation:{registration.pk}", ics=True, qr=True)


def _waiting(registration: Registration, position: int):
    return _deferred(registration, "registration_waiting", f"waiting:{registration.pk}", position=position)


def send_created_many(created: list[tuple[Registration, int | None]]) -> int:
    """The confirmations and waiting-list emails of registrations created under one seat lock: one insert.

    ``created``: each registration with its waiting-list place (None: it has a seat). Returns how many.
    """
    emails = [
        _confirmation(registration) if position is None else _waiting(registration, position)
        for registration, position in created
    ]
    return len(email_defer_many(emails=[email for email in emails if email is not None]))


def send_promoted(registration: Registration):
    return _queue(registration, "registration_promoted", f"promoted:{registration.pk}", ics=True, qr=True)


def send_cancelled(registration: Registration):
    return _queue(registration, "registration_cancelled", f"cancelled:{registration.pk}")


def send_moved(registration: Registration, *, from_meeting: Meeting, position: int | None):
    """The new registration after staff moved the person; ``position`` on the waiting list, None with a seat."""
    key = f"moved:{registration.pk}"
    return _queue(
        registration, "registration_moved", key, ics=position is None, from_meeting=from_meeting, position=position
    )


def send_workshop(registration: Registration):
    if not registration.workshop_id:
        return None
    return _queue(registration, "workshop_assigned", f"workshop:{registration.pk}:{registration.workshop_id}")


def send_link(registration: Registration, *, now: dt.datetime | None = None):
    # At most one such email per hour-long window counted from the sign-up,
    # however often someone retries. Counted from the sign-up, not the clock's
    # hour, so two attempts a minute apart never straddle a window by chance.
    now = now or timezone.now()
    window = max(0, int((now - registration.created_at).total_seconds() // 3600))
    return _queue(registration, "registration_link", f"link:{registration.pk}:{window}")


def send_reminder(registration: Registration):
    return _queue(registration, "meeting_reminder", f"reminder:{registration.pk}")


def send_meeting_changed(registration: Registration, *, changes: list[str], version: str):
    return _queue(registration, "meeting_changed", f"changed:{registration.pk}:{version}", ics=True, changes=changes)


def send_meeting_cancelled(registration: Registration):
    return _queue(registration, "meeting_cancelled", f"meeting-cancelled:{registration.pk}")


def message_context(registration: Registration, **extra) -> dict:
    """The context of a participant email (for messages staff write: registration/participant_messages.py)."""
    return _context(registration, **extra)


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


# Previews for staff (netvaerk's email template registry) -------------------------


def _demo_registration() -> Registration:
    """An unsaved registration for an unsaved demo meeting: previews touch no rows."""
    import datetime as dt_

    from meetings.models import Venue, Workshop
    from netvaerk.models import Organiser

    start = timezone.make_aware(dt_.datetime.combine(timezone.localdate() + dt_.timedelta(days=14), dt_.time(16, 30)))
    meeting = Meeting(
        code="26-101",
        title="Aktive boligområder i Albertslund",
        organiser=Organiser(
            name="Albertslund Boligsociale Center (ABC)", email="abc@netvaerk.example", phone="60 35 46 30"
        ),
        venue=Venue(
            name="Albertslund Boligsociale Center", address="Bibliotekstorvet 2", postal_code="2620", city="Albertslund"
        ),
        starts_at=start,
        ends_at=start + dt_.timedelta(hours=3),
        registration_deadline=start - dt_.timedelta(days=7),
        price=0,
        cancellation_reason="Mødet er aflyst på grund af for få tilmeldte.",
    )
    registration = Registration(
        meeting=meeting,
        name="Åse Ærø",
        email="aase@example.dk",
        status=RegistrationStatus.CONFIRMED,
        workshop=Workshop(title="Sundhed & trivsel", room="Lokale 2"),
    )
    registration.token = "forhaandsvisning"
    return registration


def _demo_programme() -> list:
    import datetime as dt_

    from meetings.models import AgendaItem

    return [
        AgendaItem(start_time=dt_.time(16, 30), end_time=dt_.time(16, 45), title="Ankomst & velkomst"),
        AgendaItem(start_time=dt_.time(16, 45), end_time=dt_.time(17, 30), title="Paneldebat"),
        AgendaItem(start_time=dt_.time(17, 30), end_time=dt_.time(18, 0), title="Spisning"),
        AgendaItem(start_time=dt_.time(18, 0), end_time=dt_.time(19, 20), title="Workshops"),
        AgendaItem(start_time=dt_.time(19, 20), end_time=dt_.time(19, 30), title="Opsamling & tak for i dag"),
    ]


def register_email_templates() -> None:
    from django.utils.translation import gettext_lazy

    from outbox.registry import email_template_register

    def demo(**extra):
        return lambda: _context(_demo_registration(), programme=_demo_programme(), **extra)

    for name, description, extra in [
        ("registration_confirmed", gettext_lazy("Registration confirmed (with calendar file)"), {}),
        ("registration_waiting", gettext_lazy("On the waiting list"), {"position": 3}),
        ("registration_promoted", gettext_lazy("Promoted from the waiting list"), {}),
        ("registration_cancelled", gettext_lazy("Cancellation confirmed"), {}),
        (
            "registration_moved",
            gettext_lazy("Registration moved to another meeting by staff"),
            {"from_meeting": Meeting(title="Netværksmøde i foråret", starts_at=timezone.now()), "position": None},
        ),
        ("workshop_assigned", gettext_lazy("Workshop assigned"), {}),
        ("registration_link", gettext_lazy("Personal link again (second sign-up with the same address)"), {}),
        ("meeting_reminder", gettext_lazy("Reminder before the meeting"), {}),
        (
            "meeting_changed",
            gettext_lazy("Meeting changed (time or venue)"),
            {"changes": ["Nyt tidspunkt: 15.12.2026, 16.30-19.30"]},
        ),
        ("meeting_cancelled", gettext_lazy("Meeting cancelled"), {}),
        (
            "participants_message",
            gettext_lazy("Message from staff to participants"),
            {"subject": "Praktisk information", "body": "Husk madpakke.", "attachment_name": "Program.pdf"},
        ),
    ]:
        email_template_register(name, description=description, demo_context=demo(**extra))

    def summary():
        meeting = _demo_registration().meeting
        return {
            "meeting": meeting,
            "counts": {"confirmed": 38, "waiting": 4, "cancelled": 2},
            "workshops": [
                {"title": "Sundhed & trivsel", "n": 9, "capacity": 20},
                {"title": "Naboskab", "n": 20, "capacity": 20},
            ],
            "diets": [{"label": "Vegetar", "n": 6}, {"label": "Halal", "n": 3}],
            "organiser": meeting.organiser,
            "contact": meeting.contact(),
            "staff_url": settings.SITE_URL + "/admin/",
        }

    email_template_register(
        "deadline_summary", description=gettext_lazy("Deadline summary to the coordinator"), demo_context=summary
    )
