"""The email templates staff can preview, each registered with demo data by the app that sends it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class EmailTemplate:
    name: str
    description: str
    demo_context: Callable[[], dict[str, Any]]


# Every template triple under templates/emails/ (except the base layout) is
# registered here with demo data, so staff can preview it. Other apps
# register theirs in AppConfig.ready() with email_template_register().
EMAIL_TEMPLATES: dict[str, EmailTemplate] = {}


def email_template_register(name: str, *, description: str, demo_context: Callable[[], dict[str, Any]]) -> None:
    EMAIL_TEMPLATES[name] = EmailTemplate(name=name, description=description, demo_context=demo_context)


@dataclass(frozen=True)
class Rendering:
    """What a renderer gives for an email queued with email_defer(): the template's context and attachments."""

    context: dict[str, Any]
    attachments: tuple = ()
    reply_to: str = ""


# Renderers of emails queued while a lock is held (email_defer); each app registers its own in
# AppConfig.ready(). A renderer takes the email's render_args as keyword arguments.
EMAIL_RENDERERS: dict[str, Callable[..., Rendering]] = {}


def email_renderer_register(name: str, renderer: Callable[..., Rendering]) -> None:
    EMAIL_RENDERERS[name] = renderer


def demo_organiser_context() -> dict[str, Any]:
    """Branding context for previews; real emails pass the meeting's organiser and contact."""
    return {
        "organiser": {
            "name": "Boligsocialnet",
            "email": "boligsocialnet@netvaerk.example",
            "phone": "60 35 46 30",
            "website": "https://boligsocialnet.example",
        },
        "contact": {"name": "Mette Konsulent", "email": "mette.konsulent@netvaerk.example", "phone": "12 34 56 78"},
    }


def _test_message_demo() -> dict[str, Any]:
    return {
        **demo_organiser_context(),
        "recipient_name": "Trine Sander",
        "message": "Dette er en prøve fra netværksportalen: æ, ø og å kommer frem.",
    }


email_template_register(
    "test_message",
    description=_("Test message: checks that email reaches the recipient."),
    demo_context=_test_message_demo,
)
