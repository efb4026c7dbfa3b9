"""The portal's WSGI application without the seat lock, for bench/registration_burst.py only.

The burst benchmark serves this module in its third run to show that the
burst really races: without the row lock on the meeting, concurrent sign-ups
count the same free seats and the meeting is overbooked. The portal itself
has no way to switch the lock off; this process replaces the lock function
before it serves its first request. Never serve this module anywhere else.
"""

from config.wsgi import application
from registration import seats

__all__ = ["application"]


def _read_meeting_without_lock(*, meeting_id: int):
    # The same read as registration.seats.meeting_lock, minus select_for_update.
    return seats.Meeting.objects.select_related("organiser", "network", "venue").get(pk=meeting_id)


seats.meeting_lock = _read_meeting_without_lock
