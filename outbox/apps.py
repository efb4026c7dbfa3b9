from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outgoing email")

    def ready(self):
        from netvaerk.health import SERVICE_CHECKS
        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob
        from netvaerk.roles import role_permissions_register

        from . import registry  # noqa: F401  (the test message's template)
        from .health import OutboxBacklog

        # The secretariat reads the email log; consultants do not (it holds every participant's emails).
        role_permissions_register("outbox")
        SERVICE_CHECKS.append(OutboxBacklog)
        PERIODIC_TASKS.append(
            PeriodicJob(
                name="Outbox sweeper",
                task="outbox.email_sweep",
                every_seconds=60,
                description=gettext_noop(
                    "Re-enqueues emails left queued or sending by a lost worker or an unreachable broker."
                ),
            )
        )
