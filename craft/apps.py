from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CraftConfig(AppConfig):
    name = "craft"
    verbose_name = _("Meeting craft")

    def ready(self):
        from netvaerk.roles import role_permissions_register

        # The idea catalogue, agenda proposals and (read-only) evaluations.
        role_permissions_register("craft", planning=["idea", "ideacomment", "agendaproposal", "evaluation"])

        from netvaerk.access import scope_register

        from .models import AgendaProposal, Evaluation, Idea, IdeaComment

        scope_register(Idea, network="network")
        scope_register(AgendaProposal, network="network")
        scope_register(IdeaComment, network="idea__network")
        scope_register(Evaluation, network="registration__meeting__network", owner="registration__meeting__responsible")

        from netvaerk.privacy import personal_data_source_register

        from .privacy import SOURCES

        for source in SOURCES:
            personal_data_source_register(source=source)
        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob

        from .emails import register_email_templates

        register_email_templates()
        PERIODIC_TASKS.extend(
            job
            for job in [
                PeriodicJob("Evaluation emails after meetings", "craft.send_evaluation_requests", 15 * 60),
                PeriodicJob("Minutes reminders to coordinators", "craft.send_minutes_reminders", 60 * 60),
            ]
            if job.name not in {existing.name for existing in PERIODIC_TASKS}
        )
