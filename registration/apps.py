from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registrations")

    def ready(self):
        from netvaerk.roles import role_permissions_register

        # Consultants download the lists of their own networks' meetings; only the secretariat (which
        # has every registration permission) sees dietary and accessibility data and every list.
        # The record of messages to participants: consultants read it in the admin (written on the staff pages).
        # A meeting's own questions are planned with the meeting (its admin's inline).
        role_permissions_register(
            "registration",
            planning=["question"],
            consultant_view=["participantmessage"],
            consultant_codenames=["export_participants"],
        )

        from netvaerk.navigation import staff_page_register

        # The staff lists' menu and the admin front page's box (netvaerk/navigation.py).
        for order, (url_name, label, admin_label, permission) in enumerate(
            [
                (
                    "staff_overview",
                    _("Upcoming meetings"),
                    _("Upcoming meetings with every list"),
                    "export_participants",
                ),
                ("staff_network_registrations", _("Registrations of a network"), "", "export_participants"),
                ("staff_attendance", _("Attendance figures"), "", "export_participants"),
                (
                    "staff_invoice_basis",
                    _("Invoice basis"),
                    _("Invoice basis of priced meetings"),
                    "export_participants",
                ),
            ]
        ):
            staff_page_register(
                f"registration:{url_name}",
                label=label,
                admin_label=admin_label,
                permission=f"registration.{permission}",
                order=10 * (order + 1),
            )
        staff_page_register(
            "admin:registration_exportlog_changelist",
            label=_("Export log"),
            permission="registration.view_exportlog",
            order=90,
        )

        from netvaerk.access import scope_register

        from .models import ParticipantMessage, Registration

        scope_register(Registration, network="meeting__network", owner="meeting__responsible")
        scope_register(ParticipantMessage, network="meeting__network", owner="meeting__responsible")

        from django.db.models.signals import post_delete, post_save

        from .models import Registration
        from .signals import registration_shown_change

        post_save.connect(registration_shown_change, sender=Registration, dispatch_uid="registration-pagecache-save")
        post_delete.connect(
            registration_shown_change, sender=Registration, dispatch_uid="registration-pagecache-delete"
        )
        from .models import ParticipantMessage
        from .signals import participant_message_deleted

        post_delete.connect(
            participant_message_deleted, sender=ParticipantMessage, dispatch_uid="participant-message-attachment"
        )
        from netvaerk import events

        from .meeting_changes import meeting_saved_received

        # Whichever door saved the meeting, the participants hear about a cancellation or a new time.
        events.subscribe(events.MEETING_SAVED, meeting_saved_received)
        from .questions.models import Choice, Question
        from .questions.services import meeting_duplicated_received

        # "Duplicate meeting" copies the meeting's own questions; the form shows them on the public page.
        events.subscribe(events.MEETING_DUPLICATED, meeting_duplicated_received)
        from netvaerk.pagecache import public_models_register

        public_models_register(Question, Choice)

        from netvaerk.periodic import PERIODIC_TASKS, PeriodicJob

        from .emails import register_email_templates

        register_email_templates()
        from .emails_groups import register_group_email_template

        register_group_email_template()
        from outbox.registry import email_renderer_register

        from .emails import RENDERER, render_registration_email

        email_renderer_register(RENDERER, render_registration_email)
        from .emails_groups import RENDERER as GROUP_RENDERER
        from .emails_groups import render_group_booked

        # The booker's list: rendered by the worker, outside the seat lock the group was decided under.
        email_renderer_register(GROUP_RENDERER, render_group_booked)
        # The badges on meeting cards ("Få pladser", "Fuldt booket") count confirmed seats here.
        from meetings.badges import register_seat_counter

        from .selectors import confirmed_seats_by_meeting

        register_seat_counter(confirmed_seats_by_meeting)
        PERIODIC_TASKS.extend(
            job
            for job in [
                PeriodicJob("Reminders before meetings", "registration.send_due_reminders", 15 * 60),
                PeriodicJob("Deadline summaries to coordinators", "registration.send_deadline_summaries", 15 * 60),
                PeriodicJob("Retention of personal data", "registration.apply_retention", 24 * 60 * 60),
            ]
            if job.name not in {existing.name for existing in PERIODIC_TASKS}
        )
