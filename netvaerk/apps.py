from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetvaerkConfig(AppConfig):
    name = "netvaerk"
    verbose_name = _("Networks")

    def ready(self):
        from .periodic import periodic_tasks_sync
        from .roles import roles_sync

        post_migrate.connect(roles_sync, dispatch_uid="netvaerk_roles_sync")
        # Only after this app's migrate signal: django_celery_beat's tables exist by then.
        post_migrate.connect(periodic_tasks_sync, sender=self, dispatch_uid="netvaerk_periodic_tasks_sync")

        from . import access
        from .models import Network

        access.scope_register(Network, network="")

        from .pagecache import connect_signals

        connect_signals()
