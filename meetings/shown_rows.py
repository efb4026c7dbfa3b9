"""Rows of other tables that a meeting's page shows: saving one marks its meetings as changed.

The meeting page keeps its main part and its facts box rendered per meeting
version (``updated_at``, ``templates/pages/meeting_detail.html``). Its own
programme and workshops mark the meeting themselves (``_TouchesMeeting``);
the rows here belong to other tables and are shared by many meetings: the
venue (name, address, directions), the host organisation, the organiser and
the network (the contact shown when the meeting has none of its own) and the
target groups. Without this, a renamed venue stayed on the meeting pages
until their kept parts expired (an hour).

Connected in ``MeetingsConfig.ready()``; a new row, or a fixture being loaded,
is shown by no meeting yet.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete
from django.utils import timezone

from netvaerk.models import Network, Organisation, Organiser, TargetGroup

from .models import Meeting, Venue

# The model, and the meeting's relation to it.
SHOWN_ON_THE_PAGE = {
    Venue: "venue",
    Organisation: "host_organisation",
    Organiser: "organiser",
    Network: "network",
    TargetGroup: "target_groups",
}


def meetings_showing_touch(*, model, pk) -> int:
    """Mark the meetings that show this row as changed; returns how many."""
    return Meeting.objects.filter(**{SHOWN_ON_THE_PAGE[model]: pk}).update(updated_at=timezone.now())


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        meetings_showing_touch(model=sender, pk=instance.pk)


def _deleting(sender, instance, **kwargs):
    # Before the delete: a host organisation's meetings lose it (SET_NULL) without a save of their own.
    meetings_showing_touch(model=sender, pk=instance.pk)


def shown_rows_connect() -> None:
    for model in SHOWN_ON_THE_PAGE:
        uid = f"meetings.shown_rows.{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
