from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob

        from . import signals

        signals.connect()
        post_migrate.connect(signals.fill_index_when_empty, sender=self, dispatch_uid="search_fill_index_when_empty")
        if not any(job.task == "search.index_rebuild" for job in PERIODIC_TASKS):
            PERIODIC_TASKS.append(PeriodicJob("Search index rebuild", "search.index_rebuild", 24 * 60 * 60))
