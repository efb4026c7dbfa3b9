"""The booker's one email listing the group they signed up (groups.py)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from meetings.emails import meeting_email_context
from outbox.queue import email_defer
from outbox.registry import Rendering

TEMPLATE = "registration_group_booked"


def booking_url(booking) -> str:
    return settings.SITE_URL + reverse("registration:group_booking", kwargs={"token": booking.token})


def _context(booking, rows: list[dict]) -> dict:
    return {
        **meeting_email_context(meeting=booking.meeting, with_programme=False),
        "booking": booking,
        "rows": rows,
        "booking_url": booking_url(booking),
    }


RENDERER = "registration_group"


def render_group_booked(*, booking: int, rows: list[dict]) -> Rendering:
    """The booker's email, rendered by the worker outside the seat lock with the rows as decided under it."""
    from .groups_models import GroupBooking

    found = GroupBooking.objects.select_related("meeting__organiser", "meeting__network").get(pk=booking)
    return Rendering(context=_context(found, rows), reply_to=found.meeting.contact().get("email") or "")


def send_group_booked(booking, *, rows) -> None:
    """Store the booker's email in the transaction that created the group, under the seat lock: one insert.

    What was decided there (who got a seat, who waits at which place, who was skipped) goes with it;
    the worker renders it after the commit (render_group_booked).
    """
    email_defer(
        to=booking.email,
        template=TEMPLATE,
        language=booking.language,
        renderer=RENDERER,
        render_args={
            "booking": booking.pk,
            "rows": [
                {"name": row.person.name, "email": row.person.email, "outcome": row.outcome, "position": row.position}
                for row in rows
            ],
        },
        idempotency_key=f"group_booked:{booking.pk}",
        ref=("meetings.meeting", booking.meeting_id),
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
        rows = [{"name": n, "email": e, "outcome": o, "position": p} for n, e, o, p in people]
        return _context(booking, rows)

    email_template_register(TEMPLATE, description=gettext_lazy("Group booking: the booker's list"), demo_context=demo)
