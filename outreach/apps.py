from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Outreach")

    def ready(self):
        from members.mypages import my_pages_link_register
        from netvaerk import events
        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob
        from netvaerk.privacy import personal_data_source_register
        from pages.networks import network_page_panel_register

        from . import emails, invitations
        from .privacy import SOURCE

        events.subscribe(events.MEETING_PUBLISHED, invitations.meeting_published)
        emails.register_email_templates()
        personal_data_source_register(source=SOURCE)
        network_page_panel_register("outreach/_subscribe_panel.html")
        my_pages_link_register(section="outreach", label=_("Invitations"), url_name="outreach:preferences")
        jobs = [
            PeriodicJob(
                "Invitations and deadline nudges",
                "outreach.send_due",
                15 * 60,
                description=gettext_noop(
                    "Sends the invitations of newly published meetings that are still waiting, and reminds those "
                    "invited who have not signed up a few days before the deadline."
                ),
            )
        ]
        known = {job.name for job in PERIODIC_TASKS}
        PERIODIC_TASKS.extend(job for job in jobs if job.name not in known)
