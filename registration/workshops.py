"""Workshop allocation by the staff: a fair proposal to review, then final (participants are told).

The algorithm is in ``allocation``; the first-come assignment at sign-up is in ``seats``.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from meetings.enums import AllocationState
from meetings.models import Meeting
from netvaerk import access

from . import notifications, seats
from .enums import RegistrationStatus
from .errors import RegistrationError
from .models import Registration


def workshop_allocation_propose(*, meeting: Meeting, by) -> dict[int, int | None]:
    """Compute and store a fair allocation for review (state PROPOSED); ``by`` may change the registrations."""
    access.require(by, "registration.change_registration", meeting)
    from .allocation import Applicant, allocate

    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=meeting.pk)
        if meeting.workshop_allocation_state == AllocationState.FINAL:
            raise RegistrationError(_("The allocation is final."))
        workshops = {w.pk: w.capacity for w in meeting.workshops.all()}
        registrations = list(
            Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).order_by(
                "created_at", "id"
            )
        )
        applicants = [
            Applicant(key=r.pk, first=r.workshop_first_id, second=r.workshop_second_id) for r in registrations
        ]
        result = allocate(applicants, workshops)
        for registration in registrations:
            registration.workshop_id = result.get(registration.pk)
        Registration.objects.bulk_update(registrations, ["workshop"])
        meeting.workshop_allocation_state = AllocationState.PROPOSED
        meeting.save(update_fields=["workshop_allocation_state", "updated_at"])
        return result


def workshop_allocation_finalize(*, meeting: Meeting, by) -> int:
    """Make the reviewed allocation final and tell each participant their workshop; ``by`` as for the proposal."""
    access.require(by, "registration.change_registration", meeting)
    with transaction.atomic():
        meeting = seats.meeting_lock(meeting_id=meeting.pk)
        over = [
            w
            for w in meeting.workshops.annotate(
                n=Count("participants", filter=Q(participants__status=RegistrationStatus.CONFIRMED))
            )
            if w.capacity is not None and w.n > w.capacity
        ]
        if over:
            raise RegistrationError(_("Over capacity: %(names)s") % {"names": ", ".join(w.title for w in over)})
        meeting.workshop_allocation_state = AllocationState.FINAL
        meeting.save(update_fields=["workshop_allocation_state", "updated_at"])
        assigned = list(
            Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED, workshop__isnull=False)
        )
        for registration in assigned:
            notifications.workshop_assigned(registration=registration)
        return len(assigned)
