from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetvaerkConfig(AppConfig):
    name = "netvaerk"
    verbose_name = _("Networks")

    def ready(self):
        from .roles import roles_sync

        post_migrate.connect(roles_sync, dispatch_uid="netvaerk_roles_sync")

        from .pagecache import connect_signals

        connect_signals()
