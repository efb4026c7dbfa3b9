"""Who may see and moderate a network's group space. One home for the rule.

- see: an active member, the network's coordinator, or staff (the secretariat sees all networks);
- moderate (approve members, pin and remove posts, write minutes): the network's
  coordinator, a member with the coordinator role, or a superuser.
"""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk.models import Network

from .enums import MembershipRole, MembershipStatus
from .models import Membership


@dataclass(frozen=True)
class GroupAccess:
    network: Network
    membership: Membership | None
    can_view: bool
    can_moderate: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.ACTIVE


def group_access(*, user, network: Network) -> GroupAccess:
    if not user.is_authenticated or not user.is_active:
        return GroupAccess(network, None, False, False)
    membership = Membership.objects.filter(network=network, user=user).first()
    active = membership is not None and membership.status == MembershipStatus.ACTIVE
    coordinator = network.coordinator_id == user.pk or (active and membership.role == MembershipRole.COORDINATOR)
    can_moderate = coordinator or user.is_superuser
    can_view = active or can_moderate or user.is_staff
    return GroupAccess(network, membership, can_view, can_moderate)
