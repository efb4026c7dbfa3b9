"""Personal data of the API: a staff member's tokens (see netvaerk.privacy)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from netvaerk.privacy import PersonalDataSource, iso

from .models import ApiToken


def api_export(*, email: str) -> list[dict]:
    """The person's tokens as the admin lists them (never the token, which is not stored)."""
    return [
        {
            "kind": "api_token",
            "name": token.name,
            "beginning": token.prefix,
            "scopes": token.scopes,
            "created_at": iso(value=token.created_at),
            "expires_at": iso(value=token.expires_at),
            "revoked_at": iso(value=token.revoked_at),
            "last_used_at": iso(value=token.last_used_at),
        }
        for token in ApiToken.objects.filter(user__email__iexact=email)
    ]


def api_erase(*, email: str) -> int:
    """The person's tokens go (and with them any use of them)."""
    deleted, _by_model = ApiToken.objects.filter(user__email__iexact=email).delete()
    return deleted


def api_retain(*, before: dt.datetime) -> int:
    """Tokens revoked or expired before the cutoff are of no use and go."""
    old = Q(revoked_at__lt=before) | Q(expires_at__lt=before)
    deleted, _by_model = ApiToken.objects.filter(old).delete()
    return deleted


SOURCES = [PersonalDataSource("api_tokens", api_export, api_erase, api_retain)]
