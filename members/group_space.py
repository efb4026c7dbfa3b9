"""The group space's rules: the board, shared material and minutes.

Permission refusals raise django's PermissionDenied; rule refusals raise MembersError.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk.models import Network

from . import tasks
from .access import group_access
from .enums import MaterialKind
from .models import BoardPost, Material, Minutes
from .services import MembersError
from .validators import safe_filename


def _require_moderator(*, by, network: Network) -> None:
    if not group_access(user=by, network=network).can_moderate:
        raise PermissionDenied


# --- The board ------------------------------------------------------------------


def board_post_create(
    *, network: Network, author, body: str, title: str = "", parent: BoardPost | None = None
) -> BoardPost:
    if not group_access(user=author, network=network).can_view:
        raise PermissionDenied
    if parent is not None and (parent.network_id != network.pk or parent.parent_id or parent.is_removed):
        raise MembersError(_("You can only reply to a post on this board."))
    post = BoardPost.objects.create(
        network=network, author=author, parent=parent, title="" if parent else title.strip(), body=body.strip()
    )
    if parent is None:
        # Only after commit: the worker must never see a post that was rolled back.
        transaction.on_commit(lambda: tasks.board_post_notify.delay(post.pk), robust=True)
    return post


def board_post_set_pinned(*, post: BoardPost, by, pinned: bool) -> BoardPost:
    _require_moderator(by=by, network=post.network)
    if post.parent_id:
        raise MembersError(_("Only posts, not replies, can be pinned."))
    post.is_pinned = pinned
    post.save(update_fields=["is_pinned", "updated_at"])
    return post


def board_post_remove(*, post: BoardPost, by, now: dt.datetime | None = None) -> BoardPost:
    """The coordinator removes any post, an author their own. Replies go with their post."""
    now = now or timezone.now()
    if post.author_id != by.pk:
        _require_moderator(by=by, network=post.network)
    post.removed_at = now
    post.removed_by = by
    post.is_pinned = False
    post.save(update_fields=["removed_at", "removed_by", "is_pinned", "updated_at"])
    return post


# --- Shared material and minutes -----------------------------------------------------


def _check_meeting(network: Network, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.network_id != network.pk:
        raise MembersError(_("Choose a meeting of this network."))


def material_add(
    *,
    network: Network,
    by,
    title: str,
    description: str = "",
    meeting: Meeting | None = None,
    upload=None,
    content_type: str = "",
    url: str = "",
) -> Material:
    """Share a file (already checked by validate_upload) or a link with the network."""
    if not group_access(user=by, network=network).can_view:
        raise PermissionDenied
    _check_meeting(network, meeting)
    if bool(upload) == bool(url):
        raise MembersError(_("Share either a file or a link."))
    material = Material(
        network=network,
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        uploaded_by=by,
    )
    if upload:
        material.kind = MaterialKind.FILE
        material.original_name = safe_filename(upload.name)
        material.content_type = content_type
        material.size = upload.size
        material.file.save(upload.name, upload, save=False)
    else:
        material.kind = MaterialKind.LINK
        material.url = url
    material.save()
    return material


def material_delete(*, material: Material, by) -> None:
    if material.uploaded_by_id != by.pk:
        _require_moderator(by=by, network=material.network)
    name = material.file.name
    storage = material.file.storage
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def minutes_save(
    *,
    meeting: Meeting,
    by,
    text: str,
    outputs: str | None = None,
    upload=None,
    content_type: str = "",
    remove_file: bool = False,
    now: dt.datetime | None = None,
) -> Minutes:
    """Write or change the minutes (and outputs) of a past meeting of the network (coordinators only)."""
    now = now or timezone.now()
    if meeting.network_id is None:
        raise MembersError(_("Only meetings of a network have minutes here."))
    _require_moderator(by=by, network=meeting.network)
    if meeting.starts_at > now:
        raise MembersError(_("Minutes can be written once the meeting has taken place."))
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    old_file = minutes.file.name if (upload or remove_file) else ""
    minutes.text = text.strip()
    if outputs is not None:
        minutes.outputs = outputs.strip()
    minutes.written_by = by
    if upload:
        minutes.original_name = safe_filename(upload.name)
        minutes.content_type = content_type
        minutes.size = upload.size
        minutes.file.save(upload.name, upload, save=False)
    elif remove_file:
        minutes.file = ""
        minutes.original_name = minutes.content_type = ""
        minutes.size = None
    minutes.save()
    if old_file:
        storage = minutes.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return minutes
