"""Business rules of the members' area: profiles, memberships, board, material, minutes, privacy.

Permission refusals raise django's PermissionDenied (a 403 in views); rule
refusals raise MembersError with a message for the person.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk import access
from netvaerk.enums import NetworkStatus, OrganisationKind
from netvaerk.models import Network, Organisation
from netvaerk.privacy import PersonalDataSource, iso, personal_data_sources
from netvaerk.text import strip_format_characters
from registration import services as registration_services

from . import tasks
from .access import group_access
from .enums import MaterialKind, MembershipRole, MembershipStatus
from .forms import MemberLineForm
from .models import Material, Membership, Minutes, Post, Profile
from .selectors import registrations_of
from .validators import safe_filename


class MembersError(Exception):
    """A rule refused the change; the message is shown to the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Accounts -------------------------------------------------------------------


def user_email_verify(*, user) -> None:
    """Mark the user's login address as verified and primary for allauth.

    Only for an address known to be the person's own without a confirmation
    email: a completed password reset, an account an operator made with
    `manage.py createsuperuser`, the demo logins. Sign-ups confirm by email.
    """
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(primary=False)


# --- Profiles and organisations ----------------------------------------------


def profile_get_or_create(*, user, language: str | None = None) -> Profile:
    defaults = {"language": language} if language in ("da", "en") else {}
    profile, _created = Profile.objects.get_or_create(user=user, defaults=defaults)
    return profile


def organisation_for_name(*, name: str, kind: str = OrganisationKind.OTHER) -> Organisation | None:
    """The organisation with this name (any case), created when it is new."""
    name = " ".join(name.split())[:200]
    if not name:
        return None
    existing = Organisation.objects.filter(name__iexact=name).order_by("pk").first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, kind=kind)
    except IntegrityError:
        return Organisation.objects.filter(name__iexact=name).order_by("pk").first()


@transaction.atomic
def profile_update(*, user, data: dict[str, Any], now: dt.datetime | None = None) -> Profile:
    now = now or timezone.now()
    profile = profile_get_or_create(user=user)
    user.first_name = data["first_name"].strip()
    user.last_name = data["last_name"].strip()
    user.phone = (data.get("phone") or "").strip()
    user.save(update_fields=["first_name", "last_name", "phone"])
    organisation = data.get("organisation")
    if data.get("new_organisation"):
        organisation = organisation_for_name(
            name=data["new_organisation"], kind=data.get("new_organisation_kind") or OrganisationKind.OTHER
        )
    profile.organisation = organisation
    profile.job_title = (data.get("job_title") or "").strip()
    profile.introduction = (data.get("introduction") or "").strip()
    consent = bool(data.get("directory_consent"))
    if consent and not profile.directory_consent:
        profile.directory_consent_at = now
    if not consent:
        profile.directory_consent_at = None
    profile.directory_consent = consent
    if data.get("language") in ("da", "en"):
        profile.language = data["language"]
    profile.save()
    if "work_areas" in data:
        profile.work_areas.set(data["work_areas"])
    return profile


# --- Memberships ------------------------------------------------------------------


def _require_moderator(*, by, network: Network) -> None:
    if not group_access(user=by, network=network).can_moderate:
        raise PermissionDenied


def _require_membership_manager(*, by, network: Network, perm: str = "members.change_membership") -> None:
    # The coordinator on the group page, or staff with the right in the admin over this network.
    if by is None:
        return  # the portal itself (the demo loader)
    if by.has_perm(perm) and access.staff_plans_network.test(by, network):
        return
    if not group_access(user=by, network=network).can_moderate:
        raise PermissionDenied


def _notify_membership(membership: Membership, event: str) -> None:
    # Robust: with the broker away the membership is saved all the same (the error is logged).
    transaction.on_commit(lambda: tasks.membership_notify.delay(membership.pk, event), robust=True)


def membership_request(*, network: Network, user, message: str = "", now: dt.datetime | None = None) -> Membership:
    """Ask to join a network. Asking again after leaving or a decline opens a new request."""
    now = now or timezone.now()
    if network.status == NetworkStatus.CLOSED:
        raise MembersError(_("The network is closed and takes no new members."))
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            network=network,
            user=user,
            defaults={"status": MembershipStatus.REQUESTED, "requested_at": now, "message": message.strip()},
        )
        if not created:
            if membership.status == MembershipStatus.ACTIVE:
                raise MembersError(_("You are already a member of the network."))
            if membership.status == MembershipStatus.REQUESTED:
                raise MembersError(_("You have already asked to join. The coordinator will answer you."))
            membership.status = MembershipStatus.REQUESTED
            membership.requested_at = now
            membership.message = message.strip()
            membership.decided_at = None
            membership.decided_by = None
            membership.left_at = None
            membership.role = MembershipRole.MEMBER
            membership.save()
        _notify_membership(membership, "requested")
    return membership


