"""Messages staff write to a meeting's participants."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk.fields import VisibleCharField
from netvaerk.models import TimeStampedModel


def message_attachment_storage():
    # Private: an attachment to participants has no public address (netvaerk/storage.py).
    from django.core.files.storage import storages

    return storages["private"]


def message_attachment_upload_to(message: "ParticipantMessage", filename: str) -> str:
    return f"deltagerbeskeder/{message.meeting_id}/{secrets.token_hex(8)}.pdf"


class ParticipantMessage(TimeStampedModel):
    """A message staff write to a meeting's participants: a draft until sent, then the record of it.

    ``recipient_ids`` are the registrations chosen when it was sent; each gets
    one email (outbox key ``participant-message:<id>:<registration id>``).
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="participant_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = VisibleCharField(_("written by (name)"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    filters = models.JSONField(
        _("recipients chosen by"), default=dict, blank=True, help_text=_("Status, workshop, check-in, sign-up dates.")
    )
    attachment = models.FileField(
        _("attachment"),
        storage=message_attachment_storage,
        upload_to=message_attachment_upload_to,
        max_length=200,
        blank=True,
    )
    attachment_name = VisibleCharField(_("attachment's file name"), max_length=200, blank=True)
    tests_sent = models.PositiveSmallIntegerField(_("test emails sent"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipient_ids = models.JSONField(_("recipients"), default=list, blank=True)
    recipient_count = models.PositiveIntegerField(_("number of recipients"), null=True, blank=True)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.meeting.code}: {self.subject}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
