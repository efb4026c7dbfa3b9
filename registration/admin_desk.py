"""The registration desk in the registration admin: its audit history (inline and on the history page),
and links to move or cancel a registration for the person (registration/views_desk.py)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from netvaerk.admin import ScopedInlineMixin

from .models import RegistrationAudit


class RegistrationAuditInline(ScopedInlineMixin, admin.TabularInline):
    """The registration desk's history: who entered, moved or cancelled it, on which channel, and why."""

    model = RegistrationAudit
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "created_at",
        "action",
        "by_email",
        "channel",
        "override_capacity_reason",
        "override_deadline_reason",
        "emails_sent",
        "other_meeting",
    ]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RegistrationDeskAdminMixin:
    @admin.display(description=_("registration desk"))
    def desk_links(self, obj):
        if not obj.pk or not obj.is_active:
            return "-"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("registration:staff_registration_move", args=[obj.pk]),
            _("Move to another meeting"),
            reverse("registration:staff_registration_cancel", args=[obj.pk]),
            _("Cancel for the person"),
        )

    def history_view(self, request, object_id, extra_context=None):
        # The desk's entries (who, channel, overrides) beside the admin's own log of the object.
        entries = RegistrationAudit.objects.none()
        if str(object_id).isdigit() and len(str(object_id)) < 19:
            entries = RegistrationAudit.objects.filter(registration_id=int(object_id)).select_related("other_meeting")
        return super().history_view(request, object_id, {**(extra_context or {}), "desk_history": entries})
