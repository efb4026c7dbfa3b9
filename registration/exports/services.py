"""Writes around exports: the export log and the remembered column choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import ExportLog, ExportPreference
from .base import Exporter


def export_log_create(*, exporter: Exporter, fmt: str, parameters: dict[str, Any] | None = None) -> ExportLog:
    """Record a download as it starts: who, what, which meeting or network, and how many rows.

    ``parameters`` adds to the exporter's own (the API names the token it was read with).
    """
    user = exporter.user
    return ExportLog.objects.create(
        user=user,
        user_email=getattr(user, "email", "") or "",
        kind=exporter.kind,
        format=fmt,
        meeting=exporter.meeting,
        network=exporter.network or (exporter.meeting.network if exporter.meeting is not None else None),
        row_count=exporter.count(),
        columns=[column.key for column in exporter.columns],
        sensitive=exporter.sensitive,
        parameters={**exporter.log_parameters(), **(parameters or {})},
    )


def export_preference_save(*, user, kind: str, columns: Sequence[str], options: dict[str, Any] | None = None) -> None:
    ExportPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"columns": list(columns), "options": options or {}}
    )
