from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from netvaerk.roles import role_permissions_register

        role_permissions_register("webhooks")  # the secretariat sets up integrations

        from netvaerk import events
        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob

        from .services import events_received

        # A batch of events (a group's registrations) looks up the subscriptions once.
        for name in events.EVENT_TYPES:
            events.subscribe_batch(name, events_received)
        jobs = [
            PeriodicJob(
                "Webhook sweeper",
                "webhooks.sweep",
                60,
                description=gettext_noop(
                    "Re-enqueues webhook deliveries left behind by a lost worker or an unreachable broker."
                ),
            ),
            PeriodicJob(
                "Webhook log cleanup",
                "webhooks.prune",
                24 * 60 * 60,
                description=gettext_noop(
                    "Deletes delivered and failed webhook deliveries older than WEBHOOK_LOG_DAYS."
                ),
            ),
        ]
        known = {job.name for job in PERIODIC_TASKS}
        PERIODIC_TASKS.extend(job for job in jobs if job.name not in known)
