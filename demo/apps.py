from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: listed in INSTALLED_APPS so that its `load_demo` command is found."""

    name = "demo"
