"""What every email about a meeting shows of it, for the apps that send them (registration, outreach)."""

from __future__ import annotations

from django.conf import settings

from .models import Meeting


def meeting_email_context(*, meeting: Meeting, programme: list | None = None, with_programme: bool = True) -> dict:
    """The meeting, its page's address, its organiser and contact, and (unless not wanted) its programme.

    Previews pass an unsaved demo ``programme``; real emails read the meeting's.
    """
    context = {
        "meeting": meeting,
        "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
        "organiser": meeting.organiser,
        "contact": meeting.contact(),
    }
    if with_programme:
        context["programme"] = programme if programme is not None else list(meeting.agenda_items.all())
    return context
