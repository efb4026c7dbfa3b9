"""Venues, the yearly meeting code sequence and the meeting itself."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import Network, Organisation, Organiser, TargetGroup, TimeStampedModel

from ..enums import AllocationState, MeetingFormat, MeetingKind, MeetingStatus, WorkshopAllocation


class Venue(TimeStampedModel):
    name = VisibleCharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    directions = models.TextField(_("directions"), blank=True, help_text=_("Parking, public transport, entrance."))
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Step-free access, lift, hearing loop, toilets.")
    )
    room_capacity = models.PositiveIntegerField(_("room capacity"), null=True, blank=True)
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venues",
    )
    is_online = models.BooleanField(
        _("online venue"), default=False, help_text=_("For example Teams or Zoom; no address.")
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self):
        if self.city:
            return f"{self.name}, {self.city}"
        return self.name

    @property
    def postal_city(self):
        return " ".join(part for part in (self.postal_code, self.city) if part)

    @property
    def one_line_address(self):
        return ", ".join(part for part in (self.name, self.address, self.postal_city) if part)


class MeetingCodeSequence(models.Model):
    """Last meeting number used per year; locked when a code is assigned."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("meeting code sequence")
        verbose_name_plural = _("meeting code sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Published or cancelled meetings that stand alone or belong to a public network."""
        return self.filter(status__in=[MeetingStatus.PUBLISHED, MeetingStatus.CANCELLED]).exclude(
            network__is_public=False
        )

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Meeting(TimeStampedModel):
    """A network meeting, theme day, workshop evening, conference or webinar."""

    code = models.CharField(
        _("meeting code"),
        max_length=12,
        unique=True,
        blank=True,
        help_text=_("Assigned automatically as YY-NNN, e.g. 21-374."),
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Leave empty for a stand-alone meeting such as a theme day."),
    )
    organiser = models.ForeignKey(
        Organiser,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("The secretariat whose contact details are shown."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible consultant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_meetings",
        limit_choices_to={"is_staff": True},
        help_text=_(
            "The consultant who answers for the meeting. A meeting without a network belongs to this "
            "consultant (and the secretariat); a network's meetings belong to the network's coordinator "
            "and working group."
        ),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices, default=MeetingKind.NETWORK_MEETING)
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    title = models.CharField(_("title"), max_length=200)
    teaser = models.TextField(
        _("teaser"), blank=True, help_text=_("A short introduction shown at the top and in lists.")
    )
    description = models.TextField(_("description"), blank=True)
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("The why: what is the most important thing to come out of the meeting?")
    )
    expected_output = models.CharField(
        _("expected output"),
        max_length=300,
        blank=True,
        help_text=_("For example an idea catalogue, a summary or a folder."),
    )
    participant_roles = models.TextField(
        _("participants' roles"),
        blank=True,
        help_text=_(
            "How the participants take part, e.g. who brings a case, who chairs a table, who takes notes. "
            "Group work, a workshop or a case in the programme also gives them a role."
        ),
    )
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    target_group_note = models.CharField(
        _("target group in words"), max_length=300, blank=True, help_text=_("Who the meeting is for, in one sentence.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    host_activity = models.CharField(
        _("host's local activity"), max_length=300, blank=True, help_text=_("For example a guided tour of the area.")
    )
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Shown only to confirmed participants."))
    price = models.DecimalField(
        _("price (DKK)"), max_digits=8, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    cancellation_terms = models.TextField(
        _("cancellation terms"),
        blank=True,
        help_text=_(
            "Shown on the meeting page of a priced meeting and when a participant cancels, "
            "e.g. 'Free cancellation until 14 days before; after that the full price is charged.'"
        ),
    )
    free_cancellation_days = models.PositiveSmallIntegerField(
        _("free cancellation until (days before)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
        help_text=_("Cancelling is free until this many days before the start. Empty: not stated."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty means open as soon as it is published.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"))
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty means no limit."))
    waiting_list_enabled = models.BooleanField(_("waiting list"), default=True)
    show_seats_left = models.BooleanField(_("show seats left"), default=False)
    max_colleagues = models.PositiveSmallIntegerField(
        _("colleagues per sign-up"),
        default=5,
        validators=[MaxValueValidator(200)],
        help_text=_("How many colleagues one person may sign up together with themselves. 0 turns it off."),
    )
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT)
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    contact_name = VisibleCharField(_("contact name"), max_length=200, blank=True)
    contact_email = VisibleEmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    workshop_allocation = models.CharField(
        _("workshop allocation"),
        max_length=20,
        choices=WorkshopAllocation.choices,
        default=WorkshopAllocation.FIRST_COME,
        help_text=_(
            "First come: participants get their 1st priority if there is room, else their 2nd. "
            "After the deadline: staff run a fair allocation, review it and make it final."
        ),
    )
    workshop_allocation_state = models.CharField(
        _("workshop allocation state"), max_length=20, choices=AllocationState.choices, default=AllocationState.OPEN
    )
    reminder_enabled = models.BooleanField(_("send reminder"), default=True)
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder days before"), default=2, validators=[MaxValueValidator(60)]
    )
    # The deadline nudge to those invited who have not signed up (sent by the outreach app).
    nudge_enabled = models.BooleanField(
        _("nudge before the deadline"),
        default=True,
        help_text=_("Remind those invited who have not signed up yet, while there are seats or a waiting list."),
    )
    nudge_days_before = models.PositiveSmallIntegerField(
        _("nudge days before the deadline"), default=3, validators=[MaxValueValidator(60)]
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        verbose_name=_("earlier version of a meeting"),
        verbose_name_plural=_("earlier versions of meetings"),
    )
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("starts_at")), name="meeting_deadline_not_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_opens_at__lt=F("registration_deadline")),
                name="meeting_opens_before_deadline",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="meeting_price_not_negative"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0), name="meeting_capacity_not_negative"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at) if self.starts_at else None
        date = local.strftime("%d.%m.%Y") if local else ""
        return f"{self.code} {self.title} ({date})".strip()

    def get_absolute_url(self):
        return reverse("public:meeting_detail", kwargs={"code": self.code})

    def save(self, *args, **kwargs):
        if not self.code:
            from ..services import meeting_assign_code

            meeting_assign_code(meeting=self)
        super().save(*args, **kwargs)

    @property
    def is_online(self):
        return self.format == MeetingFormat.ONLINE

    @property
    def is_public(self):
        return self.status in (MeetingStatus.PUBLISHED, MeetingStatus.CANCELLED)

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def duration(self) -> dt.timedelta:
        return self.ends_at - self.starts_at

    @property
    def is_single_day(self):
        return self.local_start.date() == self.local_end.date()

    def contact(self):
        """Contact shown on the page: the meeting's own, else the network's, else the organiser's."""
        network = self.network
        name = self.contact_name or (network.contact_name if network else "")
        email = self.contact_email or (network.contact_email if network else "") or self.organiser.email
        phone = self.contact_phone or (network.contact_phone if network else "") or self.organiser.phone
        return {"name": name, "email": email, "phone": phone}
