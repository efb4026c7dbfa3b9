"""Reads shared by the members' pages, with their joins, so query counts stay flat."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from registration.enums import RegistrationStatus
from registration.models import Registration

from .enums import MembershipStatus
from .models import BoardPost, Material, Membership


def directory_members(*, network):
    """Active members who agreed to be listed, with organisation and work areas."""
    return (
        Membership.objects.active()
        .filter(network=network, user__is_active=True, user__member_profile__directory_consent=True)
        .select_related("user", "user__member_profile", "user__member_profile__organisation")
        .prefetch_related("user__member_profile__work_areas")
        .order_by("user__first_name", "user__last_name", "user__email")
    )


def directory_hidden_count(*, network) -> int:
    return (
        Membership.objects.active()
        .filter(network=network, user__is_active=True)
        .exclude(user__member_profile__directory_consent=True)
        .count()
    )


def board_posts(*, network):
    """Top-level posts not removed, pinned first, with their visible replies and authors."""
    replies = (
        BoardPost.objects.filter(removed_at__isnull=True)
        .select_related("author", "author__member_profile__organisation")
        .order_by("created_at", "id")
    )
    return (
        BoardPost.objects.filter(network=network, parent__isnull=True, removed_at__isnull=True)
        .select_related("author", "author__member_profile__organisation")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        .order_by("-is_pinned", "-created_at", "-id")
    )


def network_materials(*, network):
    return Material.objects.filter(network=network).select_related("meeting", "uploaded_by").order_by("-created_at")


def network_past_meetings_with_minutes(*, network, now=None):
    """Past meetings with their minutes and attendance (checked in at the door) in one query."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(network=network, starts_at__lt=now)
        .exclude(status=MeetingStatus.DRAFT)
        .select_related("minutes_record", "venue")
        .annotate(
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
            confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        )
        .order_by("-starts_at")
    )


def meeting_attendance(*, meeting) -> dict[str, int]:
    """Checked in at the door, of the confirmed registrations (the minutes page shows it)."""
    confirmed = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)
    return confirmed.aggregate(confirmed=Count("id"), attended=Count("id", filter=Q(attended=True)))


def pending_requests(*, network):
    return (
        Membership.objects.requested()
        .filter(network=network)
        .select_related("user", "user__member_profile__organisation")
        .order_by("requested_at", "id")
    )


def network_members_all(*, network):
    return (
        Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


def my_memberships(*, user):
    return (
        Membership.objects.filter(user=user)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("network", "network__coordinator")
        .annotate(
            member_count=Count("network__memberships", filter=Q(network__memberships__status=MembershipStatus.ACTIVE))
        )
        .order_by("network__name")
    )


def email_verified(*, user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def registrations_of(*, user):
    """The person's registrations: linked to the account, or made earlier with its email once verified.

    An unverified address proves nothing, so then only the linked ones count.
    """
    condition = Q(user=user)
    if email_verified(user=user):
        condition |= Q(email__iexact=user.email)
    return Registration.objects.filter(condition)


def my_registrations(*, user):
    return (
        registrations_of(user=user)
        .select_related("meeting", "meeting__venue", "meeting__network", "workshop")
        .order_by("meeting__starts_at", "id")
    )
