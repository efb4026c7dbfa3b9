"""Rendering an email's template triple in the recipient's language."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail
from .registry import EMAIL_RENDERERS

Attachment = tuple[str, bytes | str, str] | Mapping[str, Any]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _render_text(name: str, context: Mapping[str, Any]) -> str:
    # Subjects and text bodies are not HTML: render them without autoescaping,
    # so "Ærø & Co" stays "Ærø & Co" and templates need no {% autoescape off %}.
    template = engines["django"].engine.get_template(name)
    return template.render(Context(dict(context), autoescape=False))


def _tidy_text(text: str) -> str:
    # Template tags leave blank lines behind; keep at most one empty line.
    # "-- " is the signature separator, whose trailing space is meaningful.
    lines = [line if line == "-- " else line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def email_render(*, template: str, context: Mapping[str, Any], language: str) -> RenderedEmail:
    """Render ``templates/emails/<template>.subject.txt|.txt|.html`` in ``language``."""
    full_context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "language": language,
        **context,
    }
    with translation.override(language):
        subject = _render_text(f"emails/{template}.subject.txt", full_context)
        text = _render_text(f"emails/{template}.txt", full_context)
        html = render_to_string(f"emails/{template}.html", full_context)
    return RenderedEmail(subject=" ".join(subject.split()), text=_tidy_text(text), html=html)


def stored_attachment(*, filename: str, content_type: str, storage: str, name: str) -> dict[str, str]:
    """An attachment read from a file storage when the email is sent, not copied into the outbox.

    For one file sent to many (a PDF to every participant): each row names the file instead of
    holding its bytes. ``storage`` is an alias of settings.STORAGES, ``name`` the file's name there.
    """
    return {"filename": filename, "content_type": content_type, "storage": storage, "name": name}


def attachment_content(attachment: Mapping[str, str]) -> bytes:
    """The bytes of a stored attachment: inline (base64) or read from its storage."""
    if "storage" in attachment:
        from django.core.files.storage import storages

        with storages[attachment["storage"]].open(attachment["name"], "rb") as handle:
            return handle.read()
    return base64.b64decode(attachment["content"])


def attachment_json(attachment: Attachment) -> dict[str, str]:
    if isinstance(attachment, Mapping) and "storage" in attachment:
        return dict(attachment)
    if isinstance(attachment, Mapping):
        filename, content, content_type = attachment["filename"], attachment["content"], attachment["content_type"]
    else:
        filename, content, content_type = attachment
    if isinstance(content, str):
        content = content.encode("utf-8")
    return {
        "filename": filename,
        "content_type": content_type,
        "content": base64.b64encode(content).decode("ascii"),
    }


def email_render_deferred(email: OutgoingEmail) -> None:
    """Render an email queued with email_defer() and store the result on its row.

    The worker that sends it calls this once it has claimed the row, so the text is written
    outside the lock the email was queued under, and once: a retry finds it rendered.
    """
    renderer = EMAIL_RENDERERS[email.render_with]
    rendering = renderer(**email.render_args)
    rendered = email_render(template=email.template, context=rendering.context, language=email.language)
    email.subject, email.text_body, email.html_body = rendered.subject, rendered.text, rendered.html
    email.attachments = [attachment_json(attachment) for attachment in rendering.attachments]
    email.reply_to = rendering.reply_to or email.reply_to
    OutgoingEmail.objects.filter(pk=email.pk).update(
        subject=email.subject,
        text_body=email.text_body,
        html_body=email.html_body,
        attachments=email.attachments,
        reply_to=email.reply_to,
        updated_at=timezone.now(),
    )
