from django.db import models
from django.utils.translation import gettext_lazy as _


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden")


class CommentAction(models.TextChoices):
    """What a moderator does to a comment (the buttons under it)."""

    PUBLISH = "publish", _("Publish")
    HIDE = "hide", _("Hide")


class OfferKind(models.TextChoices):
    THEME_DAY = "theme_day", _("Theme day")
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")


class OfferFormat(models.TextChoices):
    HALF_DAY = "half_day", _("Half day")
    WHOLE_DAY = "whole_day", _("Whole day")
    TWO_DAYS = "two_days", _("Two days")
    SERIES = "series", _("Course over several sessions")
    ONLINE = "online", _("Online")


# Clock times a draft meeting gets from the format a customer agreed on
# (start, end); staff adjust them in the meeting afterwards.
FORMAT_DEFAULT_TIMES = {
    OfferFormat.HALF_DAY: ((9, 0), (12, 0)),
    OfferFormat.WHOLE_DAY: ((9, 0), (15, 30)),
    OfferFormat.TWO_DAYS: ((9, 0), (15, 30)),
    OfferFormat.SERIES: ((9, 0), (12, 0)),
    OfferFormat.ONLINE: ((9, 0), (11, 30)),
}


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class OfferRequestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_DIALOGUE = "in_dialogue", _("In dialogue")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
