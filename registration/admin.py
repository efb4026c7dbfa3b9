import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meetings.models import Meeting
from netvaerk import access
from netvaerk.admin import CalendarFiltersMixin, ScopedAdminMixin, SecretariatOnlyMixin, admin_contribute
from netvaerk.admin_scale import CappedCountPaginator, RelatedIdsSearchMixin, ScopedRelatedFieldListFilter

from . import (
    admin_messages,  # noqa: F401 (registers the admin of the messages to participants)
    privacy,
    selectors,
    services,
    waiting_list,
    workshops,
)
from .admin_desk import RegistrationAdminForm, RegistrationDeskAdminMixin
from .admin_filters import MeetingOfNetworkFilter, WorkshopOfMeetingFilter
from .admin_invoice import invoice_inlines
from .enums import RegistrationStatus
from .exports.links import meeting_list_links
from .models import ExportLog, Registration
from .questions.admin import QuestionInline


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


@admin.register(Registration)
class RegistrationAdmin(
    RegistrationDeskAdminMixin, ScopedAdminMixin, RelatedIdsSearchMixin, CalendarFiltersMixin, admin.ModelAdmin
):
    form = RegistrationAdminForm
    list_display = ["name", "email", "organisation", "meeting", "status", "workshop", "diet", "attended", "created_at"]
    # Ten years hold 300,000 registrations (README "Data scale"): the networks the user reaches,
    # the meetings of the chosen network, the workshops of the chosen meeting (admin_filters.py),
    # and the date as a list filter (a date hierarchy reads every row for its years).
    list_filter = [
        "status",
        "attended",
        "channel",
        ("meeting__network", ScopedRelatedFieldListFilter),
        ("meeting", MeetingOfNetworkFilter),
        ("workshop", WorkshopOfMeetingFilter),
        ("created_at", admin.DateFieldListFilter),
    ]
    # Each has its index (netvaerk/db_indexes.py); the meeting's code and title through its ids.
    search_fields = ["name", "email", "organisation", "job_title"]
    search_related = {"meeting": ("code", "title")}
    # Counted up to 10,000 (a count of 300,000 rows read a whole index on every page).
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_select_related = ["meeting", "workshop"]
    autocomplete_fields = ["meeting", "user"]
    readonly_fields = [
        "token_link",
        "created_at",
        "updated_at",
        "confirmed_at",
        "waiting_since",
        "cancelled_at",
        "privacy_accepted_at",
        "sensitive_consent_at",
        "checked_in_at",
        "channel",
        "desk_links",
        "desk_history",
    ]
    fields = [
        "meeting",
        ("status", "channel", "desk_links"),
        "override_capacity_reason",
        "name",
        "email",
        "phone",
        "organisation",
        "job_title",
        ("workshop_first", "workshop_second", "workshop"),
        "diets",
        "diet_note",
        "accessibility_needs",
        "sensitive_consent_at",
        "comment",
        "language",
        "user",
        ("attended", "checked_in_at"),
        "token_link",
        ("created_at", "confirmed_at", "waiting_since", "cancelled_at"),
        "privacy_accepted_at",
        "desk_history",
    ]
    actions = ["promote", "promote_over_capacity", "cancel"]

    def get_inlines(self, request, obj):
        return invoice_inlines(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            # The workshops of the registration's meeting, not every workshop of ten years.
            for name in ("workshop", "workshop_first", "workshop_second"):
                if name in form.base_fields:
                    field = form.base_fields[name]
                    field.queryset = field.queryset.filter(meeting_id=obj.meeting_id)
        return form

    def has_add_permission(self, request):
        # Sign-ups go through the public form and its rules.
        return False

    def get_urls(self):
        return [
            path(
                "personal-data/", self.admin_site.admin_view(self.personal_data_view), name="registration_personal_data"
            ),
            *super().get_urls(),
        ]

    def personal_data_view(self, request):
        """A data subject request: download or erase everything stored about one email address."""
        # Everything about one address, across every network: the secretariat's task.
        if not (access.is_secretariat(request.user) and request.user.has_perm("registration.delete_registration")):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if "erase" in request.POST:
                n = privacy.personal_data_erase(email=email)
                self.message_user(request, _("%(n)d registrations anonymised.") % {"n": n}, messages.SUCCESS)
            else:
                data = privacy.personal_data_for_email(email=email)
                response = HttpResponse(
                    json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
                )
                response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
                return response
        return render(
            request,
            "admin/registration/registration/personal_data.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "title": _("Personal data for one email address"),
                "opts": self.model._meta,
            },
        )

    @admin.display(description=_("dietary requirements"))
    def diet(self, obj):
        parts = obj.diet_labels()
        if obj.diet_note:
            parts.append(obj.diet_note)
        return ", ".join(parts)

    @admin.display(description=_("personal link"))
    def token_link(self, obj):
        if not obj.pk:
            return "-"
        url = reverse("registration:personal", kwargs={"token": obj.token})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the participant's page"))

    def _promote(self, request, queryset, *, over_capacity):
        done = 0
        for registration in queryset.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "id"):
            try:
                waiting_list.registration_promote(
                    registration=registration, allow_over_capacity=over_capacity, by=request.user
                )
                done += 1
            except services.RegistrationError as error:
                self.message_user(request, f"{registration.name}: {error.message}", messages.WARNING)
        if done:
            self.message_user(
                request,
                ngettext("%(n)d person promoted.", "%(n)d people promoted.", done) % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Promote from the waiting list (within capacity)"), permissions=["change"])
    def promote(self, request, queryset):
        self._promote(request, queryset, over_capacity=False)

    @admin.action(description=_("Promote from the waiting list, also above capacity"), permissions=["change"])
    def promote_over_capacity(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "admin/registration/registration/confirm_over_capacity.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Promote above capacity?"),
                    "queryset": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        self._promote(request, queryset, over_capacity=True)

    @admin.action(description=_("Cancel the registrations"), permissions=["change"])
    def cancel(self, request, queryset):
        n = 0
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED):
            services.registration_cancel(registration=registration, by_staff=True, by=request.user)
            n += 1
        self.message_user(
            request, ngettext("%(n)d registration cancelled.", "%(n)d registrations cancelled.", n) % {"n": n}
        )


