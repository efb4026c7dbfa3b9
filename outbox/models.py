"""The outbox: every email the portal sends, stored before a worker sends it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.db_indexes import contains_index
from netvaerk.models import TimeStampedModel

from .enums import EmailStatus


def new_message_id() -> str:
    """A globally unique Message-ID, fixed when the email is queued.

    The same id goes out with every attempt, so a mail program that receives
    the rare duplicate (a worker killed between delivery and bookkeeping)
    can recognise it.
    """
    return f"<{uuid.uuid4().hex}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


class OutgoingEmail(TimeStampedModel):
    """One email in the outbox: rendered once when queued, then sent by a worker.

    The row is the source of truth, not the Celery message: a task only
    carries the id, sends only while the row is queued, and the sweeper
    re-enqueues rows that a lost task left behind.
    """

    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        help_text=_("Names the reason for the email, e.g. confirmation:42; the same key is never sent twice."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True, default=new_message_id, editable=False)
    recipient = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    template = models.CharField(_("template"), max_length=100, help_text=_("Name under templates/emails/."))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=998)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("List of {filename, content_type, content (base64)}."),
    )
    headers = models.JSONField(
        _("extra headers"),
        default=dict,
        blank=True,
        help_text=_("Message headers beyond the usual ones, e.g. List-Unsubscribe of outreach emails."),
    )
    # An email queued while a lock is held (a sign-up holds its meeting's seat lock) is stored with
    # what names it and rendered by the worker that sends it: the renderer registered under this
    # name (outbox.registry.email_renderer_register) turns render_args into the template's context.
    render_with = models.CharField(
        _("rendered by"),
        max_length=100,
        blank=True,
        help_text=_("Filled in when the email is sent; empty when it was rendered as it was queued."),
    )
    render_args = models.JSONField(_("render arguments"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    ref_type = models.CharField(
        _("reference type"),
        max_length=100,
        blank=True,
        help_text=_("What the email is about, as app_label.model (e.g. meetings.meeting)."),
    )
    ref_id = models.CharField(_("reference id"), max_length=64, blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        default=timezone.now,
        help_text=_("A queued email is not retried before this time; the sweeper picks it up a while after."),
    )
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoingemail_status_next"),
            models.Index(fields=["ref_type", "ref_id"], name="outgoingemail_ref"),
            # The email log at ten years (600,000 rows; netvaerk/db_indexes.py, README "Data scale"):
            # the template and language filters' values (read from the index) and their pages in the
            # list's order (newest first: a rare template's emails are not met by walking every id), the
            # date filter, the exact search on a reference id and the contains-search.
            models.Index(fields=["template", "id"], name="outgoingemail_template_id"),
            models.Index(fields=["language", "id"], name="outgoingemail_language_id"),
            models.Index(fields=["created_at"], name="outgoingemail_created"),
            models.Index(fields=["ref_id"], name="outgoingemail_ref_id"),
            # A whole address typed into the search is matched exactly (outbox/admin.py): a trigram
            # search for it reads the long posting lists of the trigrams every address shares.
            models.Index(Upper("recipient"), name="outgoingemail_recipient_upper"),
            contains_index("recipient", name="outgoingemail_recipient_trgm"),
            contains_index("subject", name="outgoingemail_subject_trgm"),
            contains_index("idempotency_key", name="outgoingemail_key_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False),
                name="outgoingemail_sent_has_sent_at",
            ),
        ]

    @property
    def awaits_rendering(self) -> bool:
        return bool(self.render_with) and not self.text_body

    def __str__(self):
        return f"{self.template} → {self.recipient}"
