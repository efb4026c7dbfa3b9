"""What the registration rules answer besides a registration: refusals and the outcome of a sign-up.

Imported through ``services`` by its callers (``services.RegistrationError``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .enums import Outcome
from .models import Registration


class RegistrationError(Exception):
    """A rule refused the change; the message is shown to the person."""

    message = _("The registration could not be saved.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class RegistrationClosed(RegistrationError):
    message = _("Registration closed")


class MeetingFull(RegistrationError):
    message = _("The meeting is fully booked.")


class ChangeNotAllowed(RegistrationError):
    message = _("The registration can no longer be changed.")


@dataclass(frozen=True)
class SignUpResult:
    registration: Registration
    outcome: Outcome
