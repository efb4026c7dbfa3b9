from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class RegistrationChannel(models.TextChoices):
    """How the registration reached the portal: the public form, or staff entering it for the person."""

    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    DOOR = "door", _("At the door")


class AuditAction(models.TextChoices):
    """What staff did to a registration (the registration desk's audit history)."""

    CREATED = "created", _("Registered by staff")
    MOVED_IN = "moved_in", _("Moved here from another meeting")
    MOVED_OUT = "moved_out", _("Moved to another meeting")
    CANCELLED = "cancelled", _("Cancelled by staff")
    CONFIRMED = "confirmed", _("Confirmed by staff")


class Outcome(models.TextChoices):
    """What a sign-up attempt led to (not stored)."""

    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    DUPLICATE = "duplicate", _("Already registered")


class Diet(models.TextChoices):
    VEGETARIAN = "vegetarian", _("Vegetarian")
    VEGAN = "vegan", _("Vegan")
    NO_PORK = "no_pork", _("No pork")
    HALAL = "halal", _("Halal")
    GLUTEN_FREE = "gluten_free", _("Gluten-free")
    LACTOSE_FREE = "lactose_free", _("Lactose-free")
    NUT_ALLERGY = "nut_allergy", _("Nut allergy")
    FISH_SHELLFISH_ALLERGY = "fish_allergy", _("Fish or shellfish allergy")


class ExportKind(models.TextChoices):
    """The lists the secretariat can download (one exporter class each)."""

    PARTICIPANTS = "participants", _("Participant list")
    SIGN_IN_SHEET = "sign_in_sheet", _("Sign-in sheet")
    BADGES = "badges", _("Name badges")
    CATERING = "catering", _("Catering summary")
    WORKSHOPS = "workshops", _("Workshop lists")
    WAITING_LIST = "waiting_list", _("Waiting list")
    NETWORK_REGISTRATIONS = "network_registrations", _("Registrations of a network")
    ATTENDANCE = "attendance", _("Attendance figures")
    FILL_RATE = "fill_rate", _("Fill rate of coming meetings")
    EVALUATION_SCORES = "evaluation_scores", _("Evaluation scores")
    INVOICE_BASIS = "invoice_basis", _("Invoice basis")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"
    # A participant list read through the API (api/), logged like a download.
    JSON = "json", "JSON"


class ParticipantScope(models.TextChoices):
    """Which registrations a participant list holds."""

    CONFIRMED = "confirmed", _("Confirmed participants")
    WAITING = "waiting", _("Waiting list")
    ACTIVE = "active", _("Confirmed and waiting list")
    ALL = "all", _("Everyone, also cancelled")


class PayerKind(models.TextChoices):
    """Who pays for a priced meeting."""

    ORGANISATION = "organisation", _("My organisation (EAN or CVR number)")
    PRIVATE = "private", _("I pay privately")
