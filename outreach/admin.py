"""To the meeting admin: the invitation's figures, the link to the invitation step and the nudge settings."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk.admin import admin_contribute

from . import selectors


@admin_contribute(Meeting)
class MeetingOutreachContribution:
    readonly_fields = ["invitation_step"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        fields = [("nudge_enabled", "nudge_days_before")]
        if obj is not None and obj.pk:
            fields.insert(0, "invitation_step")
        fieldsets.append((_("Invitation to the network"), {"fields": fields}))
        return fieldsets

    @admin.display(description=_("invitation status"))
    def invitation_step(self, obj):
        if obj is None or not obj.pk or obj.network_id is None:
            return _("A meeting of a network is invited to when it is published.")
        figures = selectors.invitation_figures(meeting=obj)
        url = reverse("outreach:staff_invitation", kwargs={"code": obj.code})
        return format_html(
            "{} · <a href='{}'>{}</a>",
            _("%(invited)d invited, %(signed_up)d of them signed up, %(nudged)d reminded")
            % {"invited": figures.invited, "signed_up": figures.signed_up, "nudged": figures.nudged},
            url,
            _("Recipients, test, send again"),
        )