def membership_approve(*, membership: Membership, by, now: dt.datetime | None = None) -> Membership:
    now = now or timezone.now()
    _require_membership_manager(by=by, network=membership.network)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("network").get(pk=membership.pk)
        if membership.status not in (MembershipStatus.REQUESTED, MembershipStatus.DECLINED):
            raise MembersError(_("Only requests can be approved."))
        membership.status = MembershipStatus.ACTIVE
        membership.decided_at = now
        membership.decided_by = by
        membership.save()
        _notify_membership(membership, "approved")
    return membership


def membership_decline(*, membership: Membership, by, now: dt.datetime | None = None) -> Membership:
    now = now or timezone.now()
    _require_membership_manager(by=by, network=membership.network)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("network").get(pk=membership.pk)
        if membership.status != MembershipStatus.REQUESTED:
            raise MembersError(_("Only requests can be declined."))
        membership.status = MembershipStatus.DECLINED
        membership.decided_at = now
        membership.decided_by = by
        membership.save()
        _notify_membership(membership, "declined")
    return membership


def membership_leave(*, membership: Membership, now: dt.datetime | None = None) -> Membership:
    """Leave a network (or withdraw a request). The person can ask again later."""
    now = now or timezone.now()
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
            raise MembersError(_("You are not a member of the network."))
        membership.status = MembershipStatus.LEFT
        membership.left_at = now
        membership.notify_new_posts = False
        membership.save()
    return membership


def membership_set_notifications(*, membership: Membership, notify_new_posts: bool) -> Membership:
    if membership.status != MembershipStatus.ACTIVE:
        raise MembersError(_("You are not a member of the network."))
    membership.notify_new_posts = notify_new_posts
    membership.save(update_fields=["notify_new_posts", "updated_at"])
    return membership


def _split_name(name: str) -> tuple[str, str]:
    parts = " ".join(name.split()).rsplit(" ", 1)
    if len(parts) == 1:
        return parts[0][:150], ""
    return parts[0][:150], parts[1][:150]


@dataclass
class AddResult:
    membership: Membership
    created_user: bool
    created_membership: bool


def membership_add(
    *,
    network: Network,
    email: str,
    name: str = "",
    organisation: str = "",
    role: str = MembershipRole.MEMBER,
    by,
    now: dt.datetime | None = None,
) -> AddResult:
    """Staff (``by``, over the network) add a person as an active member; the account is created when new.

    A new account has no password: the person sets one with "Forgot password?",
    which also proves that the address is theirs.
    """
    now = now or timezone.now()
    _require_membership_manager(by=by, network=network, perm="members.add_membership")
    # As stored (netvaerk.fields): invisible characters from a pasted or imported address do not count.
    email = strip_format_characters(email).strip()
    validate_email(email)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created_user = user is None
        if created_user:
            first, last = _split_name(name)
            user = User.objects.create_user(email=email, password=None, first_name=first, last_name=last)
        elif name and not user.get_full_name():
            user.first_name, user.last_name = _split_name(name)
            user.save(update_fields=["first_name", "last_name"])
        profile = profile_get_or_create(user=user)
        if organisation and profile.organisation_id is None:
            profile.organisation = organisation_for_name(name=organisation)
            profile.save(update_fields=["organisation", "updated_at"])
        membership, created_membership = Membership.objects.select_for_update().get_or_create(
            network=network,
            user=user,
            defaults={
                "status": MembershipStatus.ACTIVE,
                "role": role,
                "requested_at": now,
                "decided_at": now,
                "decided_by": by,
            },
        )
        if not created_membership and (membership.status != MembershipStatus.ACTIVE or membership.role != role):
            membership.status = MembershipStatus.ACTIVE
            membership.role = role
            membership.decided_at = now
            membership.decided_by = by
            membership.left_at = None
            membership.save()
    return AddResult(membership, created_user, created_membership)


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


_HEADER_WORDS = {"navn", "name", "email", "e-mail", "mail", "organisation", "organization"}


def members_import_csv(*, network: Network, data: bytes, role: str = MembershipRole.MEMBER, by) -> ImportResult:
    """Import "name; email; organisation" lines (semicolons or commas, UTF-8 with or without BOM).

    Good lines are added even when other lines have errors; each bad line is reported by number.
    """
    _require_membership_manager(by=by, network=network, perm="members.add_membership")
    result = ImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((0, str(_('The file is not UTF-8. Save it as "CSV UTF-8" and try again.'))))
        return result
    lines = text.splitlines()
    sample = "\n".join(lines[:5])
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and cells and cells[0].lower() in _HEADER_WORDS:
            continue
        if len(cells) < 2:
            result.errors.append((number, str(_("Expected name; email; organisation."))))
            continue
        line = MemberLineForm({"name": cells[0], "email": cells[1], "organisation": cells[2] if len(cells) > 2 else ""})
        if not line.is_valid():
            if "email" in line.errors:
                message = _("Not a valid email address: %(email)s") % {"email": cells[1][:254]}
            else:
                message = next(iter(line.errors.values()))[0]
            result.errors.append((number, str(message)))
            continue
        email = line.cleaned_data["email"]
        outcome = membership_add(network=network, role=role, by=by, **line.cleaned_data)
        (result.added if outcome.created_membership else result.already).append(email)
    return result


