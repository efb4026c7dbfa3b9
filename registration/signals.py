"""Keeps the cached public meeting page true when registrations change."""

from functools import partial

from django.db import transaction

from netvaerk.pagecache import bump_when_changed

from .selectors import public_registration_summary


def _check_shown(meeting) -> None:
    bump_when_changed(f"meeting-registrations:{meeting.pk}", public_registration_summary(meeting))


def registration_shown_change(sender, instance, using=None, **kwargs):
    # Most sign-ups in a burst change nothing the page shows (the meeting stays
    # open, or stays on the waiting list); only a change of state or of the
    # shown seats makes the cached pages stale. Checked once the change has
    # committed: then it is visible to every process, and the check does not
    # lengthen the transaction, which may hold the meeting's seat lock.
    transaction.on_commit(partial(_check_shown, instance.meeting), using=using)
