from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    THEME_DAY = "theme_day", _("Theme day")
    WORKSHOP_EVENING = "workshop_evening", _("Workshop evening")
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class AgendaItemKind(models.TextChoices):
    ARRIVAL = "arrival", _("Arrival")
    WELCOME = "welcome", _("Welcome")
    TALK = "talk", _("Talk")
    CASE = "case", _("Case")
    GROUP_WORK = "group_work", _("Group work")
    PLENARY = "plenary", _("Plenary")
    MEAL = "meal", _("Meal")
    BREAK = "break", _("Break")
    ONLINE_TALK = "online_talk", _("Online talk")
    WORKSHOP = "workshop", _("Workshop")
    WRAP_UP = "wrap_up", _("Wrap-up")
    OTHER = "other", _("Other")


class RegistrationState(models.TextChoices):
    """What the meeting page says about signing up (derived, not stored)."""

    NOT_YET_OPEN = "not_yet_open", _("Registration opens later")
    OPEN = "open", _("Registration open")
    WAITING_LIST = "waiting_list", _("Full - waiting list open")
    FULL = "full", _("Fully booked")
    CLOSED = "closed", _("Registration closed")
    CANCELLED = "cancelled", _("Cancelled")
    PAST = "past", _("Registration closed")


class WorkshopAllocation(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served")
    AFTER_DEADLINE = "after_deadline", _("Allocate after the deadline")


class AllocationState(models.TextChoices):
    OPEN = "open", _("Not allocated")
    PROPOSED = "proposed", _("Proposed - awaiting review")
    FINAL = "final", _("Final")
