import datetime as dt
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk import access
from netvaerk.admin import URL_FIELDS_ASSUME_HTTPS, HistoryAdmin, ScopedAdminMixin, ScopedInlineMixin
from netvaerk.forms import CalendarDateField

from . import admin_programme, services
from .admin_timetable import AgendaItemTimetableForm
from .enums import MeetingStatus
from .models import AgendaItem, Meeting, Venue, Workshop
from .programme_check import programme_check


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "postal_code", "city", "room_capacity", "is_online"]
    list_filter = ["city", "is_online"]
    search_fields = ["name", "address", "city", "postal_code"]
    autocomplete_fields = ["host_organisation"]


class AgendaItemInline(ScopedInlineMixin, admin.TabularInline):
    """The programme as a compact timetable (meetings/admin_timetable.py, static/js/timetable.js)."""

    model = AgendaItem
    form = AgendaItemTimetableForm
    template = "admin/meetings/meeting/timetable_inline.html"
    # One blank row: where a new item is typed, also without JavaScript (left blank, it is ignored).
    extra = 1
    ordering = ["start_time", "order", "id"]
    fields = AgendaItemTimetableForm.Meta.fields

    class Media:
        js = ["js/timetable.js"]
        css = {"all": ["css/timetable.css"]}


class WorkshopInline(ScopedInlineMixin, admin.TabularInline):
    model = Workshop
    extra = 0
    ordering = ["order", "id"]
    fields = ["order", "title", "description", "capacity", "room"]


class MeetingAdminForm(forms.ModelForm):
    """The meeting form with "purpose first": publishing without a purpose must be confirmed."""

    publish_without_purpose = forms.BooleanField(
        label=_("Publish anyway without a purpose"),
        required=False,
        help_text=_("Only needed when you publish a meeting whose purpose is still empty."),
    )

    class Meta:
        model = Meeting
        fields = "__all__"  # noqa: DJ007 - the admin chooses the fields through its fieldsets
        formfield_callback = staticmethod(
            lambda db_field, **kwargs: db_field.formfield(
                **({"assume_scheme": "https", **kwargs} if isinstance(db_field, models.URLField) else kwargs)
            )
        )

    def clean(self):
        data = super().clean()
        publishing = data.get("status") == MeetingStatus.PUBLISHED and (
            self.instance.pk is None or self.initial.get("status") != MeetingStatus.PUBLISHED
        )
        if publishing and not (data.get("purpose") or "").strip() and not data.get("publish_without_purpose"):
            self.add_error(
                "purpose",
                _(
                    "The meeting has no purpose. Write why you meet: what is the most important thing to come "
                    "out of the meeting? Or tick “Publish anyway without a purpose”."
                ),
            )
        return data


class DuplicateMeetingForm(forms.Form):
    starts_on = CalendarDateField(label=_("New date"))
    starts_at_time = forms.TimeField(
        label=_("Start time"), required=False, help_text=_("Empty keeps the original start time.")
    )


