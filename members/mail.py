"""The one door through which the members app sends email.

Account emails (allauth: email verification, password reset, "already has an
account", MFA notices) and the members' area notices (new posts on a board,
membership requests and decisions) all end in ``send_member_email``.

It stores the rendered email in the core app's outbox; the outbox's worker
sends it exactly once, after the transaction commits. The members' area
notices are queued from ``transaction.on_commit`` through a Celery task
(members/tasks.py).
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from outbox.queue import email_store
from outbox.render import RenderedEmail

log = logging.getLogger(__name__)


def send_member_email(
    *, kind: str, to: str, subject: str, text: str, html: str = "", key: str = "", language: str = ""
) -> None:
    """Send one rendered email to one address.

    ``kind`` names the email (an allauth template prefix such as
    ``account/email/email_confirmation_signup``, or ``members_new_post``) for
    the email log the outbox will keep.
    """
    # The kind only: no addresses or content in logs.
    log.info("members email kind=%s", kind)
    email_store(
        to=to,
        template=kind,
        rendered=RenderedEmail(subject=" ".join(subject.splitlines()).strip(), text=text, html=html),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        # Account emails (verification codes, password resets) are new each time.
        idempotency_key=key or f"{kind}:{uuid.uuid4().hex}",
    )


def render_member_email(name: str, context: dict, *, language: str | None = None) -> tuple[str, str, str]:
    """Render ``templates/emails/<name>.subject.txt``, ``.txt`` and ``.html`` in the recipient's language."""
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}.subject.txt", context).strip()
        text = render_to_string(f"emails/{name}.txt", context).strip() + "\n"
        html = render_to_string(f"emails/{name}.html", context)
    return subject, text, html


def send_templated_member_email(name: str, *, to: str, context: dict, language: str | None = None) -> None:
    subject, text, html = render_member_email(name, context, language=language)
    send_member_email(kind=name, to=to, subject=subject, text=text, html=html, language=language or "")
