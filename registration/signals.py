"""Keeps the cached public meeting page true when registrations change."""

from netvaerk.pagecache import bump_when_changed

from .selectors import public_registration_summary


def registration_shown_change(sender, instance, using=None, **kwargs):
    # Most sign-ups in a burst change nothing the page shows (the meeting stays
    # open, or stays on the waiting list); only a change of state or of the
    # shown seats makes the cached pages stale.
    bump_when_changed(
        f"meeting-registrations:{instance.meeting_id}", public_registration_summary(instance.meeting), using=using
    )
