import uuid
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import Network, Organisation, TimeStampedModel, WorkArea

from .enums import MaterialKind, MembershipRole, MembershipStatus
from .storage import private_storage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """The account an operator makes on the server (`manage.py createsuperuser`).

        Whoever has the server's shell vouches for the address, so it is
        verified at once: the first login needs no confirmation email.
        """
        from .services import user_email_verify

        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        user_email_verify(user=user)
        return user

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person with a login: consultant, secretariat staff or member.

    The email address is the login (no separate username).
    """

    username = None
    # Django's own name fields, redeclared only to keep invisible characters out (netvaerk.fields).
    first_name = VisibleCharField(_("first name"), max_length=150, blank=True)
    last_name = VisibleCharField(_("last name"), max_length=150, blank=True)
    email = VisibleEmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email


# --- Members' area ------------------------------------------------------------


class Profile(TimeStampedModel):
    """What a member tells the network about themselves.

    Name, email and phone live on the user (the login and the registration
    form use them); the rest is here.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="member_profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_profiles",
    )
    job_title = VisibleCharField(_("job title"), max_length=200, blank=True)
    work_areas = models.ManyToManyField(WorkArea, verbose_name=_("work areas"), blank=True)
    introduction = models.TextField(
        _("short introduction"),
        max_length=1000,
        blank=True,
        help_text=_("A few lines about what you work with, shown to the other members."),
    )
    directory_consent = models.BooleanField(
        _("show me in the member directory"),
        default=False,
        help_text=_("The members of your networks see your name, organisation, job title, email and phone."),
    )
    directory_consent_at = models.DateTimeField(_("directory consent given"), null=True, blank=True)
    language = models.CharField(_("language of emails"), max_length=8, choices=settings.LANGUAGES, default="da")

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return str(self.user)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def requested(self):
        return self.filter(status=MembershipStatus.REQUESTED)


class Membership(TimeStampedModel):
    """One person's place in one network: asked, active, declined or left."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    message = models.CharField(
        _("message with the request"), max_length=500, blank=True, help_text=_("What the person wrote when asking.")
    )
    notify_new_posts = models.BooleanField(
        _("email me about new posts"), default=False, help_text=_("An email when someone posts on the board.")
    )
    requested_at = models.DateTimeField(_("asked to join"), null=True, blank=True)
    decided_at = models.DateTimeField(_("approved or declined"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or declined by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network", "user"]
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="membership_one_per_network_and_user"),
            models.CheckConstraint(condition=Q(status__in=MembershipStatus.values), name="membership_status_valid"),
            models.CheckConstraint(condition=Q(role__in=MembershipRole.values), name="membership_role_valid"),
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self):
        return f"{self.user} - {self.network}"

    @property
    def is_active(self):
        return self.status == MembershipStatus.ACTIVE


class BoardPost(TimeStampedModel):
    """A board post: a message on a network's board in its group space, or a reply to one (one level deep).

    Seen only by the network's members; not a blog post (the public blog's posts are ``content.BlogPost``).
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="board_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_posts",
        help_text=_("Empty when the author has deleted their account."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("message"), max_length=5000)
    is_pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned posts stay at the top."))
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-is_pinned", "-created_at", "-id"]
        indexes = [models.Index(fields=["network", "parent", "removed_at"])]

    def __str__(self):
        return self.title or self.body[:60]

    @property
    def is_removed(self):
        return self.removed_at is not None


def material_upload_to(instance, filename: str) -> str:
    # A random name: the stored file reveals nothing and cannot be guessed.
    # The person's file name is kept in the row for the download.
    extension = Path(filename).suffix.lower()[:10]
    return f"material/{uuid.uuid4().hex}{extension}"


def minutes_upload_to(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:10]
    return f"minutes/{uuid.uuid4().hex}{extension}"


class Material(models.Model):
    """A shared file or link in a network's group space, optionally about one meeting.

    The id is a random UUID: download links cannot be guessed or counted.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="materials")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        help_text=_("Leave empty for material about the network as a whole."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=material_upload_to, max_length=200, blank=True
    )
    original_name = VisibleCharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared material")
        verbose_name_plural = _("shared material")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=MaterialKind.FILE) & ~Q(file="") & Q(url=""))
                | (Q(kind=MaterialKind.LINK) & Q(file="") & ~Q(url="")),
                name="material_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title


class Minutes(TimeStampedModel):
    """The minutes of a past meeting, written by the coordinator."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes_record"
    )
    text = models.TextField(_("minutes"), max_length=20000, blank=True)
    outputs = models.TextField(
        _("outputs"),
        max_length=5000,
        blank=True,
        help_text=_("What came out of the meeting: decisions, products, the next steps."),
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=minutes_upload_to, max_length=200, blank=True)
    original_name = VisibleCharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["-meeting__starts_at"]

    def __str__(self):
        return str(self.meeting)

    @property
    def is_written(self):
        return bool(self.text.strip() or self.outputs.strip() or self.file)


class TwoFactorMethod(Authenticator):
    """allauth's authenticators under Danish names in the admin (allauth's model has no translated names)."""

    class Meta:
        proxy = True
        verbose_name = _("two-factor method")
        verbose_name_plural = _("two-factor methods")
