from django.db import models
from django.utils.translation import gettext_lazy as _


class Compliance(models.TextChoices):
    """How far the site meets WCAG 2.1 AA (the three statuses of the Danish statement)."""

    FULL = "full", _("Fully compliant")
    PARTIAL = "partial", _("Partially compliant")
    NONE = "none", _("Not compliant")


class GapReason(models.TextChoices):
    """Why content is not accessible (the three headings of the Danish statement)."""

    NONCOMPLIANCE = "noncompliance", _("Not compliant with the law")
    DISPROPORTIONATE = "disproportionate", _("Disproportionate burden")
    OUT_OF_SCOPE = "out_of_scope", _("Not within the scope of the law")
