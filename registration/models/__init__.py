"""Registrations and what hangs on them.

Django finds an app's models in ``registration.models``: the areas live in
``registrations.py``, ``exports.py`` and ``messages.py`` (and the meeting's own
questions in ``registration/questions/models.py``, the group bookings in
``registration/groups_models.py``) and are imported here. The
migrations name ``new_token``, ``new_check_in_code`` and the attachment storage
and path functions as ``registration.models.<name>``, so those are imported too.
"""

from ..groups_models import GroupBooking, GroupMember
from ..questions.models import Answer, Choice, Question
from .exports import ExportLog, ExportPreference
from .messages import ParticipantMessage, message_attachment_storage, message_attachment_upload_to
from .registrations import (
    InvoiceDetails,
    Registration,
    RegistrationAudit,
    RegistrationQuerySet,
    new_check_in_code,
    new_token,
)

__all__ = [
    "Answer",
    "Choice",
    "ExportLog",
    "ExportPreference",
    "GroupBooking",
    "GroupMember",
    "InvoiceDetails",
    "ParticipantMessage",
    "Question",
    "Registration",
    "RegistrationAudit",
    "RegistrationQuerySet",
    "message_attachment_storage",
    "message_attachment_upload_to",
    "new_check_in_code",
    "new_token",
]
