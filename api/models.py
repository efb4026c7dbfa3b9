"""API tokens: a secret shown once, kept only as its SHA-256 hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import TokenScope


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A key to the API's staff part, carrying the rights of the person it belongs to.

    The token itself is shown once when it is created; the database keeps its
    SHA-256 hash (a random 256-bit secret needs no slow hash) and its first
    characters, so the person can recognise it in the list.
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is used for, e.g. the municipality's intranet.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("belongs to"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_("The token reads only what this person may read, and only while they may."),
    )
    prefix = models.CharField(_("beginning of the token"), max_length=16, editable=False)
    key_hash = models.CharField(_("hash of the token"), max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("rights"), default=list, help_text=_("What the token may read."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, help_text=_("Empty means no expiry."))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: TokenScope | str) -> bool:
        return str(scope) in self.scopes

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
