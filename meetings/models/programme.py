"""A meeting's parts: its programme (agenda items), workshops and the programme warnings staff considered."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import AgendaItemKind
from .meeting import Meeting


class _TouchesMeeting(models.Model):
    """Saving or deleting a part of a meeting marks the meeting as changed.

    Page caches are keyed on the meeting's updated_at, so a changed programme
    or workshop is visible at once.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._touch_meeting()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._touch_meeting()
        return result

    def _touch_meeting(self):
        Meeting.objects.filter(pk=self.meeting_id).update(updated_at=timezone.now())


class AgendaItem(_TouchesMeeting):
    """One timed point of a meeting's programme."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(
        _("end"), null=True, blank=True, help_text=_("Empty for a point in time, e.g. 'Thank you for today'.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    bullet_points = models.TextField(_("bullet points"), blank=True, help_text=_("One point per line."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Breaks ties between items that start at the same time.")
    )

    class Meta(_TouchesMeeting.Meta):
        abstract = False
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["start_time", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="agenda_item_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.start_time:%H.%M} {self.title}"

    @property
    def bullets(self):
        return [line.strip(" •-*\t") for line in self.bullet_points.splitlines() if line.strip(" •-*\t")]

    @property
    def minutes(self):
        if not self.end_time:
            return 0
        start = dt.datetime.combine(dt.date.min, self.start_time)
        end = dt.datetime.combine(dt.date.min, self.end_time)
        return int((end - start).total_seconds() // 60)


class Workshop(_TouchesMeeting):
    """A parallel group at a meeting with its own capacity."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty means no limit."))
    room = models.CharField(_("room"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(_TouchesMeeting.Meta):
        abstract = False
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0), name="workshop_capacity_not_negative"
            ),
            models.UniqueConstraint(fields=["meeting", "title"], name="workshop_unique_title_per_meeting"),
        ]

    def __str__(self):
        return self.title


class ConsideredWarning(models.Model):
    """A programme warning the consultant has considered ("we know: it is a full theme day").

    It stays quiet while the facts it depends on are the same: the
    fingerprint is a hash of them (see meetings.programme_check). When the
    programme changes, the warning shows again.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="considered_warnings"
    )
    code = models.CharField(_("warning"), max_length=40)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    message = models.TextField(_("message"), blank=True, help_text=_("The warning as it read when considered."))
    note = models.TextField(_("note"), blank=True)
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("considered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    considered_at = models.DateTimeField(_("considered at"), default=timezone.now)

    class Meta:
        verbose_name = _("considered programme warning")
        verbose_name_plural = _("considered programme warnings")
        ordering = ["meeting", "considered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "code", "fingerprint"], name="considered_warning_unique_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.meeting.code}: {self.code}"
