"""What participants hear when staff change a meeting: a cancellation, or a new time or venue.

``meeting_saved_received`` listens to the meetings' ``meeting.saved`` event (connected in
``RegistrationConfig.ready()``), whichever door saved the meeting.
"""

from __future__ import annotations

from django.utils.translation import override

from meetings.enums import MeetingStatus
from meetings.models import Meeting

from . import emails
from .models import Registration
from .services import registration_cancel


def meeting_saved_received(*, name: str, before: Meeting | None, after: Meeting) -> int:
    """``meeting.saved`` (connected in ``RegistrationConfig.ready()``): tell the participants; how many."""
    return 0 if before is None else meeting_staff_change_notify(before=before, after=after)


def meeting_staff_change_notify(*, before: Meeting, after: Meeting) -> int:
    """After staff saved a meeting: tell active participants about a cancellation or a new time or venue."""
    active = (
        Registration.objects.filter(meeting=after)
        .active()
        .select_related("meeting__organiser", "meeting__venue", "workshop")
    )
    if before.status != MeetingStatus.CANCELLED and after.status == MeetingStatus.CANCELLED:
        n = 0
        for registration in active:
            emails.send_meeting_cancelled(registration)
            registration_cancel(registration=registration, by_staff=True, notify=False)
            n += 1
        return n
    if after.status != MeetingStatus.PUBLISHED or not emails.meeting_changes(before, after):
        return 0
    n = 0
    for registration in active:
        # The description of the change in each participant's own language.
        with override(registration.language):
            changes = emails.meeting_changes(before, after)
        emails.send_meeting_changed(registration, changes=changes, version=str(int(after.updated_at.timestamp())))
        n += 1
    return n
