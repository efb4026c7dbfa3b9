"""The door's scanner: a scanned or typed check-in code posted from the check-in page (registration/checkin.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .checkin import AMBER, GREEN, registration_check_in_by_code
from .enums import RegistrationStatus
from .forms import CheckInCodeForm
from .models import Registration
from .views import _check_in_meeting

_LEVEL = {GREEN: messages.SUCCESS, AMBER: messages.WARNING}


def door_counts(meeting) -> dict[str, int]:
    """Confirmed, checked in and missing participants of the meeting (one query)."""
    counts = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).aggregate(
        total=Count("id"), attended=Count("id", filter=Q(attended=True))
    )
    return {**counts, "missing": counts["total"] - counts["attended"]}


@require_POST
@login_required
def check_in_scan(request, code):
    """Green, amber or red for the code: JSON for the page's scanner, else a message on the check-in page."""
    meeting = _check_in_meeting(request, code)
    form = CheckInCodeForm(request.POST)
    scanned = form.cleaned_data["code"] if form.is_valid() else ""
    result = registration_check_in_by_code(meeting=meeting, code=scanned, by=request.user)
    if "application/json" in request.headers.get("Accept", ""):
        counts = door_counts(meeting)
        summary = _("%(attended)s of %(total)s checked in") % counts
        return JsonResponse({"colour": result.colour, "message": result.message, "summary": summary, **counts})
    messages.add_message(request, _LEVEL.get(result.colour, messages.ERROR), result.message)
    return redirect("registration:check_in", code=meeting.code)
