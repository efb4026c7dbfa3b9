"""Reads of the statement shared by its page, its admin and the reminder."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch

from .models import Gap, Statement


def statement_current() -> Statement | None:
    """This site's statement with its open gaps (``open_gaps``, in order) and contact organiser."""
    return (
        Statement.objects.filter(site_id=settings.SITE_ID)
        .select_related("site", "contact_organiser")
        .prefetch_related(Prefetch("gaps", queryset=Gap.objects.filter(fixed_on__isnull=True), to_attr="open_gaps"))
        .first()
    )


def statement_contact(*, statement: Statement | None) -> dict[str, str]:
    """Phone and written contact: the settings when set, else the statement's organiser."""
    organiser = statement.contact_organiser if statement else None
    return {
        "name": organiser.name if organiser else settings.SITE_NAME,
        "email": settings.ACCESSIBILITY_CONTACT_EMAIL or (organiser.email if organiser else ""),
        "phone": settings.ACCESSIBILITY_CONTACT_PHONE or (organiser.phone if organiser else ""),
    }
