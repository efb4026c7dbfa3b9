"""A group booking: one person signs up colleagues (and maybe themselves) in one go.

Each colleague is a registration of their own (own personal link, emails and
waiting-list place). The booking groups them and remembers who booked: the
booker may book only for colleagues and then has no registration at all, so the
booker's name, address and language live here, with a personal key of the
booking's own (the booker's page for the group, where one seat can be
cancelled without touching the others).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from netvaerk.fields import VisibleCharField, VisibleEmailField


def _new_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


class GroupBooking(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="group_bookings")
    name = VisibleCharField(_("booked by"), max_length=200)
    email = VisibleEmailField(_("booker's email"), max_length=254)
    language = models.CharField(_("language"), max_length=10, default="da")
    token = models.CharField(_("personal link key"), max_length=64, unique=True, default=_new_token, editable=False)
    booker_attends = models.BooleanField(_("the booker takes part"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("group booking")
        verbose_name_plural = _("group bookings")

    def __str__(self):
        return f"{self.name} ({self.meeting_id})"


class GroupMember(models.Model):
    """One registration of a group booking, in the order the booker gave (0 = the booker)."""

    booking = models.ForeignKey(GroupBooking, on_delete=models.CASCADE, related_name="members")
    registration = models.OneToOneField(
        "registration.Registration", on_delete=models.CASCADE, related_name="group_member"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ("booking", "position")
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self):
        return f"{self.booking_id}/{self.position}"
