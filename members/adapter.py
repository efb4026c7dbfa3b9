"""django-allauth wiring: account emails go through members.mail, new users get a profile."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language

from .mail import send_member_email


class AccountAdapter(DefaultAccountAdapter):
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
