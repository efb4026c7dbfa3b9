import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Do the lazy set-up of a web process before it takes its first request.

    Django imports the URLconf (and with it every view, form and admin
    module) on the first request, and Celery finalises its tasks on the
    first publish; together about half a second of CPU that otherwise lands
    on the first visitors of every new worker.
    """
    from django.urls import get_resolver

    from config.celery_app import app

    get_resolver().url_patterns  # noqa: B018 - importing is the point
    app.finalize(auto=True)


_warm_up()
