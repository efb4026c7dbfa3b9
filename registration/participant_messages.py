"""Writing to a meeting's participants, the careful way: a draft, a preview, a test, then the send.

1. ``participant_message_save`` stores the draft: the filters, the subject
   and the text, and an optional PDF (private storage).
2. The preview (``participant_message_preview``) renders it for the first
   recipient, with real data; ``participant_message_send_test`` mails that to
   the writer, marked as a test.
3. ``participant_message_send`` freezes the recipients under the message's row
   lock and, after commit, has the worker queue one email per recipient
   (``participant_message_deliver``), each under the key
   ``participant-message:<message>:<registration>``: sending twice, or a
   retried task, sends nothing twice.

The writer's text never meets ``str.format``: placeholders are filled by
registration.placeholders, and a text with an unknown placeholder or a lone
brace cannot be previewed as sent, tested or sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings.models import Meeting
from netvaerk import access
from outbox.queue import email_queue
from outbox.render import RenderedEmail, email_render, stored_attachment

from . import emails
from .models import ParticipantMessage, Registration
from .placeholders import placeholders_fill, placeholders_problems
from .selectors_messages import delivery_key, message_recipients, trial_key

PERMISSION = "meetings.plan_meeting"
TEMPLATE = "participants_message"
MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024


class MessageError(Exception):
    """The message cannot go (yet); ``message`` says why, to the writer."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def placeholder_values(*, registration: Registration) -> dict[str, str]:
    """What each placeholder stands for in one recipient's email (in the active language)."""
    meeting = registration.meeting
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    date = start.strftime("%d.%m.%Y %H.%M") + (end.strftime("-%H.%M") if end else "")
    if meeting.venue_id:
        venue = meeting.venue.one_line_address
    else:
        venue = _("Online") if meeting.is_online else _("to be announced")
    return {
        "name": registration.name,
        "meeting": meeting.title,
        "personal_link": emails.personal_url(registration),
        "date": date,
        "venue": venue,
        "organisation": registration.organisation,
    }


def message_problems(*, subject: str, body: str) -> list[str]:
    """What blocks the send, one sentence each (empty when the text may go)."""
    return [problem.message() for problem in placeholders_problems(subject) + placeholders_problems(body)]


def _require(by, meeting: Meeting) -> None:
    access.require(by, PERMISSION, meeting)


def participant_message_save(
    *,
    meeting: Meeting,
    by,
    subject: str,
    body: str,
    filters: dict,
    attachment=None,
    remove_attachment: bool = False,
    message: ParticipantMessage | None = None,
) -> ParticipantMessage:
    """Store a new draft or change one (a sent message is a record and stays as it was)."""
    _require(by, meeting)
    with transaction.atomic():
        if message is None:
            message = ParticipantMessage(meeting=meeting)
        else:
            message = ParticipantMessage.objects.select_for_update().get(pk=message.pk, meeting=meeting)
            if message.is_sent:
                raise MessageError(_("This message has been sent and can no longer be changed."))
        message.author = by
        message.author_name = by.get_full_name() or by.email if by is not None else ""
        message.subject = subject
        message.body = body
        message.filters = filters
        if (attachment is not None or remove_attachment) and message.attachment:
            storage, old = message.attachment.storage, message.attachment.name
            transaction.on_commit(lambda: storage.delete(old))
            message.attachment = ""
            message.attachment_name = ""
        if attachment is not None:
            message.attachment_name = attachment.name[-200:]
            message.attachment.save(attachment.name, attachment, save=False)
        message.save()
    return message


def _attachments(message: ParticipantMessage) -> list[tuple[str, bytes, str]]:
    if not message.attachment:
        return []
    with message.attachment.storage.open(message.attachment.name, "rb") as handle:
        return [(message.attachment_name or "bilag.pdf", handle.read(), "application/pdf")]


def _context(message: ParticipantMessage, registration: Registration, *, test: bool = False) -> dict:
    # The placeholders are filled in the recipient's language (the date, "to be announced").
    with translation.override(registration.language):
        values = placeholder_values(registration=registration)
    return emails.message_context(
        registration,
        subject=placeholders_fill(message.subject, values),
        body=placeholders_fill(message.body, values),
        attachment_name=message.attachment_name,
        test=test,
    )


def _check(message: ParticipantMessage) -> None:
    problems = message_problems(subject=message.subject, body=message.body)
    if problems:
        raise MessageError(" ".join(problems))


