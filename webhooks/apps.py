from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from netvaerk import events
        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob

        from .services import event_received

        for name in events.EVENT_TYPES:
            events.subscribe(name, event_received)
        if not any(job.name == "Webhook sweeper" for job in PERIODIC_TASKS):
            PERIODIC_TASKS.append(
                PeriodicJob(
                    "Webhook sweeper",
                    "webhooks.sweep",
                    60,
                    description=gettext_noop(
                        "Re-enqueues webhook deliveries left behind by a lost worker or an unreachable broker."
                    ),
                )
            )
