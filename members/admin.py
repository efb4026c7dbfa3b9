from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk import access
from netvaerk.admin import URL_FIELDS_ASSUME_HTTPS, ScopedAdminMixin, SuperuserSeesAndDeletesMixin
from netvaerk.permission_labels import TranslatedPermissionsMixin

from . import services
from .enums import MembershipStatus
from .forms import MemberImportForm, MembershipAddForm, UserChangeAdminForm, UserCreationAdminForm
from .models import BoardPost, Material, Membership, Minutes, Profile, TwoFactorMethod, User
from .sso import admin as sso_admin  # noqa: F401  (single sign-on's admin)


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["work_areas"]
    fields = ["organisation", "job_title", "work_areas", "introduction", "directory_consent", "language"]


@admin.register(User)
class UserAdmin(TranslatedPermissionsMixin, BaseUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    inlines = [ProfileInline]
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "phone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser or request.user.has_perm("members.change_user"):
            return qs
        # Consultants may only look up staff (to pick a coordinator), never members' contact details.
        return qs.filter(is_staff=True)

    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


# Django stores permission names in English: the group form lists them in the reader's language.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedPermissionsMixin, BaseGroupAdmin):
    pass


# allauth's model has English names only: its authenticators are shown as a proxy with Danish names,
# to superusers, read-only (the secret in "data" stays out of sight); deleting one lets a staff
# member who lost their phone set up a new app.
admin.site.unregister(Authenticator)


@admin.register(TwoFactorMethod)
class TwoFactorMethodAdmin(SuperuserSeesAndDeletesMixin, admin.ModelAdmin):
    list_display = ["user_name", "method", "created", "last_used"]
    list_filter = ["type"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
    fields = ["user_name", "method", "created", "last_used"]
    readonly_fields = fields

    @admin.display(description=_("user"), ordering="user__email")
    def user_name(self, obj):
        return obj.user

    @admin.display(description=_("method"), ordering="type")
    def method(self, obj):
        return obj.get_type_display()

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at


@admin.register(Membership)
class MembershipAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "user_email", "network", "role", "status", "requested_at", "decided_at"]
    list_filter = ["status", "role", ("network", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__email", "user__first_name", "user__last_name", "network__name"]
    list_select_related = ["user", "network"]
    readonly_fields = ["user", "network", "requested_at", "decided_at", "decided_by", "left_at", "message"]
    fields = ["network", "user", "role", "status", "message", "notify_new_posts"] + [
        "requested_at",
        "decided_at",
        "decided_by",
        "left_at",
    ]
    actions = ["approve", "decline"]
    change_list_template = "admin/members/membership/change_list.html"

    def get_queryset(self, request):
        # The change form shows the member, the network and who decided (read-only): one query, decided or not.
        return super().get_queryset(request).select_related("user", "network", "decided_by")

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    def get_urls(self):
        extra = [
            path("add-member/", self.admin_site.admin_view(self.add_member_view), name="members_membership_add_member"),
            path("import/", self.admin_site.admin_view(self.import_view), name="members_membership_import"),
        ]
        return extra + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        # Staff add a member by email (the person may not have an account yet).
        return redirect("admin:members_membership_add_member")

    def _check_add(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _scope_networks(self, request, form):
        # Only the networks the person plans (all for the secretariat).
        form.fields["network"].queryset = access.networks_planned(request.user).order_by("name")
        return form

    def add_member_view(self, request):
        self._check_add(request)
        form = self._scope_networks(
            request, MembershipAddForm(request.POST or None, initial={"network": request.GET.get("network")})
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = services.membership_add(
                network=data["network"],
                email=data["email"],
                name=data["name"],
                organisation=data["organisation"],
                role=data["role"],
                by=request.user,
            )
            self.log_addition(request, result.membership, [{"added": {}}])
            messages.success(
                request,
                _("%(person)s is a member of %(network)s.")
                % {"person": result.membership.user, "network": data["network"]},
            )
            return redirect("admin:members_membership_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Add a member"),
            "form": form,
            "submit_label": _("Add member"),
        }
        return TemplateResponse(request, "admin/members/membership/form.html", context)

    def import_view(self, request):
        self._check_add(request)
        form = self._scope_networks(request, MemberImportForm(request.POST or None, request.FILES or None))
        result = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = services.members_import_csv(
                network=data["network"], data=data["file"].read(), role=data["role"], by=request.user
            )
            messages.success(
                request,
                ngettext("%(count)d member added.", "%(count)d members added.", len(result.added))
                % {"count": len(result.added)},
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import members from a CSV file"),
            "form": form,
            "result": result,
            "submit_label": _("Import"),
        }
        return TemplateResponse(request, "admin/members/membership/form.html", context)

    @admin.action(description=_("Approve the selected requests"), permissions=["change"])
    def approve(self, request, queryset):
        done = 0
        for membership in queryset.filter(status__in=[MembershipStatus.REQUESTED, MembershipStatus.DECLINED]):
            try:
                services.membership_approve(membership=membership, by=request.user)
            except PermissionDenied:
                continue
            done += 1
        self.message_user(request, _("Approved: %(count)d") % {"count": done})

    @admin.action(description=_("Decline the selected requests"), permissions=["change"])
    def decline(self, request, queryset):
        done = 0
        for membership in queryset.filter(status=MembershipStatus.REQUESTED):
            try:
                services.membership_decline(membership=membership, by=request.user)
            except PermissionDenied:
                continue
            done += 1
        self.message_user(request, _("Declined: %(count)d") % {"count": done})


@admin.register(BoardPost)
class BoardPostAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "network", "author", "parent", "is_pinned", "created_at", "removed_at"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "is_pinned"]
    search_fields = ["title", "body"]
    list_select_related = ["network", "author", "parent"]
    readonly_fields = ["network", "author", "parent", "created_at", "removed_by"]
    fields = ["network", "author", "parent", "title", "body", "is_pinned", "removed_at", "removed_by", "created_at"]

    def has_add_permission(self, request):
        return False


class _PrivateFileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The file itself is never linked from MEDIA_URL: only the permission-checked download view."""

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        if not obj.file:
            return "-"
        return format_html('<a href="{}">{}</a>', self.download_url(obj), obj.original_name)


@admin.register(Material)
class MaterialAdmin(_PrivateFileAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["title", "network", "meeting", "kind", "uploaded_by", "created_at"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "kind"]
    search_fields = ["title", "description", "original_name"]
    list_select_related = ["network", "meeting", "uploaded_by"]
    fields = ["network", "meeting", "title", "description", "kind", "download", "url", "uploaded_by", "created_at"]
    readonly_fields = ["network", "kind", "download", "uploaded_by", "created_at"]
    autocomplete_fields = ["meeting"]

    def download_url(self, obj):
        return reverse("members:material_download", kwargs={"slug": obj.network.slug, "pk": obj.pk})


@admin.register(Minutes)
class MinutesAdmin(_PrivateFileAdmin):
    list_display = ["meeting", "written_by", "updated_at"]
    list_select_related = ["meeting", "written_by"]
    fields = ["meeting", "text", "download", "written_by", "updated_at"]
    readonly_fields = ["meeting", "download", "written_by", "updated_at"]

    def download_url(self, obj):
        return reverse("members:minutes_download", kwargs={"slug": obj.meeting.network.slug, "pk": obj.pk})
