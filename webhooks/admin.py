"""The secretariat's admin for webhooks: subscriptions (secret shown once, test ping) and the delivery log."""

import json
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk import events
from netvaerk.admin import URL_FIELDS_ASSUME_HTTPS, CalendarFiltersMixin, SecretariatOnlyMixin

from . import services
from .models import Delivery, Subscription
from .urlcheck import receiver_url_problem


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=[(event.name, event.label) for event in events.EVENT_TYPES.values()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events this receiver gets."),
    )

    class Meta:
        model = Subscription
        fields = ["name", "url", "is_active", "events", "all_networks", "networks"]
        # Like every admin URL field (URL_FIELDS_ASSUME_HTTPS): an address typed without a scheme is https.
        field_classes = {"url": partial(forms.URLField, assume_scheme="https")}

    def clean_url(self):
        url = self.cleaned_data["url"]
        problem = receiver_url_problem(url)
        if problem:
            raise forms.ValidationError(problem)
        return url

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_networks") and not cleaned.get("networks"):
            raise forms.ValidationError(_("Choose the networks, or all networks."))
        return cleaned


class NoSecretLookupsMixin:
    """The list's address takes any lookup on a field (``?secret__startswith=whsec_A``), which would
    answer yes or no about the secret that is shown only once: refused (400) for the secret."""

    def lookup_allowed(self, lookup, value, request=None):
        if "secret" in lookup.split("__"):
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(Subscription)
class SubscriptionAdmin(NoSecretLookupsMixin, SecretariatOnlyMixin, admin.ModelAdmin):
    form = SubscriptionForm
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "url", "is_active", "scope", "event_list", "log"]
    list_filter = ["is_active", "all_networks"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["networks"]
    readonly_fields = ["created_by", "created_at"]
    actions = ["send_test_ping", "renew_secret"]

    @admin.display(description=_("networks"))
    def scope(self, obj):
        if obj.all_networks:
            return _("All networks")
        return ", ".join(network.name for network in obj.networks.all())

    @admin.display(description=_("events"))
    def event_list(self, obj):
        return ", ".join(str(events.EVENT_TYPES[name].label) for name in obj.events if name in events.EVENT_TYPES)

    @admin.display(description=_("delivery log"))
    def log(self, obj):
        url = reverse("admin:webhooks_delivery_changelist") + f"?subscription__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Deliveries"))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("networks")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        # The secret goes straight into this page, never into a message or the session.
        return self._secret_page(request, obj, _("The subscription is saved."))

    def _secret_page(self, request, obj, heading):
        response = TemplateResponse(
            request,
            "admin/webhooks/subscription_secret.html",
            {
                **self.admin_site.each_context(request),
                "title": heading,
                "subscription": obj,
                "secret": obj.secret,
                "opts": self.model._meta,
                "back_url": reverse("admin:webhooks_subscription_change", args=[obj.pk]),
            },
        )
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Send a test ping"), permissions=["change"])
    def send_test_ping(self, request, queryset):
        for subscription in queryset:
            services.subscription_ping(subscription=subscription, by=request.user)
        n = len(queryset)
        self.message_user(
            request,
            ngettext(
                "A test ping was sent to %(n)d subscription; see the delivery log.",
                "A test ping was sent to %(n)d subscriptions; see the delivery log.",
                n,
            )
            % {"n": n},
            messages.SUCCESS,
        )

    @admin.action(description=_("Make a new signing secret"), permissions=["change"])
    def renew_secret(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one subscription."), messages.ERROR)
            return None
        subscription = queryset.get()
        services.subscription_secret_renew(subscription=subscription, by=request.user)
        return self._secret_page(request, subscription, _("A new signing secret was made."))


@admin.register(Delivery)
class DeliveryAdmin(NoSecretLookupsMixin, SecretariatOnlyMixin, CalendarFiltersMixin, admin.ModelAdmin):
    """The delivery log: read-only, with "send again"."""

    list_display = ["event", "subscription", "status", "attempts", "response_code", "created_at", "delivered_at"]
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription"]
    search_fields = ["=event_id", "last_error"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "subscription",
        "event",
        "event_id",
        "status",
        "attempts",
        "response_code",
        "last_error",
        "network",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "payload_json",
    ]
    readonly_fields = fields

    @admin.display(description=_("payload"))
    def payload_json(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.payload, ensure_ascii=False, indent=2))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # What was sent is a record; staff read it and may only send it again.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("webhooks.change_delivery")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset):
        n = sum(services.delivery_resend(delivery=delivery, by=request.user) for delivery in queryset)
        self.message_user(
            request,
            ngettext(
                "%(n)d delivery will be sent again.",
                "%(n)d deliveries will be sent again.",
                n,
            )
            % {"n": n},
            messages.SUCCESS,
        )
