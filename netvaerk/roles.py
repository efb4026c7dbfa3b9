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
    # Organiser is needed too: a network and a meeting must name one, and the
    # admin's autocomplete for that field asks for the right to see organisers.
    "netvaerk": ["network", "organisation", "organiser", "workarea", "targetgroup", "theme"],
    "meetings": ["meeting", "agendaitem", "workshop", "venue"],
    # Members' area: consultants add members (also by CSV), answer requests and moderate.
    "members": ["membership", "post", "material", "minutes"],
    # Meeting craft: the idea catalogue, agenda proposals and (read-only) evaluations.
    "craft": ["idea", "ideacomment", "agendaproposal", "evaluation"],
    # Content: consultants write blog posts, moderate comments, keep the offers and follow up requests.
    "content": ["tag", "author", "post", "postimage", "comment", "provider", "offer", "offerrequest"],
}

# Consultants choose a network's coordinator among the users (an autocomplete
# field, which needs the right to see users) but do not edit accounts.
_CONSULTANT_VIEW_ONLY = {"members": ["user"]}

# Consultants download the lists of their own networks' meetings; only the
# secretariat (which has every registration permission) sees dietary and
# accessibility data and the lists of all meetings.
_CONSULTANT_EXTRA = {"registration": ["export_participants"]}

ROLE_LABELS = {CONSULTANT: _("Consultant"), SECRETARIAT: _("Secretariat")}


def _planning_permissions():
    perms = Permission.objects.none()
    for app_label, models in _PLANNING_MODELS.items():
        perms = perms | Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
    return perms


def _view_permissions(models_by_app):
    perms = Permission.objects.none()
    for app_label, models in models_by_app.items():
        perms = perms | Permission.objects.filter(
            content_type__app_label=app_label, codename__in=[f"view_{model}" for model in models]
        )
    return perms


def _codenames(codenames_by_app):
    perms = Permission.objects.none()
    for app_label, codenames in codenames_by_app.items():
        perms = perms | Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    return perms


def roles_sync(**kwargs) -> None:
    """Create or update the staff groups with their permissions."""
    if not global_apps.is_installed("django.contrib.auth"):
        return
    planning = list(_planning_permissions())
    consultant, _created = Group.objects.get_or_create(name=CONSULTANT)
    consultant.permissions.add(*planning, *_view_permissions(_CONSULTANT_VIEW_ONLY), *_codenames(_CONSULTANT_EXTRA))
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT)
    extra = Permission.objects.filter(
        content_type__app_label__in=[
            "netvaerk",
            "meetings",
            "registration",
            "members",
            "craft",
            "content",
            "accessibility",
            "webhooks",
        ],
    )
    secretariat.permissions.add(*planning, *extra)
