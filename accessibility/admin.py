from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk.admin import SecretariatOnlyMixin

from . import services
from .models import Gap, Statement


class GapInline(SecretariatOnlyMixin, admin.StackedInline):
    model = Gap
    extra = 0
    fields = ["title", "description", "wcag_criterion", "reason", "alternative", "fix_planned_by", "fixed_on", "order"]


@admin.register(Statement)
class StatementAdmin(SecretariatOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "compliance", "last_reviewed", "review_due"]
    fields = [
        "site",
        "compliance",
        "manual_checks",
        "contact_organiser",
        "prepared_on",
        "last_reviewed",
        "review_due",
        "review_reminder_sent_for",
    ]
    readonly_fields = ["review_due", "review_reminder_sent_for"]
    autocomplete_fields = ["contact_organiser"]
    inlines = [GapInline]
    actions = ["mark_reviewed"]

    def has_add_permission(self, request):
        # One statement per site: made after migrate (services.statement_sync).
        return super().has_add_permission(request) and not Statement.objects.filter(site_id=settings.SITE_ID).exists()

    @admin.display(description=_("next review"))
    def review_due(self, obj):
        return services.statement_review_due(statement=obj) if obj.last_reviewed else "-"

    @admin.action(description=_("Mark as reviewed today"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        for statement in queryset:
            services.statement_review(statement=statement, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d statement marked as reviewed.", "%(count)d statements marked as reviewed.", len(queryset)
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )
