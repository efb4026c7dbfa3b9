"""Linking a single sign-on login to an existing account, after its owner confirms who they are.

A login through a provider whose (trusted) email address belongs to an existing account is
never connected by the address alone: the login waits in the session (``sso_link_start``)
until the person gives the account's password or a code sent to the account's address
(``sso_link_confirm_password`` / ``sso_link_code_send`` + ``sso_link_confirm_code``). Then
``sso_link_complete`` connects it and finishes the login through allauth, so the account's
two-factor authentication and every other login step still apply.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import ratelimit
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

log = logging.getLogger("members.sso")

SESSION_KEY = "members_sso_link"
# How long a login waits for its owner's confirmation.
PENDING_SECONDS = 15 * 60
CODE_SALT = "members.sso.link-code"
# allauth rate limit (ACCOUNT_RATE_LIMITS) for sending link codes.
CODE_ACTION = "sso_link_code"


@dataclass(frozen=True)
class PendingLink:
    sociallogin: SocialLogin
    user: object
    provider_name: str
    code_sent: bool


def _code_hash(code: str) -> str:
    normalized = "".join(code.split()).upper().replace("-", "")
    return salted_hmac(CODE_SALT, normalized).hexdigest()


def sso_link_start(*, request: HttpRequest, sociallogin: SocialLogin, user) -> HttpResponse:
    """Keep the provider's login in the session and ask the owner of ``user`` to confirm."""
    sociallogin.token = None  # access tokens are not kept (SOCIALACCOUNT_STORE_TOKENS is off)
    request.session[SESSION_KEY] = {
        "sociallogin": sociallogin.serialize(),
        "user_id": user.pk,
        "provider_name": sociallogin.provider.name,
        "started_at": timezone.now().isoformat(),
    }
    log.info("sso link pending provider=%s user=%s", sociallogin.account.provider, user.pk)
    return redirect("members:sso_link")


def sso_link_pending(*, request: HttpRequest) -> PendingLink | None:
    """The login waiting for confirmation in this session, if any and still fresh."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    started_at = datetime.fromisoformat(data["started_at"])
    if timezone.now() - started_at > timedelta(seconds=PENDING_SECONDS):
        sso_link_cancel(request=request)
        return None
    user = get_user_model().objects.filter(pk=data["user_id"]).first()
    try:
        sociallogin = SocialLogin.deserialize(data["sociallogin"])
    except (ValueError, KeyError, LookupError, ObjectDoesNotExist, ImproperlyConfigured):
        sociallogin = None  # the provider is no longer configured
    if user is None or sociallogin is None:
        sso_link_cancel(request=request)
        return None
    return PendingLink(
        sociallogin=sociallogin,
        user=user,
        provider_name=data["provider_name"],
        code_sent=bool(data.get("code_hash")),
    )


def sso_link_cancel(*, request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def sso_link_confirm_password(*, request: HttpRequest, pending: PendingLink, password: str) -> bool:
    """True when ``password`` is the account's. Failed tries count like failed logins (and are
    limited like them: ValidationError with the person's message)."""
    # Through allauth's adapter: the failed-login limits of members/adapter.py apply.
    user = get_account_adapter(request).authenticate(request, email=pending.user.email, password=password)
    return user is not None and user.pk == pending.user.pk


def sso_link_code_send(*, request: HttpRequest, pending: PendingLink) -> None:
    """Email a one-time code to the account's address (ValidationError when sent too often)."""
    email = pending.user.email
    if not ratelimit.consume(request, action=CODE_ACTION, key=email.casefold()):
        raise ValidationError(_("Too many codes have been sent. Wait a little, then try again."))
    adapter = get_account_adapter(request)
    code = adapter.generate_login_code()
    data = request.session[SESSION_KEY]
    data.update(code_hash=_code_hash(code), code_sent_at=timezone.now().isoformat(), code_attempts=0)
    request.session[SESSION_KEY] = data
    adapter.send_mail(
        "account/email/sso_link_code",
        email,
        {"code": code, "user": pending.user, "provider_name": pending.provider_name},
    )


def sso_link_confirm_code(*, request: HttpRequest, pending: PendingLink, code: str) -> bool:
    """True when ``code`` is the one sent, within its time and number of tries (the account's
    address is then verified); a code that has run out is forgotten (a new one must be sent)."""
    data = request.session.get(SESSION_KEY) or {}
    expected = data.get("code_hash")
    if not expected:
        return False
    sent_at = datetime.fromisoformat(data["code_sent_at"])
    attempts = data.get("code_attempts", 0) + 1
    expired = timezone.now() - sent_at > timedelta(seconds=account_settings.LOGIN_BY_CODE_TIMEOUT)
    right = not expired and hmac.compare_digest(_code_hash(code), expected)
    if right or expired or attempts >= account_settings.LOGIN_BY_CODE_MAX_ATTEMPTS:
        for key in ("code_hash", "code_sent_at", "code_attempts"):
            data.pop(key, None)
    else:
        data["code_attempts"] = attempts
    request.session[SESSION_KEY] = data
    if right:
        from members.services import user_email_verify

        # The code reached the account's address: it is the person's own (as after a password reset).
        user_email_verify(user=pending.user)
    return right


def sso_link_complete(*, request: HttpRequest, pending: PendingLink) -> HttpResponse:
    """Connect the confirmed login to the account and log in through allauth's login steps."""
    data = request.session.pop(SESSION_KEY)
    sociallogin = pending.sociallogin
    try:
        with transaction.atomic():
            sociallogin.connect(request, pending.user)
    except IntegrityError:
        # Confirmed twice at once (two tabs): fine if it is linked to this very account.
        account = sociallogin.account
        if not SocialAccount.objects.filter(provider=account.provider, uid=account.uid, user=pending.user).exists():
            raise
    log.info("sso link confirmed provider=%s user=%s", sociallogin.account.provider, pending.user.pk)
    # A fresh copy goes the way of every returning login (lookup, MFA, redirect).
    return complete_social_login(request, SocialLogin.deserialize(data["sociallogin"]))
