"""Business rules of the members' area: accounts, profiles and memberships.

The group space (board, material, minutes) is in ``group_space``, the member's own data in ``privacy``.

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

from netvaerk import access
from netvaerk.enums import NetworkStatus, OrganisationKind
from netvaerk.models import Network, Organisation
from netvaerk.text import strip_format_characters

from . import tasks
from .access import group_access
from .enums import MembershipRole, MembershipStatus
from .forms import MemberLineForm
from .models import Membership, Profile


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
