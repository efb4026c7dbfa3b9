"""Keeps the cached public meeting page true when registrations change."""

from django.db import transaction

from netvaerk.pagecache import bump_when_changed

from .selectors import public_registration_summary


class _ShownCheck:
    """After commit: make the meeting's cached pages stale if what they show of its registrations changed.

    Equal for the same meeting, so a transaction that saves many registrations
    of one meeting checks it once.
    """

    def __init__(self, meeting):
        self.meeting = meeting
        # Django names a failed robust callback by its __qualname__ in the log.
        self.__qualname__ = f"{type(self).__qualname__}(meeting={meeting.pk})"

    def __eq__(self, other):
        return isinstance(other, _ShownCheck) and other.meeting.pk == self.meeting.pk

    def __hash__(self):
        return hash(self.meeting.pk)

    def __call__(self):
        bump_when_changed(f"meeting-registrations:{self.meeting.pk}", public_registration_summary(self.meeting))


def registration_shown_change(sender, instance, using=None, **kwargs):
    # Most sign-ups in a burst change nothing the page shows (the meeting stays
    # open, or stays on the waiting list); only a change of state or of the
    # shown seats makes the cached pages stale. Checked once the change has
    # committed: then it is visible to every process, and the check does not
    # lengthen the transaction, which may hold the meeting's seat lock. Robust:
    # a cache error after the commit is logged and does not fail the request.
    check = _ShownCheck(instance.meeting)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(check == func for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(check, using=using, robust=True)
