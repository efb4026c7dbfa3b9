"""Meeting craft: the idea catalogue, agenda proposals and evaluations.

Minutes stay in the members app (members.Minutes, with their outputs); the
terms of reference are fields of the network; the cadence and host rotation
are read from meetings. These are the rows the craft adds.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting
from netvaerk.models import Network, TimeStampedModel
from registration.models import Registration

from .enums import ProposalStatus, Rating


def split_tags(value: str) -> list[str]:
    """Tags as written, one list: "unge, Frivillige ,unge" -> ["unge", "frivillige"]."""
    tags: list[str] = []
    for part in value.replace(";", ",").split(","):
        tag = " ".join(part.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class Idea(TimeStampedModel):
    """One idea in a network's idea catalogue, usually from a meeting."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="ideas")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("from the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        help_text=_("The meeting the idea came from."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Words to find the idea by, separated by commas.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("idea catalogue")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["network", "created_at"])]

    def __str__(self):
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)


class IdeaComment(models.Model):
    """A member's comment on an idea."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the author has deleted their account."),
    )
    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on an idea")
        verbose_name_plural = _("comments on ideas")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]


class AgendaProposal(models.Model):
    """A topic a member proposes for a coming meeting ("forslag til dagsorden")."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="agenda_proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("why and how"), max_length=3000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_proposals",
        help_text=_("The meeting whose programme took the topic."),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProposalStatus.values), name="agendaproposal_status_valid"),
        ]

    def __str__(self):
        return self.title


class Evaluation(models.Model):
    """A participant's short evaluation of a meeting: a rating from 1 to 5 and a comment.

    One answer per registration (a database constraint). The coordinator
    sees the answers without names.
    """

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="evaluations"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=Rating.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at", "-id"]
        # The admin's list in this order at ten years (47,000 answers): read from the index backwards
        # instead of joining and sorting every answer (README "Data scale").
        indexes = [models.Index(fields=["created_at", "id"], name="evaluation_created_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                name="evaluation_one_per_registration",
                violation_error_message=_("This registration has already evaluated the meeting."),
            ),
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="evaluation_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.registration.meeting.code}: {self.rating}"
