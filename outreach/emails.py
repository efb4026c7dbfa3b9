"""The outreach emails: rendered once per language and kind of recipient, then made personal.

An invitation to 5,000 people is rendered a handful of times (per language, with or without a
name, member or subscriber link), not 5,000 times: the personal parts (name, unsubscribe link)
are placeholders replaced in the rendered text, escaped for the HTML part.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import escape

from meetings.emails import meeting_email_context
from meetings.models import Meeting
from outbox.render import RenderedEmail, email_render

UNSUBSCRIBE_SALT = "outreach.unsubscribe"
NAME = "OUTREACHxNAMEx7f3a"
UNSUBSCRIBE = "OUTREACHxUNSUBx7f3a"


def unsubscribe_token(*, network_id: int, email: str) -> str:
    # A plain signed string (no JSON, no compression): thousands are made per invitation round.
    value = base64.urlsafe_b64encode(f"{network_id}:{email.lower()}".encode()).decode().rstrip("=")
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(value)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """(network id, email) of a genuine unsubscribe token, else None."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
        network_id, email = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode().split(":", 1)
        return int(network_id), email
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None


def unsubscribe_url(*, network_id: int, email: str) -> str:
    token = unsubscribe_token(network_id=network_id, email=email)
    return settings.SITE_URL + reverse("outreach:unsubscribe", kwargs={"token": token})


def unsubscribe_headers(url: str) -> dict[str, str]:
    # RFC 2369 and RFC 8058: mail programs offer "unsubscribe" and POST to the link, no login.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def signup_url(meeting: Meeting, *, member: bool) -> str:
    """Members get the one-click page (their details filled in); others the form on the meeting page."""
    if member:
        return settings.SITE_URL + reverse("outreach:accept", kwargs={"code": meeting.code})
    return settings.SITE_URL + meeting.get_absolute_url() + "#tilmelding"


def meeting_context(meeting: Meeting, *, seats_left: int | None, programme: list | None = None) -> dict:
    return {
        **meeting_email_context(meeting=meeting, programme=programme),
        "network": meeting.network,
        "seats_left": seats_left,
        "show_online_link": False,
    }


@dataclass(frozen=True)
class Personal:
    name: str
    unsubscribe_url: str


class OutreachRenderer:
    """Renders ``template`` for one meeting, once per (language, named, member) and personalises copies."""

    def __init__(self, *, template: str, context: dict):
        self.template = template
        self.context = context
        self._cache: dict[tuple[str, bool, bool], RenderedEmail] = {}

    def render(self, *, language: str, member: bool, personal: Personal, **extra) -> RenderedEmail:
        key = (language, bool(personal.name), member, tuple(sorted(extra.items())))
        base = self._cache.get(key)
        if base is None:
            context = {
                **self.context,
                **extra,
                "recipient_name": NAME if personal.name else "",
                "signup_url": signup_url(self.context["meeting"], member=member),
                "unsubscribe_url": UNSUBSCRIBE,
            }
            base = self._cache[key] = email_render(template=self.template, context=context, language=language)
        return RenderedEmail(
            subject=base.subject.replace(NAME, personal.name),
            text=base.text.replace(NAME, personal.name).replace(UNSUBSCRIBE, personal.unsubscribe_url),
            html=base.html.replace(NAME, escape(personal.name)).replace(UNSUBSCRIBE, escape(personal.unsubscribe_url)),
        )


# --- previews in the email template list --------------------------------------------------------


def _demo_meeting_context() -> dict:
    from registration.emails import _demo_programme, _demo_registration

    meeting = _demo_registration().meeting
    meeting.purpose = "At dele erfaringer med aktive beboere og tage nye greb med hjem."
    meeting.capacity = 40
    return {
        **meeting_context(meeting, seats_left=12, programme=_demo_programme()),
        "network": {"name": "Lokalsamfund & medborgerskab"},
        "recipient_name": "Åse Ærø",
        "signup_url": settings.SITE_URL + "/moeder/26-101/tilmeld-mig/",
        "unsubscribe_url": settings.SITE_URL + "/invitationer/afmeld/forhaandsvisning/",
    }


def register_email_templates() -> None:
    from django.utils.translation import gettext_lazy

    from outbox.registry import email_template_register

    email_template_register(
        "outreach_invitation",
        description=gettext_lazy("Invitation to a network's meeting (members and subscribers)"),
        demo_context=_demo_meeting_context,
    )
    email_template_register(
        "outreach_nudge",
        description=gettext_lazy("Reminder before the registration deadline to those invited"),
        demo_context=_demo_meeting_context,
    )
    email_template_register(
        "outreach_subscribe_confirm",
        description=gettext_lazy("Confirm the subscription to a network's invitations"),
        demo_context=lambda: {
            "network": {"name": "Lokalsamfund & medborgerskab"},
            "confirm_url": settings.SITE_URL + "/invitationer/bekraeft/forhaandsvisning/",
        },
    )
