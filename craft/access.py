"""Who may plan a network's meetings and read its evaluations. One home for the rule.

- plan (see agenda proposals with their planning buttons, put one on a
  programme, record ideas, read evaluations): the network's coordinator, a
  member of its working group (the network's working group field, or an
  active membership with the working-group or coordinator role), a superuser,
  or staff with the right to add agenda items (consultants);
- everything else in the group space (read ideas, comment, propose topics)
  follows members.access: active members, the coordinator and staff.
"""

from __future__ import annotations

from members.access import GroupAccess
from members.enums import MembershipRole, MembershipStatus
from netvaerk.models import Network


def can_plan(*, user, network: Network, access: GroupAccess | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or network.coordinator_id == user.pk:
        return True
    if user.is_staff and user.has_perm("meetings.add_agendaitem"):
        return True
    if access is not None:
        membership = access.membership
    else:
        from members.models import Membership

        membership = Membership.objects.filter(network=network, user=user).first()
    if (
        membership is not None
        and membership.status == MembershipStatus.ACTIVE
        and membership.role in (MembershipRole.WORKING_GROUP, MembershipRole.COORDINATOR)
    ):
        return True
    return network.working_group.filter(pk=user.pk).exists()


def can_see_evaluations(*, user, network: Network, access: GroupAccess | None = None) -> bool:
    """The coordinator and the working group; the secretariat through its right to view evaluations."""
    if user.is_authenticated and user.is_staff and user.has_perm("craft.view_evaluation"):
        return True
    return can_plan(user=user, network=network, access=access)
