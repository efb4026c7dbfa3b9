"""django-allauth wiring: account emails go through members.mail, new users get a profile,
invisible characters never reach an address, and failed logins are counted so that a
stranger cannot lock the owner out.

Failed logins (see README, "Logins"): allauth's ``login_failed`` rate counts per IP
address and per *key*; its key is the address alone, so five wrong passwords from
anywhere used to lock the owner out. Here the key is the address *and* the network
origin of the attempt (IPv4 /24, IPv6 /64), so a stranger's failures lock only the
stranger's network. A second, higher limit per address across all origins
(``login_failed_address``, counted only when the password is wrong) keeps a
distributed brute force slow. Login by an emailed code and password reset have rate
limits of their own and keep working for the owner meanwhile; a password reset clears
both counters.
"""

from __future__ import annotations

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netvaerk.text import strip_format_characters

from .mail import send_member_email

# allauth action (in ACCOUNT_RATE_LIMITS) for the failed logins of one address from all origins.
ADDRESS_ACTION = "login_failed_address"
IPV4_ORIGIN_PREFIX = 24
IPV6_ORIGIN_PREFIX = 64


def login_address(credentials: dict) -> str:
    """The address a login names, as one key however it is typed (case, invisible characters, spaces)."""
    login = credentials.get("email") or credentials.get("username") or ""
    return strip_format_characters(str(login)).strip().casefold()


def network_origin(ip: str) -> str:
    """The network an address belongs to: its IPv4 /24 or IPv6 /64 (the IP itself if it is no address)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    prefix = IPV6_ORIGIN_PREFIX if address.version == 6 else IPV4_ORIGIN_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed logins with this address. Try again later, sign in with a code sent to your "
            "email, or reset your password."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        text = message.body if message.content_subtype == "plain" else ""
        if not text and message.content_subtype == "html":
            html = message.body
        send_member_email(kind=template_prefix, to=email, subject=message.subject, text=text, html=html)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from .services import profile_get_or_create

            profile_get_or_create(user=user, language=get_language())
        return user

    def clean_email(self, email: str) -> str:
        # Sign-up, adding an address, reset and login by code: the address as it is stored.
        return super().clean_email(strip_format_characters(email))

    # --- Failed logins -------------------------------------------------------------------------

    def _address_key(self, request, credentials: dict) -> str:
        return f"{get_current_site(request).domain}:{login_address(credentials)}"

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth's key for "login_failed .../key" (the override its maintainer points to for
        # this): the address together with the network origin of the attempt.
        origin = network_origin(self.get_client_ip(request))
        return f"{self._address_key(request, credentials)}:{origin}"

    def pre_authenticate(self, request, **credentials) -> None:
        # The address's cap across all origins first, so a refusal here consumes nothing else.
        if not ratelimit.consume(
            request, action=ADDRESS_ACTION, key=self._address_key(request, credentials), dry_run=True
        ):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        # Counted only for a wrong password: the owner's good logins never use up the cap.
        ratelimit.consume(request, action=ADDRESS_ACTION, key=self._address_key(request, credentials))

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # After a successful password reset: this origin's counter (allauth) and the address's cap.
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(request, action=ADDRESS_ACTION, key=self._address_key(request, credentials))
