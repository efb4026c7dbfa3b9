"""The craft's two emails, through the outbox: the evaluation request and the minutes reminder.

Each has an idempotency key naming its reason, so a job that runs twice (or
twice at once) stores and sends it once.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from meetings.models import Meeting
from netvaerk.mail import email_queue
from registration.models import Registration


def evaluation_url(token: str) -> str:
    return settings.SITE_URL + reverse("craft:evaluation", kwargs={"token": token})


def send_evaluation_request(registration: Registration, *, token: str):
    meeting = registration.meeting
    return email_queue(
        to=registration.email,
        template="evaluation_request",
        context={
            "registration": registration,
            "meeting": meeting,
            "evaluation_url": evaluation_url(token),
            "organiser": meeting.organiser,
            "contact": meeting.contact(),
        },
        language=registration.language,
        idempotency_key=f"evaluation-request:{registration.pk}",
        ref=meeting,
        reply_to=meeting.contact().get("email") or "",
    )


def _language(user) -> str:
    profile = getattr(user, "member_profile", None)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def send_minutes_reminder(meeting: Meeting, user):
    from members.selectors import meeting_attendance

    return email_queue(
        to=user.email,
        template="minutes_reminder",
        context={
            "meeting": meeting,
            "recipient": user,
            "attendance": meeting_attendance(meeting=meeting),
            "minutes_url": settings.SITE_URL
            + reverse("members:minutes_edit", kwargs={"slug": meeting.network.slug, "code": meeting.code}),
            "organiser": meeting.organiser,
            "contact": meeting.contact(),
        },
        language=_language(user),
        idempotency_key=f"minutes-reminder:{meeting.pk}:{user.pk}",
        ref=meeting,
    )


# Previews for staff (netvaerk's email template registry) ---------------------------------


def _demo_meeting() -> Meeting:
    meeting = (
        Meeting.objects.filter(network__isnull=False, agenda_items__isnull=False)
        .select_related("organiser", "network", "venue")
        .order_by("-starts_at")
        .first()
    )
    if meeting is None:
        raise LookupError("No network meeting with a programme to preview with (run load_demo).")
    return meeting


def register_email_templates() -> None:
    from django.utils.translation import gettext_lazy

    from netvaerk.mail import email_template_register

    def evaluation_demo():
        meeting = _demo_meeting()
        registration = Registration(meeting=meeting, name="Åse Ærø", email="aase@example.dk")
        return {
            "registration": registration,
            "meeting": meeting,
            "evaluation_url": evaluation_url("forhaandsvisning"),
            "organiser": meeting.organiser,
            "contact": meeting.contact(),
        }

    def reminder_demo():
        meeting = _demo_meeting()
        return {
            "meeting": meeting,
            "recipient": meeting.network.coordinator,
            "attendance": {"confirmed": 18, "attended": 15},
            "minutes_url": settings.SITE_URL + "/netvaerk/",
            "organiser": meeting.organiser,
            "contact": meeting.contact(),
        }

    email_template_register(
        "evaluation_request",
        description=gettext_lazy("Evaluation of a meeting, the day after"),
        demo_context=evaluation_demo,
    )
    email_template_register(
        "minutes_reminder",
        description=gettext_lazy("Reminder to the coordinator: minutes missing two days after a meeting"),
        demo_context=reminder_demo,
    )
