from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from netvaerk.roles import role_permissions_register

        # Consultants add members (also by CSV), answer requests and moderate; they choose a network's
        # coordinator among the users (an autocomplete, which needs the right to see users) but do not
        # edit accounts.
        role_permissions_register(
            "members", planning=["membership", "boardpost", "material", "minutes"], consultant_view=["user"]
        )

        from netvaerk.access import scope_register

        from .models import BoardPost, Material, Membership, Minutes

        for model in (Membership, BoardPost, Material):
            scope_register(model, network="network")
        scope_register(Minutes, network="meeting__network", owner="meeting__responsible")

        from netvaerk.privacy import personal_data_source_register

        from .privacy import PERSONAL_DATA_SOURCE

        personal_data_source_register(source=PERSONAL_DATA_SOURCE)
        from allauth.account.signals import password_reset

        from . import signals
        from .notifications import register_email_templates

        register_email_templates()

        post_migrate.connect(signals.site_sync, sender=self)
        password_reset.connect(signals.verify_email_on_password_reset)
