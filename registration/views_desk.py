"""The registration desk's staff pages: enter a registration for someone, move it, cancel it, a walk-in at the door.

Whoever plans the meeting's network (the secretariat, the network's
consultants; ``registration.desk`` in netvaerk/access.py) may use them; a
move needs that right on both meetings. Every change goes through the
services with ``by=request.user``, which check the right again.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Meeting
from netvaerk.enums import choice_label

from . import desk, services
from .enums import Outcome, RegistrationChannel, RegistrationStatus
from .forms_desk import CancelForm, MoveForm, StaffRegistrationForm, WalkInForm
from .models import Registration
from .overrides import DESK_PERMISSION
from .selectors import desk_registrations, waiting_position


def _desk_meeting(request, code) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("network", "venue", "organiser"), code=code)
    if not request.user.has_perm(DESK_PERMISSION, meeting):
        raise PermissionDenied
    return meeting


def _desk_registration(request, pk) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("meeting__network"), pk=pk)
    if not request.user.has_perm(DESK_PERMISSION, registration.meeting):
        raise PermissionDenied
    return registration


def _posted(request):
    # An empty POST is still a POST (the cancel form has only an optional box).
    return request.POST if request.method == "POST" else None


def outcome_message(result) -> str:
    registration = result.registration
    if result.outcome == Outcome.DUPLICATE:
        return _("%(email)s is already registered for the meeting (%(status)s); nothing was added.") % {
            "email": registration.email,
            "status": registration.get_status_display(),
        }
    if result.outcome == Outcome.WAITING:
        return _("%(name)s is number %(position)d on the waiting list.") % {
            "name": registration.name,
            "position": waiting_position(registration=registration) or 0,
        }
    return _("%(name)s has a seat.") % {"name": registration.name}


@login_required
def meeting_desk(request, code):
    """A meeting's registrations, with the form to add one for someone who phoned, wrote or came."""
    meeting = _desk_meeting(request, code)
    form = StaffRegistrationForm(_posted(request), meeting=meeting)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = services.registration_create(
                    meeting=meeting,
                    data=form.service_data(),
                    email=form.cleaned_data["email"],
                    sensitive_consent=form.cleaned_data["sensitive_consent"],
                    language=get_language() or "da",
                    by=request.user,
                    channel=form.cleaned_data["channel"],
                    **form.override_kwargs(),
                )
            except services.RegistrationError as error:
                form.refusal(error)
                status = 409
            else:
                level = messages.WARNING if result.outcome == Outcome.DUPLICATE else messages.SUCCESS
                messages.add_message(request, level, outcome_message(result))
                return redirect("registration:staff_desk", code=meeting.code)
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(desk_registrations(meeting=meeting, query=query), DESK_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "registration/staff/desk.html",
        {"meeting": meeting, "form": form, "page": page, "rows": _desk_rows(page), "query": query},
        status=status,
    )


# A conference has a thousand participants or more: the desk lists them in pages and finds one by a search.
DESK_PAGE_SIZE = 50


def _desk_rows(page) -> list[dict]:
    return [
        {
            "registration": registration,
            "status": choice_label(RegistrationStatus, registration.status),
            "channel": choice_label(RegistrationChannel, registration.channel),
        }
        for registration in page
    ]


@login_required
def registration_move(request, pk):
    registration = _desk_registration(request, pk)
    form = MoveForm(_posted(request), registration=registration, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            target = form.cleaned_data["to_meeting"]
            try:
                result = desk.registration_move(
                    registration=registration, to_meeting=target, by=request.user, **form.override_kwargs()
                )
            except services.RegistrationError as error:
                form.refusal(error)
                status = 409
            else:
                messages.success(
                    request,
                    _("Moved to %(meeting)s. %(outcome)s") % {"meeting": target, "outcome": outcome_message(result)},
                )
                return redirect("registration:staff_desk", code=registration.meeting.code)
    return render(
        request,
        "registration/staff/registration_move.html",
        {"registration": registration, "meeting": registration.meeting, "form": form},
        status=status,
    )


@login_required
def registration_cancel(request, pk):
    registration = _desk_registration(request, pk)
    form = CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.registration_cancel(
            registration=registration, by_staff=True, notify=not form.cleaned_data["no_email"], by=request.user
        )
        messages.success(request, _("The registration of %(name)s is cancelled.") % {"name": registration.name})
        return redirect("registration:staff_desk", code=registration.meeting.code)
    return render(
        request,
        "registration/staff/registration_cancel.html",
        {"registration": registration, "meeting": registration.meeting, "form": form},
    )


@require_POST
@login_required
def check_in_walk_in(request, code):
    """The door's "came without a registration": a name is enough, and the person is checked in at once."""
    meeting = _desk_meeting(request, code)
    form = WalkInForm(request.POST)
    url = reverse("registration:check_in", kwargs={"code": meeting.code})
    if not form.is_valid():
        messages.error(request, _("Write the name of the person who came without a registration."))
        return redirect(url)
    try:
        registration = desk.registration_walk_in(meeting=meeting, by=request.user, **form.cleaned_data)
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return redirect(url)
    messages.success(request, _("%(name)s is registered and checked in.") % {"name": registration.name})
    return redirect(f"{url}?{urlencode({'q': registration.name})}")
