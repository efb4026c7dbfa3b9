from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The public pages of networks and meetings; no models, and no registries of its own but the network page's panels."""

    name = "pages"
