"""The record of list downloads and each user's chosen export columns."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import Meeting
from netvaerk.fields import VisibleEmailField
from netvaerk.models import Network

from ..enums import ExportFormat, ExportKind


class ExportLog(models.Model):
    """One download of a list: who, when, what and how many rows.

    Written when the download starts, so an export that fails halfway is
    still on record.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    user_email = VisibleEmailField(_("user's email"), blank=True, help_text=_("Kept when the account is deleted."))
    kind = models.CharField(_("list"), max_length=40, choices=ExportKind.choices)
    format = models.CharField(pgettext_lazy("file", "format"), max_length=10, choices=ExportFormat.choices)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("rows"))
    columns = models.JSONField(_("columns"), default=list, blank=True)
    sensitive = models.BooleanField(
        _("with sensitive data"), default=False, help_text=_("Dietary requirements or accessibility needs included.")
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.format}) {self.user_email}"


class ExportPreference(models.Model):
    """The columns a user last chose on an export page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("list"), max_length=40, choices=ExportKind.choices)
    columns = models.JSONField(_("columns"), default=list)
    options = models.JSONField(_("options"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("export preference")
        verbose_name_plural = _("export preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="export_preference_one_per_list")]

    def __str__(self):
        return f"{self.user_id}: {self.kind}"
