import datetime as dt

from django.contrib import admin, messages
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import PeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask
from simple_history.admin import SimpleHistoryAdmin

from . import access, embed
from .forms import CALENDAR_FIRST, CALENDAR_LAST, ID_MAX, calendar_date, parse_id
from .models import Organisation, Organiser, TargetGroup, Theme, WorkArea

# Links typed without a scheme ("www.example.dk") are taken as https://, as Django 6 will.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ScopedChoicesMixin:
    """Choices of a network-bound model (a network, a meeting) are those the user reaches.

    Applies to plain selects and to the values an autocomplete field accepts
    (the autocomplete's own results come from the related admin's queryset).
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if "queryset" not in kwargs and access.scope_of(related) is not None:
            kwargs["queryset"] = access.scope_queryset(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdminMixin(ScopedChoicesMixin):
    """An admin of a network-bound model, kept to what the access policy lets the user reach.

    The list, the autocomplete results, the actions (they act on the list's
    queryset) and every object page (view, change, delete, history) follow
    netvaerk/access.py; an object outside the user's networks does not exist
    for them.
    """

    def get_queryset(self, request):
        return access.scope_queryset(request.user, super().get_queryset(request))

    def _object_permission(self, request, action, obj) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.{get_permission_codename(action, self.opts)}", obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return self._object_permission(request, "view", obj) or self._object_permission(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return self._object_permission(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return self._object_permission(request, "delete", obj)


class ScopedInlineMixin(ScopedChoicesMixin):
    """An inline follows its parent object: shown and saved only where the parent may be."""

    def _parent_permission(self, request, action, obj) -> bool:
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}", obj)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return self._parent_permission(request, "view", obj) or self._parent_permission(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self._parent_permission(request, "change", obj))

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or self._parent_permission(request, "change", obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self._parent_permission(request, "change", obj))


# --- Admins that other apps add to ------------------------------------------------------------
# An app adds columns, actions, read-only fields and behaviour to a lower app's admin with a mixin
# marked @admin_contribute(Model) in its own admin module; the lower app registers ONE admin class,
# its own composed with the contributions, from its AppConfig.ready() (admin_register_composed),
# which Django runs after the admin has imported every app's admin module. Nobody unregisters or
# replaces an admin of the portal's own models.

ADMIN_CONTRIBUTIONS: dict[type, list[type]] = {}
# Lists a contribution adds to (the admin's own entries first); methods chain through super().
CONTRIBUTED_LISTS = ("list_display", "actions", "readonly_fields")


def admin_contribute(model):
    """Class decorator: this mixin adds to ``model``'s admin (see above)."""

    def decorator(mixin):
        contributions = ADMIN_CONTRIBUTIONS.setdefault(model, [])
        if mixin not in contributions:
            contributions.append(mixin)
        return mixin

    return decorator


def admin_register_composed(model, base, site=None):
    """Register ``base`` for ``model`` with every contribution; the apps above come first in the MRO."""
    site = site or admin.site
    contributions = ADMIN_CONTRIBUTIONS.get(model, [])
    attributes = {
        name: [
            *(getattr(base, name, None) or ()),
            *(entry for mixin in contributions for entry in vars(mixin).get(name, ())),
        ]
        for name in CONTRIBUTED_LISTS
    }
    composed = type(base.__name__, (*reversed(contributions), base), {**attributes, "__module__": base.__module__})
    composed.__doc__ = base.__doc__
    site.register(model, composed)
    return composed


