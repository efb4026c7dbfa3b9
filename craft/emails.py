"""The craft's two emails, through the outbox: the evaluation request and the minutes reminder.

Each has an idempotency key naming its reason, so a job that runs twice (or
twice at once) stores and sends it once.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from meetings.models import Meeting
from outbox.queue import email_queue
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
    """An unsaved meeting for the previews: they never depend on what the database holds."""
    import datetime as dt

    from django.utils import timezone

    from netvaerk.models import Network, Organiser

    organiser = Organiser(name="Boligsocialnet", email="boligsocialnet@netvaerk.example", phone="33 76 20 00")
    network = Network(
        name="Lokalsamfund & medborgerskab",
        slug="lokalsamfund-medborgerskab",
        organiser=organiser,
        contact_name="Nils Thylander",
        contact_email="npe@netvaerk.example",
        contact_phone="33 76 20 00",
    )
    starts_at = timezone.make_aware(dt.datetime(2026, 11, 12, 13, 0))
    return Meeting(
        code="26-105",
        title="Frivillige, foreninger og de beboere, vi ikke når",
        network=network,
        organiser=organiser,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2, minutes=30),
    )


def register_email_templates() -> None:
    from django.utils.translation import gettext_lazy

    from outbox.registry import email_template_register

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
        from django.contrib.auth import get_user_model

        meeting = _demo_meeting()
        return {
            "meeting": meeting,
            "recipient": get_user_model()(first_name="Nils", last_name="Thylander", email="npe@netvaerk.example"),
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
