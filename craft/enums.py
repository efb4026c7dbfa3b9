from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Proposed")
    PLANNED = "planned", _("On a programme")
    DECLINED = "declined", _("Set aside")


class Rating(models.IntegerChoices):
    POOR = 1, _("1 - Poor")
    FAIR = 2, _("2 - Fair")
    GOOD = 3, _("3 - Good")
    VERY_GOOD = 4, _("4 - Very good")
    EXCELLENT = 5, _("5 - Excellent")