@dataclass(frozen=True)
class Preview:
    recipients: list[Registration]
    count: int
    example: Registration | None
    email: RenderedEmail | None
    problems: list[str]


def participant_message_preview(*, message: ParticipantMessage, by, list_limit: int = 500) -> Preview:
    """The message as its first recipient would get it, and who gets it (count and the first ``list_limit``)."""
    _require(by, message.meeting)
    recipients = message_recipients(meeting=message.meeting, filters=message.filters)
    shown = list(recipients[:list_limit])
    count = len(shown) if len(shown) < list_limit else recipients.count()
    problems = message_problems(subject=message.subject, body=message.body)
    example = shown[0] if shown else None
    email = None
    if example is not None and not problems:
        email = email_render(template=TEMPLATE, context=_context(message, example), language=example.language)
    return Preview(recipients=shown, count=count, example=example, email=email, problems=problems)


def participant_message_send_test(*, message: ParticipantMessage, by):
    """Mail the preview (the first recipient's version, marked as a test) to the writer's own address."""
    _require(by, message.meeting)
    if by is None or not by.email:
        raise MessageError(_("Your account has no email address to send the test to."))
    _check(message)
    example = message_recipients(meeting=message.meeting, filters=message.filters).first()
    if example is None:
        raise MessageError(_("No participant matches the filters, so there is nothing to show in a test."))
    with transaction.atomic():
        locked = ParticipantMessage.objects.select_for_update().get(pk=message.pk)
        locked.tests_sent += 1
        locked.save(update_fields=["tests_sent", "updated_at"])
        return email_queue(
            to=by.email,
            template=TEMPLATE,
            context=_context(locked, example, test=True),
            language=example.language,
            idempotency_key=trial_key(locked, locked.tests_sent),
            attachments=_attachments(locked),
            ref=locked,
        )


def participant_message_send(*, message: ParticipantMessage, by) -> int:
    """Send the message to the recipients its filters choose now; returns how many.

    Under the message's row lock: a second send (a double click, two tabs)
    finds it sent and sends nothing (0). The emails are queued by a worker
    after commit (registration.tasks.deliver_participant_message).
    """
    from . import tasks

    _require(by, message.meeting)
    with transaction.atomic():
        locked = ParticipantMessage.objects.select_for_update().select_related("meeting").get(pk=message.pk)
        if locked.is_sent:
            return 0
        _check(locked)
        ids = list(message_recipients(meeting=locked.meeting, filters=locked.filters).values_list("pk", flat=True))
        if not ids:
            raise MessageError(_("No participant matches the filters."))
        locked.recipient_ids = ids
        locked.recipient_count = len(ids)
        locked.sent_at = timezone.now()
        locked.save(update_fields=["recipient_ids", "recipient_count", "sent_at", "updated_at"])
        message_id = locked.pk
        transaction.on_commit(lambda: tasks.deliver_participant_message.delay(message_id=message_id), robust=True)
    message.refresh_from_db()
    return len(ids)


def _attachment_refs(message: ParticipantMessage) -> list[dict[str, str]]:
    # Each recipient's email names the one stored PDF; the worker reads it when it sends.
    if not message.attachment:
        return []
    return [
        stored_attachment(
            filename=message.attachment_name or "bilag.pdf",
            content_type="application/pdf",
            storage="private",
            name=message.attachment.name,
        )
    ]


def participant_message_deliver(*, message_id: int) -> int:
    """Queue the email of every recipient of a sent message (the worker's part); safe to run twice.

    Each email in its own transaction under its own key: a task stopped
    halfway and run again queues the rest and none twice.
    """
    message = ParticipantMessage.objects.select_related("meeting").get(pk=message_id)
    if not message.is_sent:
        return 0
    attachments = _attachment_refs(message)
    registrations = Registration.objects.filter(pk__in=message.recipient_ids).select_related(
        "meeting__organiser", "meeting__venue", "meeting__network", "workshop"
    )
    queued = 0
    for registration in registrations.order_by("id"):
        if registration.anonymised_at or not registration.email:
            continue
        with transaction.atomic():
            email_queue(
                to=registration.email,
                template=TEMPLATE,
                context=_context(message, registration),
                language=registration.language,
                idempotency_key=delivery_key(message, registration.pk),
                attachments=attachments,
                ref=message,
                reply_to=message.meeting.contact().get("email") or "",
            )
        queued += 1
    return queued
