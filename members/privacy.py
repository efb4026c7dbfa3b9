"""A member's own data: the export on My pages, deleting the account, and the member account as
a source of personal data for the staff's data requests (registered in ``MembersConfig.ready()``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from netvaerk.privacy import PersonalDataSource, iso, personal_data_sources
from registration import privacy as registration_privacy

from .models import BoardPost, Material, Membership, Profile
from .selectors import email_verified, registrations_of

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
            "date_joined": iso(value=user.date_joined),
            "last_login": iso(value=user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        },
        "profile": None,
        "memberships": [],
        "registrations": [],
        # The colleagues' sign-ups they made as booker; like registrations_of, an unverified address proves nothing.
        "group_bookings": (
            registration_privacy.group_bookings_export(email=user.email) if email_verified(user=user) else []
        ),
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
            "directory_consent_at": iso(value=profile.directory_consent_at),
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
                "requested_at": iso(value=membership.requested_at),
                "decided_at": iso(value=membership.decided_at),
                "left_at": iso(value=membership.left_at),
            }
        )
    for registration in registrations_of(user=user).select_related("meeting", "workshop"):
        data["registrations"].append(
            {
                "meeting": registration.meeting.title,
                "meeting_code": registration.meeting.code,
                "starts_at": iso(value=registration.meeting.starts_at),
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
                "created_at": iso(value=registration.created_at),
                "cancelled_at": iso(value=registration.cancelled_at),
            }
        )
    for post in BoardPost.objects.filter(author=user).select_related("network"):
        data["posts"].append(
            {
                "network": post.network.name,
                "reply_to": post.parent_id,
                "title": post.title,
                "body": post.body,
                "created_at": iso(value=post.created_at),
                "removed": post.is_removed,
            }
        )
    # Comments, requests, ideas and evaluations that other apps hold under the address.
    for source in personal_data_sources():
        if source.name != MEMBER_SOURCE:
            data[source.name] = source.export(email=user.email)
    for material in Material.objects.filter(uploaded_by=user).select_related("network"):
        data["material"].append(
            {
                "network": material.network.name,
                "title": material.title,
                "kind": material.kind,
                "file_name": material.original_name,
                "url": material.url,
                "created_at": iso(value=material.created_at),
            }
        )
    return data


MEMBER_SOURCE = "member_account"


def _member_export(*, email: str) -> list[dict[str, Any]]:
    return [member_data_export(user=user) for user in get_user_model().objects.filter(email__iexact=email)]


def _member_erase(*, email: str) -> int:
    """Member accounts of the address are deleted; staff accounts are left for an administrator to remove."""
    users = list(get_user_model().objects.filter(email__iexact=email, is_staff=False, is_superuser=False))
    for user in users:
        member_account_delete(user=user)
    return len(users)


def _member_retain(*, before: dt.datetime) -> int:
    # An account is the member's own; it stays until they delete it.
    return 0


PERSONAL_DATA_SOURCE = PersonalDataSource(MEMBER_SOURCE, _member_export, _member_erase, _member_retain, order=10)


def member_account_delete(*, user, now: dt.datetime | None = None) -> None:
    """Delete the account: registrations are anonymised, posts and material stay without a name."""
    now = now or timezone.now()
    for registration in registrations_of(user=user):
        registration_privacy.registration_anonymise(registration=registration, now=now)
    with transaction.atomic():
        # Posts, material and minutes keep their content; the foreign keys are SET_NULL.
        user.delete()
