from django.db import models
from django.utils.translation import gettext_lazy as _


def choice_label(choices: type[models.Choices], value) -> str:
    """The label of ``value`` among ``choices`` in the active language, or the value itself when it is
    none of them. Not ``get_FOO_display()``: that hashes the field's whole list of lazy choices on every
    call (0.5 ms each: most of an API page of 20 meetings, or of a desk page of 50 registrations)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


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
