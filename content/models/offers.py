"""The catalogue of offers: providers, offers and requests for an offer."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting
from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import Organisation, Organiser, TimeStampedModel

from .. import markup
from ..enums import OfferFormat, OfferKind, OfferRequestStatus, OfferStatus
from ..markup import TEXT_FORMAT_HELP


class ProviderManager(models.Manager):
    """A provider is named by its organisation (``__str__``): every list of providers (the offer
    admin's filter and autocomplete, the offer form's choice) reads the organisation in the same
    query, not one per provider (README "Data scale")."""

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class Provider(TimeStampedModel):
    """Who runs an offer: an organisation with a short presentation and a contact who answers requests."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="offer_provider"
    )
    presentation = models.TextField(_("presentation"), blank=True, help_text=TEXT_FORMAT_HELP)
    contact_name = VisibleCharField(_("contact name"), max_length=200, blank=True)
    email = VisibleEmailField(_("email"), help_text=_("Requests for the provider's offers are sent here."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ProviderManager()

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["organisation__name"]

    def __str__(self):
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def presentation_html(self):
        return markup.render(self.presentation, heading_offset=1)


class OfferQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=OfferStatus.PUBLISHED)


class Offer(TimeStampedModel):
    """A theme day or course that an organisation can book; it has a page, a PDF and a request form."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The offer's address: /tilbud/<slug>/.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices, default=OfferKind.THEME_DAY)
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    teaser = models.CharField(_("teaser"), max_length=300, help_text=_("One or two sentences shown in the catalogue."))
    audience = models.CharField(
        _("who it is for"), max_length=300, help_text=_("E.g. 'municipal management teams and staff groups'.")
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=TEXT_FORMAT_HELP)
    points_heading = models.CharField(
        _("heading of the points"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'On the day we focus on'. Empty: 'What the day covers'."),
    )
    points = models.TextField(_("points"), blank=True, help_text=_("What the day covers, one point per line."))
    description = models.TextField(_("more about the day"), blank=True, help_text=TEXT_FORMAT_HELP)
    formats = models.JSONField(
        _("formats"), default=list, blank=True, help_text=_("The formats a customer can choose between.")
    )
    format_note = models.CharField(
        _("about the format"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'The day is designed with the customer to fit their wishes and needs.'"),
    )
    price_note = models.CharField(
        _("price"),
        max_length=300,
        help_text=_("How the price is set, e.g. 'The price is agreed from the number of participants and the design.'"),
    )
    provider = models.ForeignKey(Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="offers")
    organiser = models.ForeignKey(
        Organiser,
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        related_name="offers",
        help_text=_("The secretariat that follows up requests; it gets an email about each one."),
    )
    status = models.CharField(_("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["order", "title"]
        constraints = [models.CheckConstraint(condition=Q(status__in=OfferStatus.values), name="offer_status_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:offer_detail", kwargs={"slug": self.slug})

    def clean(self):
        unknown = [value for value in self.formats or [] if value not in OfferFormat.values]
        if unknown:
            raise ValidationError({"formats": _("Unknown format: %(value)s") % {"value": ", ".join(unknown)}})

    @property
    def is_public(self) -> bool:
        return self.status == OfferStatus.PUBLISHED

    @property
    def format_labels(self) -> list[str]:
        labels = dict(OfferFormat.choices)
        return [str(labels[value]) for value in OfferFormat.values if value in (self.formats or [])]

    @property
    def point_list(self) -> list[str]:
        return markup.lines(self.points)

    def introduction_html(self):
        return markup.render(self.introduction, heading_offset=1)

    def description_html(self):
        return markup.render(self.description, heading_offset=1)


class OfferRequest(TimeStampedModel):
    """An organisation asks for an offer; staff follow it through dialogue to a meeting or a no."""

    offer = models.ForeignKey(Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="requests")
    organisation_name = VisibleCharField(_("organisation"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("customer organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offer_requests",
        help_text=_("The organisation in the register; the host of the meeting. Empty: found or created by name."),
    )
    contact_name = VisibleCharField(_("contact person"), max_length=200)
    email = VisibleEmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    format = models.CharField(_("preferred format"), max_length=20, choices=OfferFormat.choices, blank=True)
    period = models.CharField(_("preferred period"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(
        _("expected participants"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    wishes = models.TextField(_("wishes"), max_length=3000, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="da")
    status = models.CharField(
        _("status"), max_length=20, choices=OfferRequestStatus.choices, default=OfferRequestStatus.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    staff_note = models.TextField(_("internal note"), blank=True, help_text=_("Only staff see it."))
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offer_request",
        help_text=_("The draft theme day made from the agreed request."),
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        verbose_name=_("earlier version of a request for an offer"),
        verbose_name_plural=_("earlier versions of requests for offers"),
    )

    class Meta:
        verbose_name = _("request for an offer")
        verbose_name_plural = _("requests for offers")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=OfferRequestStatus.values), name="offerrequest_status_valid"),
            models.CheckConstraint(condition=Q(participants__gte=1), name="offerrequest_participants_positive"),
        ]

    def __str__(self):
        return f"{self.organisation_name}: {self.offer}"
