"""Small hooks into Django and allauth; the rules themselves live in services."""

from urllib.parse import urlsplit

from django.conf import settings


def site_sync(**kwargs) -> None:
    """Name the site as the settings do: allauth's emails say "[site name]" and link to its domain."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": settings.SITE_NAME[:50]}
    )


def verify_email_on_password_reset(sender, request, user, **kwargs) -> None:
    """A completed password reset proves the address is the person's own.

    Members added by staff (admin or CSV import) have no password: they set
    one with "Forgot password?" and can then log in without a second email.
    """
    from .services import user_email_verify

    user_email_verify(user=user)
