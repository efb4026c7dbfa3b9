import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.models import Network

from .enums import DeliveryStatus
from .signing import secret_new


class Subscription(models.Model):
    """An integration that receives the portal's events as signed JSON POSTs."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("Who receives it, e.g. the housing association's website.")
    )
    url = models.URLField(
        _("receiver address"),
        max_length=500,
        help_text=_("The https address the events are posted to. Private and local addresses are refused."),
    )
    # Kept readable (not hashed): every delivery is signed with it. Shown once, when made.
    secret = models.CharField(_("signing secret"), max_length=100, default=secret_new, editable=False)
    events = models.JSONField(_("events"), default=list, help_text=_("The events this receiver gets."))
    all_networks = models.BooleanField(
        _("all networks"),
        default=False,
        help_text=_("Events of every network and of stand-alone meetings. Otherwise only the chosen networks."),
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("networks"), blank=True, related_name="webhook_subscriptions"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One event for one subscription: stored with the change, posted by a worker after commit."""

    subscription = models.ForeignKey(
        Subscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=50)
    # The same for every subscription that gets the event; receivers drop repeats by it.
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    payload = models.JSONField(_("payload"))
    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_id"], name="webhook_delivery_once_per_event"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.event} → {self.subscription}"