@admin_contribute(Meeting)
class MeetingRegistrationsContribution:
    """To the meeting admin: registration counts, the lists, writing to participants, workshop allocation."""

    list_display = ["confirmed", "waiting", "cancelled", "links"]
    actions = ["write_to_participants", "registration_desk", "allocate_workshops", "finalize_workshops"]
    # Shows every list of the meeting above the form (one click to each file).
    change_form_template = "admin/registration/meeting_change_form.html"

    @admin.action(description=_("Write to participants"), permissions=["change"])
    def write_to_participants(self, request, queryset):
        """To the two steps on the staff pages (registration/views_messages.py): write, then preview and send."""
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one meeting."), messages.ERROR)
            return None
        return redirect("registration:staff_message_write", code=queryset.get().code)

    def get_inlines(self, request, obj):
        # The meeting's own questions to the participants (registration/questions/admin.py).
        return [*super().get_inlines(request, obj), QuestionInline]

    @admin.action(description=_("Add a registration (phone, email, door)"), permissions=["change"])
    def registration_desk(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one meeting."), messages.ERROR)
            return None
        return redirect("registration:staff_desk", code=queryset.get().code)

    def get_queryset(self, request):
        # Subqueries: counted for the page's meetings only (registration/selectors.py).
        return selectors.with_registration_counts(meetings=super().get_queryset(request))

    @admin.display(description=_("confirmed"), ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description=_("waiting"), ordering="n_waiting")
    def waiting(self, obj):
        return obj.n_waiting

    @admin.display(description=_("cancelled"), ordering="n_cancelled")
    def cancelled(self, obj):
        return obj.n_cancelled

    @admin.display(description=_("lists"))
    def links(self, obj):
        registrations = reverse("admin:registration_registration_changelist") + f"?meeting__id__exact={obj.pk}"
        check_in = reverse("registration:check_in", kwargs={"code": obj.code})
        lists = reverse("registration:staff_meeting_lists", kwargs={"code": obj.code})
        desk = reverse("registration:staff_desk", kwargs={"code": obj.code})
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            registrations,
            _("Registrations"),
            lists,
            _("Lists and exports"),
            check_in,
            _("Check-in"),
            desk,
            _("Registration desk"),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.code:
            context["meeting_lists"] = meeting_list_links(obj, has_workshops=obj.workshops.exists())
            context["meeting_lists_url"] = reverse("registration:staff_meeting_lists", kwargs={"code": obj.code})
            context["meeting_messages_url"] = reverse("registration:staff_messages", kwargs={"code": obj.code})
            context["meeting_desk_url"] = reverse("registration:staff_desk", kwargs={"code": obj.code})
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_allocate_permission(self, request):
        return request.user.has_perm("registration.change_registration")

    @admin.action(description=_("Allocate workshops (proposal for review)"), permissions=["allocate"])
    def allocate_workshops(self, request, queryset):
        for meeting in queryset:
            try:
                result = workshops.workshop_allocation_propose(meeting=meeting, by=request.user)
            except services.RegistrationError as error:
                self.message_user(request, f"{meeting.code}: {error.message}", messages.ERROR)
                continue
            placed = sum(1 for workshop in result.values() if workshop)
            self.message_user(
                request,
                _(
                    "%(code)s: %(placed)d of %(total)d participants placed. Review and adjust in the registration list, then make it final."
                )
                % {"code": meeting.code, "placed": placed, "total": len(result)},
                messages.SUCCESS,
            )

    @admin.action(description=_("Make the workshop allocation final and tell participants"), permissions=["allocate"])
    def finalize_workshops(self, request, queryset):
        for meeting in queryset:
            try:
                n = workshops.workshop_allocation_finalize(meeting=meeting, by=request.user)
            except services.RegistrationError as error:
                self.message_user(request, f"{meeting.code}: {error.message}", messages.ERROR)
                continue
            self.message_user(request, _("%(code)s: final; %(n)d participants told.") % {"code": meeting.code, "n": n})


@admin.register(ExportLog)
class ExportLogAdmin(SecretariatOnlyMixin, RelatedIdsSearchMixin, CalendarFiltersMixin, admin.ModelAdmin):
    """Who downloaded which list, when and how many rows; read-only for the secretariat."""

    list_display = ["created_at", "user_email", "kind", "format", "meeting", "network", "row_count", "sensitive"]
    list_filter = ["kind", "format", "sensitive", "network", ("created_at", admin.DateFieldListFilter)]
    # The meeting's code and title and the network's name through their ids: an OR across the joins
    # read every row of the log.
    search_fields = ["user_email"]
    search_related = {"meeting": ("code", "title"), "network": ("name",)}
    list_select_related = ["meeting", "network"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "user",
        "user_email",
        "kind",
        "format",
        "meeting",
        "network",
        "row_count",
        "columns",
        "sensitive",
        "parameters",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
