from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Blog and offers")

    def ready(self):
        from .emails import register_email_templates

        register_email_templates()
