"""The blog (authors, posts, images, tags, comments) and the catalogue of offers (providers, offers, requests)."""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting
from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import Network, Organisation, Organiser, TimeStampedModel

from . import markup
from .enums import CommentStatus, OfferFormat, OfferKind, OfferRequestStatus, OfferStatus, PostStatus

TEXT_FORMAT_HELP = _(
    "Plain text. A blank line starts a new paragraph. '## ' starts a heading, '- ' a bullet point, "
    "'1. ' a numbered point, '> ' a quotation. **bold**, *italic*, links as [text](https://…)."
)
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def validate_image_size(file) -> None:
    limit = settings.CONTENT_IMAGE_MAX_BYTES
    if file.size and file.size > limit:
        raise ValidationError(
            _("The image is too large (at most %(mb)s MB)."), params={"mb": limit // (1024 * 1024)}, code="too_large"
        )


def image_upload_to(instance, filename: str) -> str:
    # A random name: uploads never overwrite each other or reveal the author's file names.
    extension = Path(filename).suffix.lower()[:6]
    return f"blog/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


# --- blog ------------------------------------------------------------------------------


class Tag(models.Model):
    name = VisibleCharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("content:post_tag", kwargs={"slug": self.slug})


class Author(TimeStampedModel):
    """A member who writes on the blog, with the short presentation shown under their name.

    The presentation is public, so it is kept here and not taken from the
    profile's introduction, which members write for the member directory.
    """

    # SET_NULL: a member who deletes their account leaves their posts behind without a name.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="blog_author",
    )
    presentation = models.CharField(
        _("short presentation"),
        max_length=300,
        blank=True,
        help_text=_("One line shown with the posts, e.g. 'blogs about the social housing work in Albertslund'."),
    )

    class Meta:
        verbose_name = _("blog author")
        verbose_name_plural = _("blog authors")
        ordering = ["user__first_name", "user__last_name"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if self.user is None:
            return str(_("Former member"))
        return self.user.get_full_name() or str(_("Member"))

    @property
    def profile(self):
        """The member profile (organisation, job title), or None."""
        return getattr(self.user, "member_profile", None) if self.user is not None else None


class PostQuerySet(models.QuerySet):
    def public(self, now=None):
        return self.filter(status=PostStatus.PUBLISHED, published_at__lte=now or timezone.now())


class Post(TimeStampedModel):
    """A blog post: drafts and posts with a future publication date are not public."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("The post's address: /blog/<slug>/."))
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="posts")
    teaser = models.CharField(
        _("teaser"),
        max_length=300,
        blank=True,
        help_text=_("Shown in lists and the feed. Empty: the first paragraph of the text."),
    )
    body = models.TextField(
        _("text"),
        help_text=format_lazy(
            "{} {}",
            TEXT_FORMAT_HELP,
            _(
                "Place an uploaded image on its own line as [billede 1], [billede 2] …; "
                "images not placed are shown after the text."
            ),
        ),
    )
    status = models.CharField(_("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.DRAFT)
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A published post with a date in the future appears on that date."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="posts")
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blog_posts",
        help_text=_("Optional: the post is also listed on this network's page."),
    )
    comments_open = models.BooleanField(_("comments open"), default=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = [models.CheckConstraint(condition=Q(status__in=PostStatus.values), name="post_status_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:post_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == PostStatus.PUBLISHED and self.published_at <= timezone.now()

    @property
    def summary(self) -> str:
        return self.teaser or markup.first_paragraph(self.body)

    def markup_images(self, *, absolute: bool = False) -> list[markup.Image]:
        return [
            markup.Image(
                # On the S3 store the URL is absolute already; on the file system it is this site's.
                url=urljoin(settings.SITE_URL + "/", image.image.url) if absolute else image.image.url,
                alt=image.alt_text,
                caption=image.caption,
                width=image.width,
                height=image.height,
            )
            for image in self.images.all()
        ]

    def body_html(self, *, absolute: bool = False):
        """The text as safe HTML with the uploaded images (prefetch ``images``)."""
        return markup.render(self.body, images=self.markup_images(absolute=absolute))


class PostImage(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        max_length=200,
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS), validate_image_size],
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("number"), default=1, help_text=_("Placed in the text as [billede N]."))

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["order", "id"]

    def __str__(self):
        return self.alt_text


class Comment(models.Model):
    """A comment on a blog post: by a signed-in member (published at once) or a guest (moderated first)."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blog_comments",
        help_text=_("Empty for a guest, or when the member has deleted their account."),
    )
    name = VisibleCharField(_("name"), max_length=100, blank=True, help_text=_("A guest's name."))
    email = VisibleEmailField(_("email"), blank=True, help_text=_("A guest's email; never shown on the site."))
    body = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(_("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["post", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CommentStatus.values), name="comment_status_valid"),
        ]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    @property
    def is_guest(self) -> bool:
        return bool(self.name) and self.user_id is None

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or str(_("Member"))
        return self.name or str(_("Former member"))

    @property
    def body_html(self):
        return markup.render_comment(self.body)


# --- offers -------------------------------------------------------------------------------


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
