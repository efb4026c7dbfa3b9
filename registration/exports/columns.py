"""The columns of the participant lists, shared by the exporters."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

from ..enums import Diet, RegistrationChannel, RegistrationStatus
from .base import BOOL, DATETIME, Column


def participant_columns() -> list[Column]:
    """Every column a participant list can have, in their order in the file."""
    return [
        Column("name", gettext_lazy("Name"), width=26),
        Column("organisation", gettext_lazy("Organisation"), width=30),
        Column("job_title", gettext_lazy("Job title"), width=24),
        Column("email", gettext_lazy("Email"), width=36),
        Column("phone", gettext_lazy("Phone"), width=15),
        Column("status", gettext_lazy("Status"), width=20, choices=RegistrationStatus.choices),
        Column("workshop", gettext_lazy("Workshop"), field="workshop__title", width=28),
        Column("workshop_first", gettext_lazy("Workshop, 1st priority"), field="workshop_first__title", width=28),
        Column("workshop_second", gettext_lazy("Workshop, 2nd priority"), field="workshop_second__title", width=28),
        Column("diets", gettext_lazy("Dietary requirements"), width=28, sensitive=True, choices=Diet.choices),
        Column("diet_note", gettext_lazy("Other dietary requirements"), width=30, sensitive=True),
        Column("accessibility_needs", gettext_lazy("Accessibility needs"), width=30, sensitive=True),
        Column("comment", gettext_lazy("Comment"), width=40),
        Column("language", gettext_lazy("Language"), width=8),
        Column("registered_at", gettext_lazy("Registered"), field="created_at", kind=DATETIME, width=18),
        # How it came in: the public form, or staff at the desk for someone who phoned, wrote or came.
        Column("channel", gettext_lazy("Channel"), width=14, choices=RegistrationChannel.choices),
        Column("confirmed_at", gettext_lazy("Confirmed"), kind=DATETIME, width=18),
        Column("waiting_since", gettext_lazy("On the waiting list since"), kind=DATETIME, width=18),
        Column("cancelled_at", pgettext_lazy("registration status", "Cancelled"), kind=DATETIME, width=18),
        Column("attended", gettext_lazy("Attended"), kind=BOOL, width=10),
        Column("checked_in_at", gettext_lazy("Checked in"), kind=DATETIME, width=18),
    ]


def meeting_columns() -> list[Column]:
    return [
        Column("meeting_code", gettext_lazy("Meeting code"), field="meeting__code", width=12),
        Column("meeting_start", gettext_lazy("Meeting date"), field="meeting__starts_at", kind=DATETIME, width=18),
        Column("meeting_title", gettext_lazy("Meeting"), field="meeting__title", width=36),
    ]