class SecretariatOnlyMixin:
    """An admin only the secretariat opens (whatever model permissions a consultant holds)."""

    def has_module_permission(self, request):
        return access.is_secretariat(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return access.is_secretariat(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return access.is_secretariat(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return access.is_secretariat(request.user) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, *args):
        # ModelAdmin asks with (request), an inline with (request, obj).
        return access.is_secretariat(request.user) and super().has_add_permission(request, *args)


class SuperuserSeesAndDeletesMixin:
    """An admin of records made elsewhere (allauth's authenticators, single sign-on links): only a
    superuser sees them, and may delete one (a lost phone, a link to undo); nobody adds or edits."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CalendarFiltersMixin:
    """For every ModelAdmin: the changelist's date filters in the address (the date hierarchy's
    ``?starts_at__year=9999``, a list filter's ``?created_at__gte=0001-01-01``) that lie outside the
    portal's calendar are dropped with a message. Django's changelist would compute the end of year 9999
    or turn year 1 into UTC, and fail."""

    def changelist_view(self, request, extra_context=None):
        outside = self._filters_outside_calendar(request.GET)
        if outside:
            self.message_user(
                request,
                _("The date in the filter must lie between %(first)s and %(last)s; the list shows every date.")
                % {"first": CALENDAR_FIRST.year, "last": CALENDAR_LAST.year},
                messages.ERROR,
            )
            query = request.GET.copy()
            for name in outside:
                query.pop(name, None)
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
        return super().changelist_view(request, extra_context)

    def _filters_outside_calendar(self, query) -> list[str]:
        outside = []
        if self.date_hierarchy:
            parts = [f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")]
            year, month, day = (query.get(name) for name in parts)
            if year is not None and calendar_date(year, month or 1, day or 1) is None:
                outside += parts
        for name, values in query.lists():
            if name in outside or _date_field(self.model, name) is None:
                continue
            if name.endswith("__year"):
                if any(calendar_date(value) is None for value in values):
                    outside.append(name)
            elif any(not _in_calendar(value) for value in values):
                outside.append(name)
        return outside


def _date_field(model, name: str):
    """The date or datetime field a changelist parameter filters on (``created_at__gte``), else None."""
    parts = name.split("__")
    for end in (len(parts), len(parts) - 1):
        try:
            field = get_fields_from_path(model, "__".join(parts[:end]))[-1]
        except (FieldDoesNotExist, NotRelationField, IndexError):
            continue
        return field if isinstance(field, models.DateField) else None
    return None


def _in_calendar(value: str) -> bool:
    """False for a date (ISO, as the model field reads it) outside the calendar; what is no date is
    left to Django, which refuses it itself."""
    try:
        parsed = parse_datetime(value.strip()) or parse_date(value.strip())
    except ValueError:
        return True
    if parsed is None:
        return True
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    return CALENDAR_FIRST <= day <= CALENDAR_LAST


class HistoryAdmin(CalendarFiltersMixin, SimpleHistoryAdmin):
    """django-simple-history's admin, with the object and version ids of its pages read before use:
    a value that is no id of the model answers 404 instead of a failing query."""

    def _object_id_or_404(self, object_id):
        try:
            value = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        if isinstance(value, int) and not 0 < value <= ID_MAX:
            raise Http404
        return object_id

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, self._object_id_or_404(object_id), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if parse_id(version_id) is None:
            raise Http404
        return super().history_form_view(request, self._object_id_or_404(object_id), version_id, extra_context)


# The admin of django-celery-beat's periodic tasks filters by date too: the same bounds.
admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class CalendarPeriodicTaskAdmin(CalendarFiltersMixin, PeriodicTaskAdmin):
    pass


@admin.register(Organiser)
class OrganiserAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "phone", "email"]
    search_fields = ["name", "email"]
    readonly_fields = ["embed_snippet"]

    @admin.display(description=_("embed the list of all meetings"))
    def embed_snippet(self, obj):
        # Each network's own list: on the network's page.
        return embed.snippet_box(embed.all_meetings_snippet(), origins=embed.all_meetings_origins())


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


class NetworkAdmin(ScopedAdminMixin, admin.ModelAdmin):
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
        (_("Terms of reference"), {"fields": ("terms_composition", "terms_responsibility", "terms_tasks")}),
        (_("Embed on another website"), {"fields": ("embed_snippet",)}),
    )
    readonly_fields = ["embed_snippet"]

    @admin.display(description=_("embed the coming meetings"))
    def embed_snippet(self, obj):
        if obj is None or not obj.pk:
            return _("Shown when the network has been saved.")
        return embed.snippet_box(embed.network_snippet(obj), origins=embed.network_origins(obj.slug))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "working_group" and "widget" not in kwargs and access.is_secretariat(request.user):
            # The secretariat picks among every account (5,000 at ten years; README "Data scale"): looked
            # up as typed, not listed in the page. A consultant's short list stays a list.
            kwargs["widget"] = AutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        network = form.instance
        # A consultant who creates a network plans it: without this they would lose it on saving.
        if not change and not access.staff_plans_network.test(request.user, network):
            network.working_group.add(request.user)
            self.message_user(
                request,
                _("You are in the working group of %(network)s, so you can plan it.") % {"network": network},
                messages.INFO,
            )

    @admin.display(description=_("cadence"))
    def cadence(self, obj):
        return _("virtual: %(virtual)s, physical: %(physical)s") % {
            "virtual": obj.virtual_meetings_per_year,
            "physical": obj.physical_meetings_per_year,
        }
