from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetvaerkConfig(AppConfig):
    name = "netvaerk"
    verbose_name = _("Networks")

    def ready(self):
        from .roles import role_permissions_register

        # Organiser too: a network and a meeting must name one, and the admin's autocomplete for that
        # field asks for the right to see organisers.
        role_permissions_register(
            "netvaerk", planning=["network", "organisation", "organiser", "workarea", "targetgroup", "theme"]
        )

        from .periodic import periodic_tasks_sync
        from .roles import roles_sync

        post_migrate.connect(roles_sync, dispatch_uid="netvaerk_roles_sync")
        # Only after this app's migrate signal: django_celery_beat's tables exist by then.
        post_migrate.connect(periodic_tasks_sync, sender=self, dispatch_uid="netvaerk_periodic_tasks_sync")

        from . import access
        from .models import Network

        access.scope_register(Network, network="")

        from .models import Network, Organisation, Organiser, TargetGroup, Theme, WorkArea
        from .pagecache import public_models_register

        public_models_register(Organiser, Organisation, WorkArea, TargetGroup, Theme, Network)

        # The one network admin, with what the apps above add (see admin_register_composed).
        from .admin import NetworkAdmin, admin_register_composed

        admin_register_composed(Network, NetworkAdmin)
