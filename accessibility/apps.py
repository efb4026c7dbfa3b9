from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class AccessibilityConfig(AppConfig):
    name = "accessibility"
    verbose_name = _("Accessibility statement")

    def ready(self):
        from netvaerk.roles import role_permissions_register

        role_permissions_register("accessibility")  # the secretariat keeps the statement

        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob

        from .emails import register_email_templates
        from .services import statement_sync

        register_email_templates()
        job = PeriodicJob(
            "Accessibility statement review reminder",
            "accessibility.send_review_reminders",
            24 * 60 * 60,
            description=gettext_noop(
                "Emails the secretariat 11 months after the statement was last reviewed, once per review."
            ),
        )
        if job.name not in {existing.name for existing in PERIODIC_TASKS}:
            PERIODIC_TASKS.append(job)
        post_migrate.connect(statement_sync, sender=self)
