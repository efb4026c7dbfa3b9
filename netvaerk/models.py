"""The core's data: who runs the networks, the networks, and the words they are tagged with.

Two names that look alike mean different things:

- ``Organiser`` (arrangør) is the *secretariat* that runs networks and meetings – one or a few per
  site (e.g. Boligsocialnet). It is named as the contact on meeting pages, in emails and in the
  accessibility statement, and it is who decides which other websites may embed its meetings.
- ``Organisation`` (organisation) is a *workplace* people come from: a housing association, a
  municipality, an NGO. Members and participants name it, and a meeting may be hosted at one.

So a meeting is *organised by* an Organiser and *hosted by* an Organisation, and a participant
*comes from* an Organisation.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .db_indexes import contains_index
from .embed import validate_embed_origins
from .enums import EmailStatus, NetworkStatus, OrganisationKind
from .fields import VisibleCharField, VisibleEmailField


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Organiser(TimeStampedModel):
    """The secretariat that runs networks and meetings (e.g. Boligsocialnet)."""

    name = VisibleCharField(_("name"), max_length=200, unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = VisibleEmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    embed_origins = models.TextField(
        _("websites that may embed the meeting lists"),
        blank=True,
        validators=[validate_embed_origins],
        help_text=_(
            "One address a line, e.g. https://www.albertslund.dk (https, no path). Only these websites may show "
            "the organiser's meeting lists in a frame; with none, no website may."
        ),
    )

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(TimeStampedModel):
    """An organisation that members work for and that can host meetings.

    Lives in the core app (not in members) because meetings name their host
    organisation and meetings must not depend on the members app.
    """

    name = VisibleCharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "municipality"], name="organisation_unique_name")]

    def __str__(self):
        if self.municipality and self.municipality not in self.name:
            return f"{self.name} ({self.municipality})"
        return self.name


class _NamedTag(models.Model):
    name = VisibleCharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkArea(_NamedTag):
    class Meta(_NamedTag.Meta):
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")


class TargetGroup(_NamedTag):
    class Meta(_NamedTag.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Theme(_NamedTag):
    class Meta(_NamedTag.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class NetworkQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=NetworkStatus.CLOSED).filter(is_public=True)


class Network(TimeStampedModel):
    """A professional network with its own members and meetings."""

    name = VisibleCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    teaser = models.CharField(_("teaser"), max_length=300, blank=True, help_text=_("One sentence shown in lists."))
    description = models.TextField(_("content and topics"), blank=True, help_text=_("What the network works with."))
    form = models.TextField(
        _("form"), blank=True, help_text=_("How the meetings run: talks, exchange of experience, hosts.")
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.SET_NULL, null=True, blank=True, related_name="networks"
    )
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    target_group_note = models.CharField(
        _("target group note"), max_length=300, blank=True, help_text=_("Free text shown next to the target groups.")
    )
    work_areas = models.ManyToManyField(WorkArea, verbose_name=_("work areas"), blank=True)
    work_area_note = models.CharField(
        _("work area note"), max_length=500, blank=True, help_text=_("Free text shown next to the work areas.")
    )
    virtual_meetings_per_year = models.PositiveSmallIntegerField(_("virtual meetings per year"), default=0)
    physical_meetings_per_year = models.PositiveSmallIntegerField(_("physical meetings per year"), default=0)
    cadence_note = models.CharField(_("cadence note"), max_length=300, blank=True)
    is_free = models.BooleanField(_("free to take part"), default=True)
    price_note = models.CharField(_("price note"), max_length=300, blank=True)
    organiser = models.ForeignKey(
        Organiser, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="networks"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_networks",
        help_text=_("The consultant who coordinates the network."),
    )
    working_group = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("working group"),
        blank=True,
        related_name="working_group_networks",
        help_text=_("1-2 members and the consultant who plan the meetings."),
    )
    contact_name = VisibleCharField(_("contact name"), max_length=200, blank=True)
    contact_email = VisibleEmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    join_info = models.TextField(_("how to join"), blank=True, help_text=_("Shown on the network page under 'Join'."))
    status = models.CharField(_("status"), max_length=20, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE)
    is_public = models.BooleanField(_("shown on the public site"), default=True)
    # Terms of reference ("kommissorium"): what the network is, answers for and does.
    terms_composition = models.TextField(
        _("terms of reference: composition"),
        blank=True,
        help_text=_("Who the members are, and whom the network may invite to a theme discussion."),
    )
    terms_responsibility = models.TextField(
        _("terms of reference: responsibility"),
        blank=True,
        help_text=_(
            "What the network answers for: advising, developing, coordinating; whom it makes recommendations to."
        ),
    )
    terms_tasks = models.TextField(
        _("terms of reference: tasks"), blank=True, help_text=_("The network's tasks, one per line.")
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(virtual_meetings_per_year__lte=52) & Q(physical_meetings_per_year__lte=52),
                name="network_cadence_sane",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:network_detail", kwargs={"slug": self.slug})

    @property
    def meetings_per_year(self):
        return self.virtual_meetings_per_year + self.physical_meetings_per_year

    @property
    def has_terms(self):
        return bool(self.terms_composition or self.terms_responsibility or self.terms_tasks)

    @property
    def terms_task_list(self):
        return [line.strip(" •-*\t") for line in self.terms_tasks.splitlines() if line.strip(" •-*\t")]


def new_message_id() -> str:
    """A globally unique Message-ID, fixed when the email is queued.

    The same id goes out with every attempt, so a mail program that receives
    the rare duplicate (a worker killed between delivery and bookkeeping)
    can recognise it.
    """
    return f"<{uuid.uuid4().hex}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


class OutgoingEmail(TimeStampedModel):
    """One email in the outbox: rendered once when queued, then sent by a worker.

    The row is the source of truth, not the Celery message: a task only
    carries the id, sends only while the row is queued, and the sweeper
    re-enqueues rows that a lost task left behind.
    """

    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        help_text=_("Names the reason for the email, e.g. confirmation:42; the same key is never sent twice."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True, default=new_message_id, editable=False)
    recipient = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    template = models.CharField(_("template"), max_length=100, help_text=_("Name under templates/emails/."))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=998)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("List of {filename, content_type, content (base64)}."),
    )
    headers = models.JSONField(
        _("extra headers"),
        default=dict,
        blank=True,
        help_text=_("Message headers beyond the usual ones, e.g. List-Unsubscribe of outreach emails."),
    )
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    ref_type = models.CharField(
        _("reference type"),
        max_length=100,
        blank=True,
        help_text=_("What the email is about, as app_label.model (e.g. meetings.meeting)."),
    )
    ref_id = models.CharField(_("reference id"), max_length=64, blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        default=timezone.now,
        help_text=_("A queued email is not retried before this time; the sweeper picks it up a while after."),
    )
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoingemail_status_next"),
            models.Index(fields=["ref_type", "ref_id"], name="outgoingemail_ref"),
            models.Index(fields=["template"], name="outgoingemail_template"),
            # The email log at ten years (600,000 rows; netvaerk/db_indexes.py, README "Data scale"):
            # the date filter, the exact search on a reference id, the language filter's values (read from
            # the index) and the contains-search.
            models.Index(fields=["created_at"], name="outgoingemail_created"),
            models.Index(fields=["ref_id"], name="outgoingemail_ref_id"),
            models.Index(fields=["language"], name="outgoingemail_language"),
            contains_index("recipient", name="outgoingemail_recipient_trgm"),
            contains_index("subject", name="outgoingemail_subject_trgm"),
            contains_index("idempotency_key", name="outgoingemail_key_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False),
                name="outgoingemail_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.template} → {self.recipient}"
