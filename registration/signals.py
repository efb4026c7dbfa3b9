"""Keeps the cached public meeting page true when registrations change."""

from django.db import transaction

from netvaerk.pagecache import bump_when_changed

from .selectors import public_registration_summary


def registration_shown_change(sender, instance, using=None, **kwargs):
    # Most sign-ups in a burst change nothing the page shows (the meeting stays
    # open, or stays on the waiting list); only a change of state or of the
    # shown seats makes the cached pages stale. Checked once the change has
    # committed: then it is visible to every process, and the check does not
    # lengthen the transaction, which may hold the meeting's seat lock. Once
    # per meeting and transaction, however many registrations it saves; robust:
    # a cache error after the commit is logged and does not fail the request.
    meeting = instance.meeting
    pending = transaction.get_connection(using).run_on_commit
    if any(getattr(func, "shown_check_for", None) == meeting.pk for _sids, func, _robust in pending):
        return

    def check_shown():
        bump_when_changed(f"meeting-registrations:{meeting.pk}", public_registration_summary(meeting))

    check_shown.shown_check_for = meeting.pk
    transaction.on_commit(check_shown, using=using, robust=True)
