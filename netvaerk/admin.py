from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Network, Organisation, Organiser, TargetGroup, Theme, WorkArea


@admin.register(Organiser)
class OrganiserAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email"]
    search_fields = ["name", "email"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "municipality"]


class _TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(WorkArea, _TagAdmin)
admin.site.register(TargetGroup, _TagAdmin)
admin.site.register(Theme, _TagAdmin)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "theme", "status", "coordinator", "cadence", "is_public"]
    list_filter = ["status", "theme", "organiser", "work_areas", "target_groups", "is_public"]
    search_fields = ["name", "teaser", "description", "contact_name", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["target_groups", "work_areas", "working_group"]
    autocomplete_fields = ["coordinator", "theme", "organiser"]
    list_select_related = ["theme", "coordinator"]
    fieldsets = (
        (None, {"fields": ("name", "slug", "teaser", "status", "is_public", "organiser", "theme")}),
        (_("Content"), {"fields": ("description", "form", "join_info")}),
        (_("Who it is for"), {"fields": ("target_groups", "target_group_note", "work_areas", "work_area_note")}),
        (
            _("Cadence and price"),
            {
                "fields": (
                    ("virtual_meetings_per_year", "physical_meetings_per_year"),
                    "cadence_note",
                    "is_free",
                    "price_note",
                )
            },
        ),
        (
            _("People and contact"),
            {"fields": ("coordinator", "working_group", "contact_name", "contact_email", "contact_phone")},
        ),
    )

    @admin.display(description=_("cadence"))
    def cadence(self, obj):
        return _("virtual: %(virtual)s, physical: %(physical)s") % {
            "virtual": obj.virtual_meetings_per_year,
            "physical": obj.physical_meetings_per_year,
        }
