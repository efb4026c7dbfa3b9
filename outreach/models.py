"""Outreach: subscribers without an account, opt-outs, and who was invited to which meeting."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk.models import Network, TimeStampedModel

from .enums import OutreachKind, SubscriberStatus


def new_token() -> str:
    # 32 random bytes: a confirmation link cannot be guessed.
    return secrets.token_urlsafe(32)


class Subscriber(TimeStampedModel):
    """Someone without an account who asked for a network's invitations (double opt-in)."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="subscribers"
    )
    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="da")
    status = models.CharField(
        _("status"), max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    token = models.CharField(_("confirmation key"), max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["network", "email"]
        constraints = [
            models.UniqueConstraint("network", Lower("email"), name="subscriber_one_per_network_and_email"),
            models.CheckConstraint(condition=Q(status__in=SubscriberStatus.values), name="subscriber_status_valid"),
        ]

    def __str__(self):
        return f"{self.email} - {self.network}"


class OptOut(models.Model):
    """An address that does not want one kind of a network's outreach (stored in lower case)."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("email"), max_length=254)
    kind = models.CharField(_("kind"), max_length=20, choices=OutreachKind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["network", "email", "kind"], name="optout_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_kind_display()}"


class MeetingOutreach(models.Model):
    """A meeting's invitation round: its lock row, and when it was asked for and sent."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, primary_key=True, related_name="outreach"
    )
    requested_at = models.DateTimeField(
        _("invitation requested"), null=True, blank=True, help_text=_("When publishing asked for the invitation.")
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    resent_at = models.DateTimeField(_("sent again"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation round")
        verbose_name_plural = _("invitation rounds")

    def __str__(self):
        return str(self.meeting)


class Invitation(models.Model):
    """One person invited to one meeting (once): the record the re-send and the nudge work from."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="da")
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    resent_at = models.DateTimeField(_("invited again"), null=True, blank=True)
    nudged_at = models.DateTimeField(_("reminded before the deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="invitation_once_per_meeting_and_email"),
        ]
        indexes = [models.Index(fields=["meeting", "nudged_at"])]

    def __str__(self):
        return f"{self.email} - {self.meeting}"
