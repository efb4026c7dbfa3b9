"""Keeps the cached public meeting page true when registrations change."""

from functools import partial

from django.db import transaction

from netvaerk.aftercommit import AfterCommit
from netvaerk.pagecache import bump_when_changed

from .questions.selectors import choice_places_summary
from .selectors import public_registration_summary


def _check_shown(items) -> None:
    for name, summary in items:
        bump_when_changed(name, summary())


# Most sign-ups in a burst change nothing the page shows (the meeting stays
# open, or stays on the waiting list); only a change of state or of the shown
# seats makes the cached pages stale. Checked once the change has committed:
# then it is visible to every process, and the check does not lengthen the
# transaction, which may hold the meeting's seat lock. Once per meeting and
# transaction, however many registrations it saves; robust: a cache error
# after the commit is logged and does not fail the request. The seats and the
# choices' places are compared apart, so a sign-up that answered no question
# (most) does not count the choices.
_shown_check = AfterCommit("meeting page seats", _check_shown, robust=True)


def _shown_changes(meeting, *, choices: bool, using=None) -> None:
    seats = f"meeting-registrations:{meeting.pk}"
    _shown_check.add((seats, partial(public_registration_summary, meeting=meeting)), key=seats, using=using)
    if choices:
        # The places left of the meeting's limited choices ("3 pladser tilbage" on the form).
        places = f"meeting-choices:{meeting.pk}"
        _shown_check.add((places, partial(choice_places_summary, meeting=meeting)), key=places, using=using)


def registration_shown_change(sender, instance, using=None, **kwargs):
    # Any saved change (a status, an answer edited through the registration) may move both.
    _shown_changes(instance.meeting, choices=True, using=using)


def registrations_created_shown(*, meeting, answered: bool, using=None) -> None:
    """As ``registration_shown_change``, for registrations stored with one bulk insert (which sends no signal).

    ``answered``: some of them saved answers to the meeting's questions (their choices' places may have moved).
    """
    _shown_changes(meeting, choices=answered, using=using)


def participant_message_deleted(sender, instance, using=None, **kwargs):
    """A deleted message's attachment leaves the store too, once the deletion has committed."""
    if instance.attachment:
        storage, name = instance.attachment.storage, instance.attachment.name
        transaction.on_commit(lambda: storage.delete(name), using=using, robust=True)
