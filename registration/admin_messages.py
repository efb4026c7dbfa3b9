"""The record of messages to participants in the admin: read-only; written on the staff pages."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from netvaerk.admin import CalendarFiltersMixin, ScopedAdminMixin
from netvaerk.admin_scale import ScopedRelatedFieldListFilter

from .admin_filters import MeetingOfNetworkFilter
from .models import ParticipantMessage


@admin.register(ParticipantMessage)
class ParticipantMessageAdmin(ScopedAdminMixin, CalendarFiltersMixin, admin.ModelAdmin):
    list_display = ["subject", "meeting", "author_name", "sent_at", "recipient_count", "record"]
    list_filter = [
        ("meeting__network", ScopedRelatedFieldListFilter),
        ("meeting", MeetingOfNetworkFilter),
        ("sent_at", admin.DateFieldListFilter),
    ]
    search_fields = ["subject"]
    list_select_related = ["meeting"]
    show_full_result_count = False
    fields = [
        "meeting",
        "subject",
        "body",
        "filters",
        "attachment_name",
        ("author", "author_name"),
        ("created_at", "sent_at"),
        "recipient_count",
        "tests_sent",
        "record",
    ]
    readonly_fields = [field for entry in fields for field in (entry if isinstance(entry, tuple) else (entry,))]

    @admin.display(description=_("delivery"))
    def record(self, obj):
        url = reverse("registration:staff_message", kwargs={"code": obj.meeting.code, "pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Delivery to each recipient"))

    def has_add_permission(self, request):
        # Written in two steps with a preview on the staff pages (registration/views_messages.py).
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting follows the model permission (the secretariat's, not the consultants') and the network.
