"""The access policy: who may see and plan which network, and everything that belongs to one.

One home for the rule, written as ``rules`` predicates (object permissions for
Django) and the matching queryset filters:

- the **secretariat** (active staff with ``registration.view_all_meetings``)
  and superusers see and plan everything;
- a **consultant** (any other active staff user) sees and plans only the
  networks they coordinate (``Network.coordinator``) or plan in the working
  group (``Network.working_group``), the meetings of those networks, the
  stand-alone meetings (no network) they are the responsible consultant of
  (``Meeting.responsible``), and whatever belongs to those networks and
  meetings (registrations, members, board posts, material, minutes, ideas,
  proposals, evaluations);
- **members** (not staff) get no staff right at all, whatever the model
  permissions of their account say. Their rights in a network's group space
  are members.access, which builds on the predicates here.

The model permissions (the groups in netvaerk/roles.py) still say *what
kind* of thing a person may do; this policy says *which objects*. Each app
names, in its ``AppConfig.ready()``, how its network-bound models reach their
network (``scope_register``); that registers the object permissions
``<app>.view_<model>``, ``change_`` and ``delete_`` with ``rules``, so
``user.has_perm("meetings.change_meeting", meeting)`` answers for one object,
and ``scope_queryset(user, queryset)`` keeps a list to the objects the user
may reach. Beside them: ``netvaerk.plan_network`` (a network),
``meetings.plan_meeting``, ``registration.check_in`` and ``registration.desk``
(entering, moving and cancelling registrations for people; a meeting) and
``registration.export_participants`` (a meeting or a network).
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.db.models import Model, Q, QuerySet

SEES_ALL_PERMISSION = "registration.view_all_meetings"


# --- Who the person is ------------------------------------------------------------


@rules.predicate
def is_staff(user) -> bool:
    """An active staff account: the only kind that can have a staff right."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_secretariat(user) -> bool:
    """Sees and plans every network: the secretariat's right, and every active superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # The model permission through the model backend (cached on the user); asking
    # user.has_perm() here would ask this policy again.
    return bool(user.is_staff and SEES_ALL_PERMISSION in user.get_all_permissions())


# --- Who plans a network -------------------------------------------------------------


def planner_q(user, prefix: str = "") -> Q:
    """Networks (at ``prefix``) that ``user`` coordinates or plans in the working group."""
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}coordinator": user}) | Q(**{f"{p}working_group": user})


def _planned_networks(user) -> QuerySet:
    from .models import Network

    return Network.objects.filter(planner_q(user)).values("pk")


@rules.predicate
def coordinates(user, network) -> bool:
    return bool(network is not None and user.is_authenticated and network.coordinator_id == user.pk)


@rules.predicate
def in_working_group(user, network) -> bool:
    if network is None or network.pk is None or not user.is_authenticated:
        return False
    return network.working_group.filter(pk=user.pk).exists()


# The network's own people, whether staff or member: who plans network X.
is_network_planner = coordinates | in_working_group

# A staff right over a network: the secretariat, or a consultant who plans it.
staff_plans_network = is_secretariat | (is_staff & is_network_planner)


# --- What belongs to a network ----------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """How objects of one model reach their network.

    ``network``: the lookup path to the network ("" when the object is the
    network). Objects whose network is empty belong to the user at ``owner``
    (a lookup path) when given, to every consultant when ``shared_without_network``,
    and else to the secretariat only.
    """

    network: str
    owner: str | None = None
    shared_without_network: bool = False


_SCOPES: dict[str, Scope] = {}
_ACTIONS = ("view", "change", "delete")


def scope_register(
    model: type[Model], *, network: str, owner: str | None = None, shared_without_network: bool = False
) -> None:
    """Declare that ``model`` belongs to a network (through the lookup path ``network``).

    Registers the object permissions ``<app>.view_/change_/delete_<model>``:
    the model permission and a staff right over the object's network.
    """
    _SCOPES[model._meta.label_lower] = Scope(network, owner, shared_without_network)
    for action in _ACTIONS:
        perm = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        rules.set_perm(perm, model_permission(perm) & staff_reaches)


def scope_of(model: type[Model]) -> Scope | None:
    return _SCOPES.get(model._meta.label_lower)


def scoped_models() -> dict[str, Scope]:
    return dict(_SCOPES)


def model_permission(perm: str) -> rules.Predicate:
    """The model permission ``perm`` (from the groups), without asking this policy again."""

    def has(user) -> bool:
        return bool(user.is_active and perm in user.get_all_permissions())

    return rules.predicate(has, name=f"model_permission:{perm}")


def _follow(obj, path: str):
    """The value at a lookup path ("meeting__network_id") of an object, None past an empty link."""
    for part in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _plans_network_id(user, network_id) -> bool:
    from .models import Network

    return Network.objects.filter(pk=network_id).filter(planner_q(user)).exists()


@rules.predicate
def reaches(user, obj) -> bool:
    """The object belongs to a network the staff user plans (or is theirs without one)."""
    if obj is None or not is_staff(user):
        return False
    if is_secretariat(user):
        return True
    scope = scope_of(type(obj))
    if scope is None:
        return False
    network_id = obj.pk if not scope.network else _follow(obj, f"{scope.network}_id")
    if network_id is not None:
        return _plans_network_id(user, network_id)
    if scope.owner:
        return _follow(obj, f"{scope.owner}_id") == user.pk
    return scope.shared_without_network


staff_reaches = is_staff & reaches


def scope_q(user, model: type[Model]) -> Q:
    """The filter that keeps objects of ``model`` to those the staff user reaches."""
    scope = scope_of(model)
    if scope is None:
        raise LookupError(f"{model._meta.label} is not registered with scope_register")
    if not scope.network:
        return Q(pk__in=_planned_networks(user))
    in_network = Q(**{f"{scope.network}__in": _planned_networks(user)})
    if scope.owner:
        return in_network | Q(**{f"{scope.network}__isnull": True, scope.owner: user})
    if scope.shared_without_network:
        return in_network | Q(**{f"{scope.network}__isnull": True})
    return in_network


def scope_queryset(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` kept to what the user may reach: all for the secretariat, nothing for members."""
    if is_secretariat(user):
        return queryset
    if not is_staff(user):
        return queryset.none()
    return queryset.filter(scope_q(user, queryset.model))


def networks_planned(user) -> QuerySet:
    """The networks the user has a staff right over (all for the secretariat)."""
    from .models import Network

    return scope_queryset(user, Network.objects.all())


# --- Named rights ----------------------------------------------------------------------------

rules.set_perm("netvaerk.plan_network", staff_plans_network)
rules.set_perm("meetings.plan_meeting", staff_reaches)
# The door check-in: whoever plans the meeting (the coordinating consultant too).
rules.set_perm("registration.check_in", staff_reaches)
# The registration desk: registrations entered, moved and cancelled for people who phoned, wrote or came.
rules.set_perm("registration.desk", staff_reaches)
# The lists of a meeting or a network: the right to download lists, for what the person plans.
rules.set_perm("registration.export_participants", model_permission("registration.export_participants") & staff_reaches)


def require(user, perm: str, obj) -> None:
    """For services that act for a person: refuse (PermissionDenied) unless ``user`` holds ``perm`` on ``obj``.

    ``user=None`` is the portal itself (a periodic job, the demo loader); every
    view, admin page and action passes the person behind the request.
    """
    from django.core.exceptions import PermissionDenied

    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied
