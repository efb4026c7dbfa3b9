"""Staff roles as permission groups, kept in step after every migrate.

Consultants plan networks and meetings; the secretariat also sees and
exports everything. Each app says in its AppConfig.ready() what the roles get
of its permissions (``role_permissions_register``), by model name and
codename, so the core app does not import or name the other apps.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CONSULTANT = "Konsulent"
SECRETARIAT = "Sekretariat"


@dataclass(frozen=True)
class RolePermissions:
    """What one app gives the staff roles, by model name and codename (the core imports no app)."""

    planning: tuple[str, ...] = ()  # models consultants (and the secretariat) plan: every permission
    consultant_view: tuple[str, ...] = ()  # models consultants only see (e.g. users, for an autocomplete)
    consultant_codenames: tuple[str, ...] = ()  # single further permissions of consultants
    secretariat_all: bool = True  # the secretariat holds every permission of the app


# Filled by each app in its AppConfig.ready() through role_permissions_register().
ROLE_PERMISSIONS: dict[str, RolePermissions] = {}


def role_permissions_register(app_label: str, **given) -> None:
    """An app says what the consultant and secretariat roles get of its permissions."""
    ROLE_PERMISSIONS[app_label] = RolePermissions(
        **{key: tuple(value) if isinstance(value, list | tuple) else value for key, value in given.items()}
    )


ROLE_LABELS = {CONSULTANT: _("Consultant"), SECRETARIAT: _("Secretariat")}


def _permissions(app_label: str, *, models=(), codenames=()):
    return Permission.objects.filter(content_type__app_label=app_label).filter(
        Q(content_type__model__in=models) | Q(codename__in=codenames)
    )


def _last_migrated_app(sender) -> bool:
    """Whether post_migrate comes for the last app that migrate (or a flush) sends it for.

    The signal is sent once per app with models, in INSTALLED_APPS order, and each app's permissions are
    created on its own signal; only at the last app do all of them exist. Earlier calls would redo part of
    the same work: 28 times per migrate and per flush of a transactional test (about 2.4 s on PostgreSQL).
    """
    migrated = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    return not migrated or sender is migrated[-1]


def roles_sync(sender=None, **kwargs) -> None:
    """Create or update the staff groups with their permissions (as post_migrate receiver: once, at the end)."""
    if not global_apps.is_installed("django.contrib.auth"):
        return
    if sender is not None and not _last_migrated_app(sender):
        return
    consultant, _created = Group.objects.get_or_create(name=CONSULTANT)
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT)
    for app_label, given in ROLE_PERMISSIONS.items():
        planning = list(_permissions(app_label, models=given.planning))
        consultant.permissions.add(
            *planning,
            *_permissions(app_label, codenames=[f"view_{model}" for model in given.consultant_view]),
            *_permissions(app_label, codenames=given.consultant_codenames),
        )
        secretariat.permissions.add(*planning)
        if given.secretariat_all:
            secretariat.permissions.add(*Permission.objects.filter(content_type__app_label=app_label))
