"""The blog: authors, blog posts (``BlogPost``), their images, tags and comments."""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import Network, TimeStampedModel

from .. import markup
from ..enums import CommentStatus, PostStatus
from ..markup import TEXT_FORMAT_HELP

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


class AuthorManager(models.Manager):
    """An author is named by the member's name (``__str__``): every list of authors (the admin's author
    filter and autocomplete, the post form's choice) reads the member in the same query, not one per
    author (README "Data scale")."""

    def get_queryset(self):
        return super().get_queryset().select_related("user")


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

    objects = AuthorManager()

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


class BlogPostQuerySet(models.QuerySet):
    def public(self, now=None):
        return self.filter(status=PostStatus.PUBLISHED, published_at__lte=now or timezone.now())


class BlogPost(TimeStampedModel):
    """A post on the public blog (/blog/), written by an ``Author``; not a board post.

    The board posts of a network's group space, seen only by its members, are
    ``members.BoardPost``. Drafts and posts with a future publication date are not public.
    """

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

    objects = BlogPostQuerySet.as_manager()

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
    post = models.ForeignKey(BlogPost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="images")
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

    post = models.ForeignKey(BlogPost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments")
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
