from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    """What an API token may read; the person behind it must hold the same right."""

    PARTICIPANTS = "participants:read", _("Read participant lists")
    SENSITIVE = "participants:sensitive", _("Include dietary requirements and accessibility needs")
