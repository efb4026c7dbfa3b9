from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Blog and offers")

    def ready(self):
        from netvaerk.privacy import personal_data_source_register

        from .privacy import SOURCES

        for source in SOURCES:
            personal_data_source_register(source)
        from .emails import register_email_templates

        register_email_templates()
