from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self):
        from netvaerk.privacy import personal_data_source_register

        from .privacy import SOURCES

        for source in SOURCES:
            personal_data_source_register(source=source)
