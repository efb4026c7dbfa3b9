"""The craft in the admin: the idea catalogue, proposals and evaluations; and the network and
meeting admins extended with cadence, "plan next year" and planning help.

The network and meeting admins are extended here, not in their own apps,
because the help comes from the members (host rotation, proposals) and the
registrations (evaluations), which the core and meetings apps may not import.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from meetings.selectors import cadence_of, networks_with_cadence
from members.enums import MembershipStatus
from netvaerk import access
from netvaerk.admin import ScopedAdminMixin, ScopedInlineMixin, admin_contribute
from netvaerk.admin_scale import RelatedIdsSearchMixin, ScopedRelatedFieldListFilter
from netvaerk.models import Network

from . import selectors
from .models import AgendaProposal, Evaluation, Idea, IdeaComment


class IdeaCommentInline(ScopedInlineMixin, admin.TabularInline):
    model = IdeaComment
    extra = 0
    fields = ["author", "body", "created_at", "removed_at"]
    readonly_fields = ["author", "created_at"]

    def get_queryset(self, request):
        # Each row shows its author: read with the comments, not once a row.
        return super().get_queryset(request).select_related("author")


@admin.register(Idea)
class IdeaAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "network", "meeting", "tags", "author", "created_at"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "description", "tags"]
    list_select_related = ["network", "meeting", "author"]
    autocomplete_fields = ["network", "meeting"]
    readonly_fields = ["author", "created_at", "updated_at"]
    fields = ["network", "meeting", "title", "description", "tags", "author", "created_at", "updated_at"]
    inlines = [IdeaCommentInline]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(AgendaProposal)
class AgendaProposalAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "network", "status", "author", "meeting", "created_at"]
    list_filter = ["status", ("network", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "description"]
    list_select_related = ["network", "author", "meeting"]
    readonly_fields = ["network", "author", "meeting", "agenda_item", "decided_by", "decided_at", "created_at"]
    fields = ["network", "title", "description", "status", "author", "meeting", "agenda_item"] + [
        "decided_by",
        "decided_at",
        "created_at",
    ]

    def get_queryset(self, request):
        # The change form shows these (read-only): one query, whichever of them are set.
        related = ["network", "author", "meeting", "agenda_item", "decided_by"]
        return super().get_queryset(request).select_related(*related)

    def has_add_permission(self, request):
        # Members propose in the group space.
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ScopedAdminMixin, RelatedIdsSearchMixin, admin.ModelAdmin):
    """Answers as given: read-only, and without the participant's name in the list."""

    list_display = ["meeting", "rating", "comment", "created_at"]
    # Ten years hold 47,000 answers (README "Data scale"): the networks the user reaches (not a
    # DISTINCT over every answer's meeting), the meeting's code and title searched through its ids.
    list_filter = ["rating", ("registration__meeting__network", ScopedRelatedFieldListFilter)]
    search_fields = ["comment"]
    search_related = {"registration__meeting": ("code", "title")}
    list_select_related = ["registration__meeting"]
    fields = ["meeting", "rating", "comment", "created_at"]
    readonly_fields = fields

    @admin.display(description=_("meeting"), ordering="registration__meeting__starts_at")
    def meeting(self, obj):
        return obj.registration.meeting

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- The network admin: cadence this year and "plan next year" ---------------------------


