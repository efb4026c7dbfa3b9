"""The reminder's preview for staff (netvaerk's email template registry)."""

import datetime as dt

from django.conf import settings
from django.contrib.sites.models import Site
from django.utils.translation import gettext_lazy

from outbox.registry import email_template_register

from .models import Statement


def _reminder_demo() -> dict:
    statement = Statement(
        site=Site(domain="netvaerk.example", name=settings.SITE_NAME),
        prepared_on=dt.date(2025, 3, 1),
        last_reviewed=dt.date(2025, 3, 1),
    )
    return {
        "statement": statement,
        "due": dt.date(2026, 2, 1),
        "first_name": "Sanne",
        "admin_url": settings.SITE_URL + "/admin/accessibility/statement/",
        "statement_url": settings.SITE_URL + "/tilgaengelighed/",
    }


def register_email_templates() -> None:
    email_template_register(
        "accessibility_review_reminder",
        description=gettext_lazy("Yearly reminder to the secretariat: review the accessibility statement"),
        demo_context=_reminder_demo,
    )
