from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class OutreachKind(models.TextChoices):
    """What a person may stop getting from a network (board posts live on the membership)."""

    INVITATION = "invitation", _("Invitations to meetings")
    NUDGE = "nudge", _("Reminders before the registration deadline")
