"""Keeps the cached public meeting page true when registrations change."""

from django.db import transaction

from netvaerk.aftercommit import AfterCommit
from netvaerk.pagecache import bump_when_changed

from .selectors import public_registration_summary


def _check_shown(meetings) -> None:
    for meeting in meetings:
        bump_when_changed(f"meeting-registrations:{meeting.pk}", public_registration_summary(meeting=meeting))


# Most sign-ups in a burst change nothing the page shows (the meeting stays
# open, or stays on the waiting list); only a change of state or of the shown
# seats makes the cached pages stale. Checked once the change has committed:
# then it is visible to every process, and the check does not lengthen the
# transaction, which may hold the meeting's seat lock. Once per meeting and
# transaction, however many registrations it saves; robust: a cache error
# after the commit is logged and does not fail the request.
_shown_check = AfterCommit("meeting page seats", _check_shown, robust=True)


def registration_shown_change(sender, instance, using=None, **kwargs):
    _shown_check.add(instance.meeting, key=instance.meeting_id, using=using)


def registrations_created_shown(*, meeting, using=None) -> None:
    """As ``registration_shown_change``, for registrations stored with one bulk insert (which sends no signal)."""
    _shown_check.add(meeting, key=meeting.pk, using=using)


def participant_message_deleted(sender, instance, using=None, **kwargs):
    """A deleted message's attachment leaves the store too, once the deletion has committed."""
    if instance.attachment:
        storage, name = instance.attachment.storage, instance.attachment.name
        transaction.on_commit(lambda: storage.delete(name), using=using, robust=True)
