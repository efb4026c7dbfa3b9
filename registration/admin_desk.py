"""The registration desk in the registration admin: its audit history (on the change page and the
history page), links to move or cancel a registration for the person (registration/views_desk.py), and the
change form's reason to confirm above the capacity (registration/status_edits.py).

The history is a read-only field rather than an inline, so the admin's change form posts as before."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import RegistrationAudit


class RegistrationAdminForm(forms.ModelForm):
    """The model and the fields come from the admin (ModelAdmin.fields)."""

    # A status that adds a confirmed seat above the capacity needs a reason (registration/status_edits.py).
    override_capacity_reason = forms.CharField(
        label=_("Reason to confirm above the capacity"),
        required=False,
        max_length=500,
        help_text=_("Only when setting the status to confirmed while the meeting is full or people are waiting."),
    )


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

    @admin.display(description=_("registration desk history"))
    def desk_history(self, obj):
        entries = list(obj.audit_entries.select_related("other_meeting")) if obj.pk else []
        if not entries:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} · {} · {} · {}{}</li>",
                (
                    (
                        timezone.localtime(entry.created_at).strftime("%d.%m.%Y %H.%M"),
                        entry.get_action_display(),
                        entry.by_email or "-",
                        entry.get_channel_display(),
                        _reasons(entry),
                    )
                    for entry in entries
                ),
            ),
        )

    def history_view(self, request, object_id, extra_context=None):
        # The desk's entries (who, channel, overrides) beside the admin's own log of the object.
        entries = RegistrationAudit.objects.none()
        if str(object_id).isdigit() and len(str(object_id)) < 19:
            entries = RegistrationAudit.objects.filter(registration_id=int(object_id)).select_related("other_meeting")
        return super().history_view(request, object_id, {**(extra_context or {}), "desk_history": entries})


def _reasons(entry) -> str:
    parts = []
    if entry.other_meeting_id:
        parts.append(str(entry.other_meeting))
    if entry.override_capacity_reason:
        parts.append(f"{_('Above capacity')}: {entry.override_capacity_reason}")
    if entry.override_deadline_reason:
        parts.append(f"{_('After the deadline')}: {entry.override_deadline_reason}")
    if not entry.emails_sent:
        parts.append(str(_("No email")))
    return "".join(f" · {part}" for part in parts)
