from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    STARTING = "starting", _("Starting up")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class OrganisationKind(models.TextChoices):
    HOUSING_ASSOCIATION = "housing_association", _("Housing association")
    MUNICIPALITY = "municipality", _("Municipality")
    ASSOCIATION = "association", _("Association")
    NGO = "ngo", _("NGO")
    CONSULTANCY = "consultancy", _("Consultancy")
    OTHER = "other", _("Other")