@admin_contribute(Network)
class NetworkCraftContribution:
    """To the network admin: the cadence this year, "plan next year", the working group's choices."""

    list_display = ["this_year"]
    actions = ["plan_next_year"]

    class Media:
        css = {"all": ["css/portal-admin.css"]}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "working_group" and not access.is_secretariat(request.user):
            # A consultant picks the working group among staff and the members of the networks they
            # plan, never from every account (members' names of other networks stay unseen).
            planned = access.networks_planned(request.user)
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(
                    Q(is_staff=True)
                    | Q(memberships__network__in=planned, memberships__status=MembershipStatus.ACTIVE)
                    | Q(working_group_networks__in=planned)
                )
                .distinct()
                .order_by("first_name", "last_name", "email")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        # The counts group the rows, which drops the model's default ordering: name it again.
        qs = networks_with_cadence(qs=super().get_queryset(request), year=timezone.localdate().year)
        return qs.order_by(*Network._meta.ordering)

    @admin.display(description=_("meetings this year (held + planned / plan)"))
    def this_year(self, obj):
        cadence = cadence_of(network=obj, year=timezone.localdate().year)
        text = _("virtual %(v)d/%(vp)d, physical %(p)d/%(pp)d") % {
            "v": cadence.virtual_total,
            "vp": cadence.virtual_target,
            "p": cadence.physical_total,
            "pp": cadence.physical_target,
        }
        if cadence.is_behind:
            return format_html('<strong class="behind-plan">{}</strong> ⚠ {}', text, _("behind plan"))
        return text

    @admin.action(description=_("Plan next year: draft meetings by the cadence"), permissions=["change"])
    def plan_next_year(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one network."), messages.ERROR)
            return None
        return redirect("craft:plan_year", slug=queryset.get().slug)


# --- The meeting admin: planning help next to the form --------------------------------------


def _host_note(suggestion) -> str:
    if suggestion.never_hosted:
        return _("never hosted")
    date = timezone.localtime(suggestion.last_hosted).strftime("%d.%m.%Y")
    if suggestion.has_coming_turn:
        return _("hosts on %(date)s") % {"date": date}
    return _("last host %(date)s") % {"date": date}


@admin_contribute(Meeting)
class MeetingCraftContribution:
    """To the meeting admin: host suggestions, open agenda proposals and the evaluation."""

    readonly_fields = ["planning_help"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        # Right after "Time and place", where the host is chosen.
        fieldsets.insert(2, (_("Planning help"), {"fields": ("planning_help",)}))
        return fieldsets

    @admin.display(description=_("planning help"))
    def planning_help(self, obj):
        network = obj.network if obj is not None and obj.network_id else None
        if network is None:
            return _("Choose the network and save: the admin then suggests hosts and shows the members' proposals.")
        parts = []
        suggestions = selectors.host_suggestions(network=network, limit=5)
        if suggestions:
            rows = format_html_join(
                "",
                "<li>{} <span class='planning-help-note'>({})</span></li>",
                (
                    (
                        suggestion.organisation,
                        _host_note(suggestion),
                    )
                    for suggestion in suggestions
                ),
            )
            parts.append(
                format_html(
                    "<p class='planning-help-heading'><strong>{}</strong></p><ol class='planning-help-hosts'>{}</ol>",
                    _("Suggested hosts, longest since hosting first:"),
                    rows,
                )
            )
        else:
            parts.append(format_html("<p>{}</p>", _("The network has no member organisations to suggest yet.")))
        proposals = selectors.network_proposals(network=network)["open"]
        proposals_url = reverse("craft:proposals", kwargs={"slug": network.slug})
        parts.append(
            format_html(
                "<p class='planning-help-proposals'><strong>{}</strong> {} · <a href='{}'>{}</a></p>",
                _("Agenda proposals from the members:"),
                len(proposals),
                proposals_url,
                _("put one on the programme"),
            )
        )
        if obj.pk and obj.ends_at and obj.ends_at < timezone.now():
            url = reverse("craft:evaluation_meeting", kwargs={"slug": network.slug, "code": obj.code})
            minutes_url = reverse("members:minutes_edit", kwargs={"slug": network.slug, "code": obj.code})
            parts.append(
                format_html(
                    "<p class='planning-help-heading'><a href='{}'>{}</a> · <a href='{}'>{}</a></p>",
                    minutes_url,
                    _("Minutes, attendance and outputs"),
                    url,
                    _("Evaluation"),
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))
