"""Registrations, who pays for them, and the desk's audit trail."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, Upper
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Workshop
from netvaerk.db_indexes import contains_index
from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import TimeStampedModel

from ..enums import AuditAction, Diet, PayerKind, RegistrationChannel, RegistrationStatus


def new_token() -> str:
    # 32 random bytes: the personal link cannot be guessed or enumerated.
    return secrets.token_urlsafe(32)


# The check-in code's letters: digits and capitals without 0/O and 1/I, so a code read aloud or typed
# from a badge cannot be mistaken, and the QR code can use its compact alphanumeric mode.
CHECK_IN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CHECK_IN_CODE_LENGTH = 10


def new_check_in_code() -> str:
    # 32**10 (about 10**15) codes: random, so they tell nothing of the person or the meeting and cannot
    # be guessed from another participant's code; unique in the database (a clash is ~1 in 10**9 per row).
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        # First come, first served: the order in which people joined the list.
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "id")


class Registration(TimeStampedModel):
    """One person's sign-up for one meeting."""

    token = models.CharField(_("personal link key"), max_length=64, unique=True, default=new_token, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    name = VisibleCharField(_("name"), max_length=200)
    email = VisibleEmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = VisibleCharField(_("organisation"), max_length=200, blank=True)
    job_title = VisibleCharField(_("job title"), max_length=200, blank=True)
    workshop_first = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop, 1st priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    workshop_second = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop, 2nd priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("assigned workshop"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    diets = models.JSONField(_("dietary requirements"), default=list, blank=True)
    diet_note = models.CharField(_("other dietary requirements"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    sensitive_consent_at = models.DateTimeField(
        _("consent to store dietary and accessibility details"), null=True, blank=True
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="da")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    check_in_code = models.CharField(
        _("check-in code"),
        max_length=CHECK_IN_CODE_LENGTH,
        # Empty only for registrations of meetings long past when the codes came (migration 0007).
        null=True,
        blank=True,
        unique=True,
        default=new_check_in_code,
        editable=False,
        help_text=_("Shown as a QR code in the confirmation, on the personal page and on the name badge."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=10,
        choices=RegistrationChannel.choices,
        default=RegistrationChannel.WEB,
        help_text=_("The public form, or staff who entered the registration for someone who phoned, wrote or came."),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        permissions = [
            ("export_participants", _("Can download participant lists")),
            ("export_sensitive", _("Can download dietary requirements and accessibility needs")),
            ("view_all_meetings", _("Can see the lists of every meeting, not only their own networks'")),
        ]
        indexes = [
            models.Index(fields=["meeting", "status"]),
            # Ten years, 300,000 rows (netvaerk/db_indexes.py, README "Data scale"): the admin's default
            # order, and its contains-search on the registration's own fields.
            models.Index(fields=["created_at", "id"], name="registration_created_id"),
            # A meeting's registrations in that order (the meeting row's "registrations" link): the largest
            # meeting's 20,000 are otherwise looked for by walking every registration in date order.
            models.Index(fields=["meeting", "created_at", "id"], name="registration_meeting_created"),
            # The channel filter's phone, email and door (the desk's few among the web form's many),
            # in the same order: a scan of the whole order index when none or few are there.
            models.Index(
                fields=["created_at", "id"],
                name="registration_desk_created",
                condition=~Q(channel=RegistrationChannel.WEB),
            ),
            contains_index("name", name="registration_name_trgm"),
            contains_index("email", name="registration_email_trgm"),
            contains_index("organisation", name="registration_organisation_trgm"),
            contains_index("job_title", name="registration_job_title_trgm"),
            # A person's registrations by address (``email__iexact``: my pages, the data export and erasure).
            # The trigram index above answers an equality too, but reads every registration that shares
            # its trigrams (40-50 ms for a common domain); a btree on the same UPPER() finds them at once.
            models.Index(Upper("email"), name="registration_email_upper"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "meeting",
                # A walk-in at the door may have no address: those are not one person.
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(email=""),
                name="registration_one_active_per_email",
                violation_error_message=_("This email address is already registered for the meeting."),
            ),
            models.CheckConstraint(
                condition=Q(workshop_first__isnull=True)
                | Q(workshop_second__isnull=True)
                | ~Q(workshop_first=F("workshop_second")),
                name="registration_priorities_differ",
            ),
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"),
            models.CheckConstraint(
                condition=Q(sensitive_consent_at__isnull=False)
                | (Q(diets=[]) & Q(diet_note="") & Q(accessibility_needs="")),
                name="registration_sensitive_needs_consent",
            ),
        ]

    def __str__(self):
        return f"{self.name} - {self.meeting.code}"

    @property
    def is_active(self):
        return self.status != RegistrationStatus.CANCELLED

    def diet_labels(self):
        labels = dict(Diet.choices)
        return [str(labels.get(code, code)) for code in self.diets]


class InvoiceDetails(TimeStampedModel):
    """Who pays for a registration for a priced meeting (asked on the sign-up form when the price is above 0).

    An organisation pays by EAN number (Danish public bodies) or CVR number; a
    private payer gives a name and an address. The numbers are stored as digits
    only (registration/invoicing.py normalises and checks them).
    """

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="invoice_details"
    )
    payer = models.CharField(_("payer"), max_length=20, choices=PayerKind.choices)
    organisation_name = VisibleCharField(
        _("paying organisation"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the organisation of the registration."),
    )
    ean = models.CharField(_("EAN number"), max_length=13, blank=True)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    reference = models.CharField(_("requisition or order number"), max_length=100, blank=True)
    contact_person = VisibleCharField(_("contact person"), max_length=200, blank=True)
    private_name = VisibleCharField(_("name of the payer"), max_length=200, blank=True)
    street = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("invoice details")
        verbose_name_plural = _("invoice details")
        constraints = [
            models.CheckConstraint(condition=Q(payer__in=PayerKind.values), name="invoice_payer_valid"),
            models.CheckConstraint(condition=Q(ean="") | Q(ean__regex=r"^[0-9]{13}$"), name="invoice_ean_13_digits"),
            models.CheckConstraint(condition=Q(cvr="") | Q(cvr__regex=r"^[0-9]{8}$"), name="invoice_cvr_8_digits"),
            # An organisation pays by EAN or CVR (anonymising keeps them: they name an organisation, not a person).
            models.CheckConstraint(
                condition=~Q(payer=PayerKind.ORGANISATION) | ~Q(ean="") | ~Q(cvr=""),
                name="invoice_organisation_has_ean_or_cvr",
            ),
        ]

    def __str__(self):
        return f"{self.get_payer_display()}: {self.payer_name()}"

    def payer_name(self) -> str:
        if self.payer == PayerKind.PRIVATE:
            return self.private_name
        return self.organisation_name or self.registration.organisation

    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postal_code} {self.city}".strip()) if part)


class RegistrationAudit(models.Model):
    """What staff did to a registration at the desk: who, by which channel, and which rule they overrode."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="audit_entries"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_email = VisibleEmailField(_("by (email)"), blank=True, help_text=_("Kept when the account is deleted."))
    channel = models.CharField(_("channel"), max_length=10, choices=RegistrationChannel.choices)
    override_capacity_reason = models.CharField(
        _("reason for going above capacity"),
        max_length=500,
        blank=True,
        help_text=_("Empty when the capacity was not overridden."),
    )
    override_deadline_reason = models.CharField(
        _("reason for registering after the deadline"),
        max_length=500,
        blank=True,
        help_text=_("Empty when the deadline was not overridden."),
    )
    emails_sent = models.BooleanField(_("person emailed"), default=True)
    other_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("other meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a move: the meeting the registration came from or went to."),
    )

    class Meta:
        verbose_name = _("registration desk entry")
        verbose_name_plural = _("registration desk history")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(action__in=AuditAction.values), name="registration_audit_action_valid")
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.get_channel_display()})"
