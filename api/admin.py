"""API tokens in the admin: created for oneself, shown once, revoked by action; the secretariat sees every token."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk import access
from netvaerk.admin import CalendarFiltersMixin

from . import services
from .enums import TokenScope
from .models import ApiToken


class ApiTokenAddForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=capfirst(_("rights")),
        choices=TokenScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[TokenScope.PARTICIPANTS],
        help_text=_("The token reads only what you may read yourself, and only while you may."),
    )
    expires_at = forms.SplitDateTimeField(
        label=capfirst(_("expires")), required=False, widget=AdminSplitDateTime, help_text=_("Empty means no expiry.")
    )

    class Meta:
        model = ApiToken
        fields = ["name", "scopes", "expires_at"]

    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("The expiry must lie in the future."))
        return value


@admin.register(ApiToken)
class ApiTokenAdmin(CalendarFiltersMixin, admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "rights", "created_at", "expires_at", "last_used_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    actions = ["revoke"]
    change_fields = ["name", "user", "prefix", "rights", "created_at", "expires_at", "last_used_at", "revoked_at"]

    # --- Who: staff with the export right, each their own tokens; the secretariat every token -------

    def _may(self, request, obj=None) -> bool:
        if not services.may_hold_token(user=request.user) and not access.is_secretariat(request.user):
            return False
        return obj is None or obj.user_id == request.user.pk or access.is_secretariat(request.user)

    def has_module_permission(self, request):
        return self._may(request)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request):
        return services.may_hold_token(user=request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, not deleted: the export log names the token

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if access.is_secretariat(request.user) else qs.filter(user=request.user)

    # --- Forms -------------------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["name", "scopes", "expires_at"] if obj is None else self.change_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [field for field in self.change_fields if field != "name"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            return
        token, raw = services.api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data["expires_at"],
            by=request.user,
        )
        # The admin goes on with the saved row; the token itself lives only in this request.
        obj.__dict__.update({key: value for key, value in token.__dict__.items() if not key.startswith("_")})
        obj._state.adding = False
        request._api_token_raw = raw

    def response_add(self, request, obj, post_url_continue=None):
        raw = getattr(request, "_api_token_raw", None)
        if raw is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "raw": raw,
            "title": _("Your new API token"),
        }
        response = TemplateResponse(request, "api/token_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    # --- Columns and actions ---------------------------------------------------------------------------

    @admin.display(description=_("rights"))
    def rights(self, obj):
        labels = dict(TokenScope.choices)
        return ", ".join(str(labels.get(scope, scope)) for scope in obj.scopes)

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.revoked_at:
            return _("Revoked")
        if not obj.is_usable():
            return _("Expired")
        return _("Active")

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            services.api_token_revoke(token=token, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
