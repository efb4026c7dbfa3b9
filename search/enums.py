from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """What a search result is; the order of the choices is the order of the type filter."""

    NETWORK = "network", _("Network")
    MEETING = "meeting", _("Meeting")
    POST = "post", _("Blog post")
    OFFER = "offer", _("Theme day or course")