# --- The board ------------------------------------------------------------------


def post_create(*, network: Network, author, body: str, title: str = "", parent: Post | None = None) -> Post:
    if not group_access(user=author, network=network).can_view:
        raise PermissionDenied
    if parent is not None and (parent.network_id != network.pk or parent.parent_id or parent.is_removed):
        raise MembersError(_("You can only reply to a post on this board."))
    post = Post.objects.create(
        network=network, author=author, parent=parent, title="" if parent else title.strip(), body=body.strip()
    )
    if parent is None:
        # Only after commit: the worker must never see a post that was rolled back.
        transaction.on_commit(lambda: tasks.post_notify.delay(post.pk), robust=True)
    return post


def post_set_pinned(*, post: Post, by, pinned: bool) -> Post:
    _require_moderator(by=by, network=post.network)
    if post.parent_id:
        raise MembersError(_("Only posts, not replies, can be pinned."))
    post.is_pinned = pinned
    post.save(update_fields=["is_pinned", "updated_at"])
    return post


def post_remove(*, post: Post, by, now: dt.datetime | None = None) -> Post:
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


# --- Privacy -------------------------------------------------------------------------


def member_data_export(*, user) -> dict[str, Any]:
    """Everything the portal holds about the person, as JSON-ready data."""
    profile = Profile.objects.filter(user=user).select_related("organisation").first()
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        },
        "profile": None,
        "memberships": [],
        "registrations": [],
        "posts": [],
        "material": [],
    }
    if profile:
        data["profile"] = {
            "organisation": str(profile.organisation) if profile.organisation else None,
            "job_title": profile.job_title,
            "work_areas": [area.name for area in profile.work_areas.all()],
            "introduction": profile.introduction,
            "directory_consent": profile.directory_consent,
            "directory_consent_at": iso(profile.directory_consent_at),
            "language": profile.language,
        }
    for membership in Membership.objects.filter(user=user).select_related("network"):
        data["memberships"].append(
            {
                "network": membership.network.name,
                "role": membership.role,
                "status": membership.status,
                "message": membership.message,
                "notify_new_posts": membership.notify_new_posts,
                "requested_at": iso(membership.requested_at),
                "decided_at": iso(membership.decided_at),
                "left_at": iso(membership.left_at),
            }
        )
    for registration in registrations_of(user=user).select_related("meeting", "workshop"):
        data["registrations"].append(
            {
                "meeting": registration.meeting.title,
                "meeting_code": registration.meeting.code,
                "starts_at": iso(registration.meeting.starts_at),
                "status": registration.status,
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "organisation": registration.organisation,
                "job_title": registration.job_title,
                "workshop": registration.workshop.title if registration.workshop else None,
                "diets": registration.diets,
                "diet_note": registration.diet_note,
                "accessibility_needs": registration.accessibility_needs,
                "comment": registration.comment,
                "created_at": iso(registration.created_at),
                "cancelled_at": iso(registration.cancelled_at),
            }
        )
    for post in Post.objects.filter(author=user).select_related("network"):
        data["posts"].append(
            {
                "network": post.network.name,
                "reply_to": post.parent_id,
                "title": post.title,
                "body": post.body,
                "created_at": iso(post.created_at),
                "removed": post.is_removed,
            }
        )
    # Comments, requests, ideas and evaluations that other apps hold under the address.
    for source in personal_data_sources():
        if source.name != MEMBER_SOURCE:
            data[source.name] = source.export(user.email)
    for material in Material.objects.filter(uploaded_by=user).select_related("network"):
        data["material"].append(
            {
                "network": material.network.name,
                "title": material.title,
                "kind": material.kind,
                "file_name": material.original_name,
                "url": material.url,
                "created_at": iso(material.created_at),
            }
        )
    return data


MEMBER_SOURCE = "member_account"


def _member_export(email: str) -> list[dict[str, Any]]:
    return [member_data_export(user=user) for user in get_user_model().objects.filter(email__iexact=email)]


def _member_erase(email: str) -> int:
    """Member accounts of the address are deleted; staff accounts are left for an administrator to remove."""
    users = list(get_user_model().objects.filter(email__iexact=email, is_staff=False, is_superuser=False))
    for user in users:
        member_account_delete(user=user)
    return len(users)


def _member_retain(before: dt.datetime) -> int:
    # An account is the member's own; it stays until they delete it.
    return 0


PERSONAL_DATA_SOURCE = PersonalDataSource(MEMBER_SOURCE, _member_export, _member_erase, _member_retain, order=10)


def member_account_delete(*, user, now: dt.datetime | None = None) -> None:
    """Delete the account: registrations are anonymised, posts and material stay without a name."""
    now = now or timezone.now()
    for registration in registrations_of(user=user):
        registration_services.registration_anonymise(registration=registration, now=now)
    with transaction.atomic():
        # Posts, material and minutes keep their content; the foreign keys are SET_NULL.
        user.delete()
