"""Writes of the API: tokens (create, revoke, authenticate) and the logged read of a participant list."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from netvaerk import access
from registration import selectors as registration_selectors
from registration.exports.lists import ParticipantsExport
from registration.exports.services import export_log_create

from .enums import TokenScope
from .models import ApiToken

TOKEN_PREFIX = "nvp_"
# The columns of the participant list the API gives: the staff CSV's defaults, plus the sensitive ones
# for a token (and a person) with that right.
PARTICIPANT_COLUMNS = ("name", "organisation", "job_title", "email", "phone", "status", "workshop", "registered_at")
SENSITIVE_COLUMNS = ("diets", "diet_note", "accessibility_needs")


def token_hash(*, raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def may_hold_token(*, user) -> bool:
    """Active staff with the right to download participant lists (the staff CSV export's right)."""
    return bool(access.is_staff(user) and registration_selectors.EXPORT_PERMISSION in user.get_all_permissions())


def api_token_create(
    *, user, name: str, scopes: Sequence[str], expires_at: dt.datetime | None = None, by
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token itself, which is never stored or shown again."""
    if by is not None and by != user and not access.is_secretariat(by):
        raise PermissionDenied
    if not may_hold_token(user=user):
        raise ValidationError(_("Only staff who may download participant lists can hold an API token."))
    unknown = set(scopes) - set(TokenScope.values)
    if not scopes or unknown:
        raise ValidationError(_("Choose at least one of the rights listed."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The expiry must lie in the future."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=token_hash(raw=raw),
    )
    return token, raw


def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    if by is not None and token.user_id != by.pk and not access.is_secretariat(by):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The usable token for the raw value, or None (unknown, revoked, expired, or its owner lost the right)."""
    if not raw or len(raw) > 200 or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=token_hash(raw=raw)).first()
    if token is None or not may_hold_token(user=token.user):
        return None
    return token


def participants_read(*, token: ApiToken, meeting: Meeting, scope: str | None = None) -> list[dict[str, Any]]:
    """The meeting's participant list for the token's owner, logged like a download.

    Refuses (PermissionDenied) what the staff CSV export refuses the owner: the
    exporter asks the access policy. Sensitive columns only when both the
    token and its owner have that right.
    """
    if not token.has_scope(TokenScope.PARTICIPANTS):
        raise PermissionDenied
    user = token.user
    columns = list(PARTICIPANT_COLUMNS)
    if token.has_scope(TokenScope.SENSITIVE) and user.has_perm(registration_selectors.SENSITIVE_PERMISSION):
        columns += SENSITIVE_COLUMNS
    exporter = ParticipantsExport(user=user, meeting=meeting, columns=columns, scope=scope)
    export_log_create(exporter=exporter, fmt="json", parameters={"api_token": token.prefix})
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return [
        {
            column.key: column.value(row) if column.value else row[column.field or column.key]
            for column in exporter.columns
        }
        for row in exporter.objects()
    ]
