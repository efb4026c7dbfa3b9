from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from netvaerk.pagecache import public_models_register
        from netvaerk.roles import role_permissions_register

        from .models import AgendaItem, Meeting, Venue, Workshop

        role_permissions_register("meetings", planning=["meeting", "agendaitem", "workshop", "venue"])
        public_models_register(Venue, Meeting, AgendaItem, Workshop)

        # A renamed venue, organiser, host, network contact or target group changes the meetings that show it.
        from .shown_rows import shown_rows_connect

        shown_rows_connect()

        from netvaerk.access import scope_register

        from .models import AgendaItem, Meeting, Workshop

        # A meeting belongs to its network; a stand-alone meeting to its responsible consultant.
        scope_register(Meeting, network="network", owner="responsible")
        for model in (AgendaItem, Workshop):
            scope_register(model, network="meeting__network", owner="meeting__responsible")

        # The one meeting admin: its own class with what the apps above add (netvaerk.admin). The
        # admin has imported every app's admin module before this runs.
        from netvaerk.admin import admin_register_composed

        from .admin import MeetingAdmin

        admin_register_composed(Meeting, MeetingAdmin)
