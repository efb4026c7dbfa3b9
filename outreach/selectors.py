"""Who outreach reaches: the network's active members and confirmed subscribers, minus opt-outs and sign-ups."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.functions import Lower

from meetings.models import Meeting
from members.models import Membership
from netvaerk.models import Network
from registration.models import Registration

from .enums import OutreachKind, SubscriberStatus
from .models import Invitation, OptOut, Subscriber


@dataclass(frozen=True)
class Recipient:
    email: str  # lower case
    name: str
    language: str
    user_id: int | None

    @property
    def is_member(self) -> bool:
        return self.user_id is not None


def opted_out(*, network: Network, kind: str) -> set[str]:
    return set(OptOut.objects.filter(network=network, kind=kind).values_list("email", flat=True))


def signed_up(*, meeting: Meeting) -> set[str]:
    """Addresses with a registration (confirmed or waiting) for the meeting, in lower case."""
    return set(
        Registration.objects.filter(meeting=meeting)
        .active()
        .annotate(address=Lower("email"))
        .values_list("address", flat=True)
    )


def network_audience(*, network: Network, kind: str = OutreachKind.INVITATION) -> list[Recipient]:
    """Active members (with an active account) and confirmed subscribers, each address once, minus opt-outs."""
    excluded = opted_out(network=network, kind=kind)
    people: dict[str, Recipient] = {}
    memberships = (
        Membership.objects.active()
        .filter(network=network, user__is_active=True)
        .select_related("user", "user__member_profile")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    for membership in memberships:
        user = membership.user
        email = user.email.lower()
        if not email or email in excluded or email in people:
            continue
        profile = getattr(user, "member_profile", None)
        language = profile.language if profile is not None else "da"
        people[email] = Recipient(email=email, name=user.get_full_name(), language=language, user_id=user.pk)
    subscribers = Subscriber.objects.filter(network=network, status=SubscriberStatus.CONFIRMED).order_by("email")
    for subscriber in subscribers.only("email", "language"):
        email = subscriber.email.lower()
        if email in excluded or email in people:
            continue
        people[email] = Recipient(email=email, name="", language=subscriber.language, user_id=None)
    return list(people.values())


def invitation_recipients(*, meeting: Meeting) -> list[Recipient]:
    """Who an invitation to ``meeting`` would go to now: the audience minus those signed up."""
    if meeting.network_id is None:
        return []
    registered = signed_up(meeting=meeting)
    return [person for person in network_audience(network=meeting.network) if person.email not in registered]


@dataclass(frozen=True)
class InvitationFigures:
    invited: int
    invited_again: int
    nudged: int
    signed_up: int  # of those invited


def invitation_figures(*, meeting: Meeting) -> InvitationFigures:
    invitations = Invitation.objects.filter(meeting=meeting)
    emails = set(invitations.values_list("email", flat=True))
    return InvitationFigures(
        invited=len(emails),
        invited_again=invitations.filter(resent_at__isnull=False).count(),
        nudged=invitations.filter(nudged_at__isnull=False).count(),
        signed_up=len(emails & signed_up(meeting=meeting)),
    )
