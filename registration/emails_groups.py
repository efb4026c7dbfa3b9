"""The booker's one email listing the group they signed up (groups.py)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from outbox.queue import email_queue

TEMPLATE = "registration_group_booked"


def booking_url(booking) -> str:
    return settings.SITE_URL + reverse("registration:group_booking", kwargs={"token": booking.token})


def _context(booking, rows) -> dict:
    meeting = booking.meeting
    return {
        "booking": booking,
        "meeting": meeting,
        "rows": [
            {"name": row.person.name, "email": row.person.email, "outcome": row.outcome, "position": row.position}
            for row in rows
        ],
        "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
        "booking_url": booking_url(booking),
        "contact": meeting.contact(),
    }


def send_group_booked(booking, *, rows) -> None:
    """Queue the booker's email in the transaction that created the group (rendered with the group as decided)."""
    email_queue(
        to=booking.email,
        template=TEMPLATE,
        context=_context(booking, rows),
        language=booking.language,
        idempotency_key=f"group_booked:{booking.pk}",
        ref=booking.meeting,
        reply_to=booking.meeting.contact().get("email") or "",
        key_is_new=True,
    )


def register_group_email_template() -> None:
    from django.utils.translation import gettext_lazy

    from outbox.registry import email_template_register

    def demo():
        from types import SimpleNamespace

        from .emails import _demo_registration

        meeting = _demo_registration().meeting
        booking = SimpleNamespace(name="Mette Jensen", email="mette@example.org", token="demo", meeting=meeting)
        people = [
            ("Mette Jensen", "mette@example.org", "confirmed", None),
            ("Ali Hassan", "ali@example.org", "confirmed", None),
            ("Sofie Berg", "sofie@example.org", "waiting", 1),
        ]
        rows = [
            SimpleNamespace(person=SimpleNamespace(name=n, email=e), outcome=o, position=p) for n, e, o, p in people
        ]
        return _context(booking, rows)

    email_template_register(TEMPLATE, description=gettext_lazy("Group booking: the booker's list"), demo_context=demo)