class MeetingAdmin(ScopedAdminMixin, HistoryAdmin):
    form = MeetingAdminForm
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = [
        "code",
        "title",
        "start_date",
        "network",
        "kind",
        "status",
        "deadline",
        "seats",
    ]
    list_display_links = ["code", "title"]
    # Only the networks of the meetings in the list: a consultant never sees another network's name here.
    list_filter = [
        "status",
        "kind",
        "format",
        ("network", admin.RelatedOnlyFieldListFilter),
        ("starts_at", admin.DateFieldListFilter),
    ]
    search_fields = ["code", "title", "teaser", "network__name", "venue__name", "venue__city"]
    date_hierarchy = "starts_at"
    list_select_related = ["network", "venue"]
    autocomplete_fields = ["network", "responsible", "venue", "host_organisation", "organiser"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["code"]
    inlines = [AgendaItemInline, WorkshopInline]
    actions = ["duplicate_meeting"]
    save_on_top = True
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "title",
                    ("network", "responsible"),
                    "organiser",
                    "kind",
                    "format",
                    "status",
                    "cancellation_reason",
                )
            },
        ),
        (
            _("Time and place"),
            {"fields": (("starts_at", "ends_at"), "venue", "online_url", ("host_organisation", "host_activity"))},
        ),
        (
            _("Content"),
            {
                "fields": (
                    "purpose",
                    "publish_without_purpose",
                    "expected_output",
                    "participant_roles",
                    "teaser",
                    "description",
                    "target_groups",
                    "target_group_note",
                )
            },
        ),
        (
            _("Registration"),
            {
                "fields": (
                    ("registration_opens_at", "registration_deadline"),
                    ("capacity", "waiting_list_enabled", "show_seats_left"),
                    "max_colleagues",
                    "price",
                    ("cancellation_terms", "free_cancellation_days"),
                    ("reminder_enabled", "reminder_days_before"),
                )
            },
        ),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
    )

    @admin.display(description=_("date"), ordering="starts_at")
    def start_date(self, obj):
        local = timezone.localtime(obj.starts_at)
        return f"{local:%d.%m.%Y %H.%M}"

    @admin.display(description=_("deadline"), ordering="registration_deadline")
    def deadline(self, obj):
        return f"{timezone.localtime(obj.registration_deadline):%d.%m.%Y}"

    @admin.display(description=_("seats"), ordering="capacity")
    def seats(self, obj):
        return obj.capacity if obj.capacity is not None else "∞"

    def get_changeform_initial_data(self, request):
        # The one who creates a meeting answers for it, until someone else is chosen.
        return {"responsible": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if obj.network_id is None and obj.responsible_id is None and not access.is_secretariat(request.user):
            # A consultant's stand-alone meeting without a responsible would be the secretariat's alone.
            obj.responsible = request.user
        before = Meeting.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        # In the admin's transaction: what the save sets off (emails, webhook rows) commits with the meeting.
        saved = services.meeting_saved(before=before, after=obj)
        if saved.told:
            self.message_user(
                request,
                ngettext(
                    "%(n)d participant will be told about the change by email.",
                    "%(n)d participants will be told about the change by email.",
                    saved.told,
                )
                % {"n": saved.told},
                messages.INFO,
            )

    # --- The programme: its check, pasting it ---------------------------------------------
    # The check shows once per page: on the change page above the form (where a warning can be
    # marked as considered); as messages only when saving leads elsewhere (the list, a new
    # meeting). Warnings, never errors: the meeting is saved as the consultant wrote it.

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(lambda request, object_id: view(self, request, object_id))

        return [
            path(
                "<path:object_id>/programme/paste/",
                wrap(admin_programme.paste_programme_view),
                name="meetings_meeting_paste_programme",
            ),
            path(
                "<path:object_id>/programme/consider/",
                wrap(admin_programme.consider_warning_view),
                name="meetings_meeting_consider_warning",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["programme_check"] = programme_check(meeting=obj)
            if self.has_change_permission(request, obj):
                context["paste_programme_url"] = reverse("admin:meetings_meeting_paste_programme", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._warn_unless_staying(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._warn_unless_staying(request, obj, super().response_change(request, obj))

    def _warn_unless_staying(self, request, meeting, response):
        staying = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        if isinstance(response, HttpResponseRedirect) and urlsplit(response.url).path != staying:
            for warning in programme_check(meeting=meeting).open:
                messages.warning(request, f"{meeting.code}: {warning}")
        return response

    @admin.action(description=_("Duplicate the meeting with its programme to a new date"), permissions=["add"])
    def duplicate_meeting(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one meeting to duplicate."), messages.ERROR)
            return None
        meeting = queryset.get()
        if "apply" in request.POST:
            form = DuplicateMeetingForm(request.POST)
            if form.is_valid():
                start_time = form.cleaned_data["starts_at_time"] or meeting.local_start.time()
                starts_at = timezone.make_aware(dt.datetime.combine(form.cleaned_data["starts_on"], start_time))
                copy = services.meeting_duplicate(meeting=meeting, starts_at=starts_at, by=request.user)
                self.message_user(
                    request,
                    _("Created %(code)s as a draft copy of %(original)s.")
                    % {"code": copy.code, "original": meeting.code},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:meetings_meeting_change", args=[copy.pk]))
        else:
            form = DuplicateMeetingForm(initial={"starts_on": meeting.local_start.date() + dt.timedelta(days=7)})
        return render(
            request,
            "admin/meetings/meeting/duplicate.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Duplicate %(meeting)s") % {"meeting": meeting},
                "meeting": meeting,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "item_count": ngettext("%(count)d agenda item", "%(count)d agenda items", meeting.agenda_items.count())
                % {"count": meeting.agenda_items.count()},
            },
        )
