"""Who may see, moderate and plan in a network's group space: the members' rights.

Built on the access policy (netvaerk/access.py), the one home of "who plans
network X" (its coordinator and working group) and of the staff rights over
a network (its consultants and the secretariat):

- see: an active member, the network's coordinator and working group, staff
  with a right over the network, and whoever may plan in it;
- moderate (approve members, pin and remove posts, write minutes): the
  network's coordinator, a member with the coordinator role, or a superuser;
- plan (agenda proposals with their planning buttons, put one on a
  programme, record ideas, read evaluations): the network's planners, staff
  with a right over the network, and active members with the working-group or
  coordinator role.

These are rights in the group space only; a member gets no staff right from
them (no admin, no staff page, no export).
"""

from __future__ import annotations

from dataclasses import dataclass

import rules

from netvaerk import access
from netvaerk.models import Network

from .enums import MembershipRole, MembershipStatus
from .models import Membership

PLANNING_ROLES = (MembershipRole.WORKING_GROUP, MembershipRole.COORDINATOR)


@dataclass(frozen=True)
class GroupAccess:
    network: Network
    membership: Membership | None
    can_view: bool
    can_moderate: bool
    can_plan: bool = False

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.ACTIVE


def _active(membership: Membership | None) -> bool:
    return membership is not None and membership.status == MembershipStatus.ACTIVE


@rules.predicate
def has_planning_role(user, network) -> bool:
    """An active membership with the working-group or coordinator role."""
    return Membership.objects.filter(
        network=network, user_id=user.pk, status=MembershipStatus.ACTIVE, role__in=PLANNING_ROLES
    ).exists()


# Who plans in the group space; group_access() answers the same with the membership it has loaded.
plans_in_group_space = access.staff_plans_network | access.is_network_planner | has_planning_role


def group_access(*, user, network: Network) -> GroupAccess:
    if not user.is_authenticated or not user.is_active:
        return GroupAccess(network, None, False, False, False)
    membership = Membership.objects.filter(network=network, user=user).first()
    active = _active(membership)
    coordinator = network.coordinator_id == user.pk or (active and membership.role == MembershipRole.COORDINATOR)
    can_moderate = coordinator or user.is_superuser
    can_plan = (
        (active and membership.role in PLANNING_ROLES)
        or access.is_network_planner.test(user, network)
        or access.staff_plans_network.test(user, network)
    )
    can_view = active or can_moderate or can_plan
    return GroupAccess(network, membership, can_view, can_moderate, can_plan)


def can_plan(*, user, network: Network, access: GroupAccess | None = None) -> bool:
    """Plan in the network's group space (see the module's docstring)."""
    if access is not None:
        return access.can_plan
    return bool(user.is_authenticated and user.is_active and plans_in_group_space.test(user, network))


def can_see_evaluations(*, user, network: Network, access: GroupAccess | None = None) -> bool:
    """The evaluations of the network's meetings: whoever plans it (the secretariat included)."""
    return can_plan(user=user, network=network, access=access)
