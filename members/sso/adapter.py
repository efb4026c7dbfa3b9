"""The social account adapter (``SOCIALACCOUNT_ADAPTER``): what a single sign-on login may do.

- Providers come from the environment only (members/sso/config.py); rows someone adds in the
  admin are ignored, so no provider can appear without the operator's configuration.
- A login whose trusted email address belongs to an existing account is linked only after the
  owner confirms (members/sso/services.py). An address the provider does not vouch for goes
  allauth's way: no link, and no hint whether an account exists.
- A new account made by single sign-on is a member account: never staff, never superuser,
  whatever the provider says.
"""

from __future__ import annotations

import logging

from allauth.account.utils import filter_users_by_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.utils.translation import get_language

from .services import sso_link_start

log = logging.getLogger("members.sso")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        return [app for app in super().list_apps(request, provider=provider, client_id=client_id) if app.pk is None]

    def pre_social_login(self, request, sociallogin) -> None:
        # allauth treats every process but "connect" and "redirect" as a login; so does this check.
        if sociallogin.is_existing or sociallogin.state.get("process") in (AuthProcess.CONNECT, AuthProcess.REDIRECT):
            return
        for address in sociallogin.email_addresses:
            if not address.verified:
                continue
            users = filter_users_by_email(address.email, prefer_verified=True)
            if users:
                raise ImmediateHttpResponse(sso_link_start(request=request, sociallogin=sociallogin, user=users[0]))

    def save_user(self, request, sociallogin, form=None):
        user = sociallogin.user
        user.is_staff = False
        user.is_superuser = False
        user = super().save_user(request, sociallogin, form=form)
        from members.services import profile_get_or_create

        profile_get_or_create(user=user, language=get_language())
        log.info("sso signup provider=%s user=%s", sociallogin.account.provider, user.pk)
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        # The reason only (no claims, no addresses): "tenant not allowed", "nonce does not match", ...
        if exception is not None:
            reason = getattr(exception, "reason", None) or type(exception).__name__
        elif extra_context and "state_id" in extra_context:
            reason = "state unknown or used"
        else:
            reason = "provider answered with an error"
        log.warning("sso login refused provider=%s error=%s reason=%s", provider.sub_id, error, reason)
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )
