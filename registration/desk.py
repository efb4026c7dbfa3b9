"""The registration desk: staff move a registration to another meeting, and sign in a walk-in at the door.

Both go through the one sign-up service (``services.registration_create``),
so the target meeting's rules (deadline, capacity, waiting list, duplicates)
apply as on the public form, with the staff overrides of overrides.py.
Entering a registration for someone is ``registration_create(by=...)`` and
cancelling for them ``registration_cancel(by=...)``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

from . import notifications, overrides, services
from .enums import AuditAction, Outcome, RegistrationChannel, RegistrationStatus
from .models import Registration
from .selectors import waiting_position

# Carried to the new registration; workshops belong to the old meeting and are chosen again.
MOVED_FIELDS = ("name", "phone", "organisation", "job_title", "comment", "diets", "diet_note", "accessibility_needs")


def registration_move(
    *,
    registration: Registration,
    to_meeting: Meeting,
    by,
    send_emails: bool = True,
    override_capacity_reason: str = "",
    override_deadline_reason: str = "",
    now: dt.datetime | None = None,
) -> services.SignUpResult:
    """Move a person's registration to ``to_meeting``: the target's seat rules decide, then the old seat is freed.

    A full target puts the person on its waiting list, or refuses
    (``MeetingFull``) without one, unless the capacity is overridden with a
    reason. The old registration is cancelled without its own email and its
    seat goes to the old meeting's waiting list by the usual rule; the person
    gets one email about the move. ``by`` must plan both meetings.
    """
    stamp_given = now
    now = now or timezone.now()
    overrides.desk_require(by=by, meetings=(registration.meeting, to_meeting))
    if to_meeting.pk == registration.meeting_id:
        raise services.RegistrationError(_("Choose another meeting than the one the person is registered for."))
    with transaction.atomic():
        # Both meetings locked in the order of their ids, so two moves in opposite directions never deadlock.
        list(Meeting.objects.select_for_update().filter(pk__in=[registration.meeting_id, to_meeting.pk]).order_by("pk"))
        registration = Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
        old_meeting = registration.meeting
        if not registration.is_active:
            raise services.RegistrationError(_("The registration is cancelled and cannot be moved."))
        result = services.registration_create(
            meeting=to_meeting,
            data={key: getattr(registration, key) for key in MOVED_FIELDS},
            email=registration.email,
            sensitive_consent=registration.sensitive_consent_at is not None,
            language=registration.language,
            user=registration.user,
            # Not the clock read above, before the locks: the target's waiting list is in the order
            # the seat lock was granted, so the sign-up service stamps the place under it.
            now=stamp_given,
            by=by,
            channel=registration.channel,
            send_emails=False,
            override_capacity_reason=override_capacity_reason,
            override_deadline_reason=override_deadline_reason,
        )
        if result.outcome == Outcome.DUPLICATE:
            raise services.RegistrationError(
                gettext("%(email)s is already registered for %(meeting)s.")
                % {"email": registration.email, "meeting": to_meeting}
            )
        moved = result.registration
        # The entry the sign-up service wrote for a staff entry (with its overrides) becomes the move's.
        entry = moved.audit_entries.first()
        if entry is None:
            overrides.audit_record(
                registration=moved,
                action=AuditAction.MOVED_IN,
                by=by,
                emails_sent=send_emails,
                other_meeting=old_meeting,
            )
        else:
            entry.action, entry.other_meeting, entry.emails_sent = AuditAction.MOVED_IN, old_meeting, send_emails
            entry.save(update_fields=["action", "other_meeting", "emails_sent"])
        # Access was checked above for both meetings; the cancellation is recorded as the move's other half.
        services.registration_cancel(registration=registration, by_staff=True, notify=False, now=now)
        overrides.audit_record(
            registration=registration,
            action=AuditAction.MOVED_OUT,
            by=by,
            emails_sent=send_emails,
            other_meeting=to_meeting,
        )
        if send_emails:
            position = waiting_position(registration=moved) if moved.status == RegistrationStatus.WAITING else None
            notifications.registration_moved(registration=moved, from_meeting=old_meeting, position=position)
        return result


def registration_walk_in(
    *, meeting: Meeting, name: str, by, organisation: str = "", email: str = "", now: dt.datetime | None = None
) -> Registration:
    """Someone came to the door without a registration: register them (channel door) and check them in at once.

    The person is at the door, so the deadline and the capacity give way (the
    audit history names the walk-in as the reason when they did). Without an
    address no email is sent; with one, the person gets the confirmation. A
    known address checks in the existing seat instead of making a second one.
    """
    reason = gettext("Came to the door without a registration")
    with transaction.atomic():
        result = services.registration_create(
            meeting=meeting,
            data={"name": name, "organisation": organisation},
            email=email,
            now=now,
            by=by,
            channel=RegistrationChannel.DOOR,
            override_capacity_reason=reason,
            override_deadline_reason=reason,
        )
        registration = result.registration
        if registration.status != RegistrationStatus.CONFIRMED:
            raise services.RegistrationError(
                _("This email address is on the waiting list of the meeting. Promote the person in the admin first.")
            )
        registration.meeting = meeting
        return services.registration_check_in(registration=registration, attended=True, by=by, now=now)
