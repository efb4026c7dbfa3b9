"""Celery task of the site search: the nightly rebuild of the index."""

from celery import shared_task

from . import services


@shared_task(name="search.index_rebuild")
def index_rebuild() -> int:
    return services.search_index_rebuild()
