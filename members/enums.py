from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    WORKING_GROUP = "working_group", _("Working group")
    COORDINATOR = "coordinator", _("Coordinator")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    LEFT = "left", pgettext_lazy("membership status", "Left")


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
