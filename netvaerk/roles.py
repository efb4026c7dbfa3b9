"""Staff roles as permission groups, kept in step after every migrate.

Consultants plan networks and meetings; the secretariat also sees and
exports everything. Permissions are named by app label and codename so the
core app does not import the other apps.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

CONSULTANT = "Konsulent"
SECRETARIAT = "Sekretariat"

_PLANNING_MODELS = {
    "netvaerk": ["network", "organisation", "workarea", "targetgroup", "theme"],
    "meetings": ["meeting", "agendaitem", "workshop", "venue"],
}

ROLE_LABELS = {CONSULTANT: _("Consultant"), SECRETARIAT: _("Secretariat")}


def _planning_permissions():
    perms = Permission.objects.none()
    for app_label, models in _PLANNING_MODELS.items():
        perms = perms | Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
    return perms


def roles_sync(**kwargs) -> None:
    """Create or update the staff groups with their permissions."""
    if not global_apps.is_installed("django.contrib.auth"):
        return
    planning = list(_planning_permissions())
    consultant, _created = Group.objects.get_or_create(name=CONSULTANT)
    consultant.permissions.add(*planning)
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT)
    extra = Permission.objects.filter(
        content_type__app_label__in=["netvaerk", "meetings", "registration", "members"],
    )
    secretariat.permissions.add(*planning, *extra)
