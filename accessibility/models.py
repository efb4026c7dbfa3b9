from django.contrib.sites.models import Site
from django.db import models
from django.utils.translation import gettext_lazy as _

from netvaerk.fields import VisibleCharField
from netvaerk.models import Organiser

from .enums import Compliance, GapReason


class Statement(models.Model):
    """The site's accessibility statement: one per site, edited by the secretariat."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="accessibility_statement", verbose_name=_("website")
    )
    compliance = models.CharField(
        _("compliance status"), max_length=20, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    manual_checks = models.TextField(
        _("manual checks"),
        blank=True,
        help_text=_(
            "How the site was checked by hand, shown under 'How we evaluated the portal' next to the "
            "automated tests (keyboard, screen reader, zoom, ...)."
        ),
    )
    prepared_on = models.DateField(_("prepared on"), help_text=_("When the statement was first made."))
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("Set it when you have gone through the statement; the secretariat is reminded 11 months later."),
    )
    contact_organiser = models.ForeignKey(
        Organiser,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Whose phone and email the statement gives (ACCESSIBILITY_CONTACT_EMAIL/PHONE override them)."),
    )
    review_reminder_sent_for = models.DateField(
        _("reminder sent for the review of"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The review date the last reminder was about: one reminder per review."),
    )

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def __str__(self):
        return str(_("Accessibility statement for %(site)s") % {"site": self.site.domain})


class Gap(models.Model):
    """Content that is not accessible, shown on the statement until it is fixed."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="gaps")
    title = VisibleCharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("What is not accessible, and for whom."))
    wcag_criterion = models.CharField(
        _("WCAG success criterion"), max_length=100, blank=True, help_text=_("e.g. 1.1.1 Non-text content")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=GapReason.choices, default=GapReason.NONCOMPLIANCE)
    alternative = models.TextField(
        _("alternative"), blank=True, help_text=_("How a person can get the content or the help another way.")
    )
    fix_planned_by = models.DateField(_("fix planned by"), null=True, blank=True)
    fixed_on = models.DateField(
        _("fixed on"), null=True, blank=True, help_text=_("A fixed gap is no longer shown on the statement.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("known gap")
        verbose_name_plural = _("known gaps")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title
