"""The personal link (the registration's own page and its cancel page) and the door check-in.

The sign-up form is on the meeting page, one of the public pages (``pages/meetings.py``).
"""

from urllib.parse import urlencode

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors
from meetings.models import Meeting
from netvaerk.throttle import limit_per_ip

from . import services, views_colleagues
from .checkin import door_search
from .enums import RegistrationStatus
from .forms import CheckInCodeForm, CheckInSearchForm, RegistrationForm
from .invoicing import cancellation_fee_may_apply
from .models import Registration
from .questions.forms import QuestionsForm, questions_form_for
from .questions.selectors import registration_answers
from .selectors import waiting_position


def _registration_by_token(token) -> Registration:
    # Same neutral 404 for a tampered, foreign or unknown link.
    if not token or len(token) > 64:
        raise Http404
    try:
        return Registration.objects.select_related(
            "meeting__venue", "meeting__organiser", "meeting__network", "workshop"
        ).get(token=token)
    except Registration.DoesNotExist:
        raise Http404 from None


# The personal link and its cancel page share one count per IP address, wrong keys included.
_personal_link_limit = limit_per_ip(setting="PERSONAL_LINK_RATE_LIMIT", group="registration.personal_link")


@_personal_link_limit
def personal_page(request, token):
    registration = _registration_by_token(token)
    meeting = registration.meeting
    can_edit = services.registration_can_edit(registration=registration)
    form = questions_form = None
    status = 200
    answers = registration_answers(registration=registration)
    if can_edit:
        if request.method == "POST":
            form = RegistrationForm(request.POST, meeting=meeting, editing=True)
            questions_form = questions_form_for(meeting, request.POST, registration=registration)
            if form.is_valid() and (questions_form is None or questions_form.is_valid()):
                try:
                    services.registration_update(
                        registration=registration,
                        data=form.service_data(),
                        sensitive_consent=form.cleaned_data["sensitive_consent"],
                        answers=questions_form.answers() if questions_form is not None else None,
                    )
                except services.RegistrationError as error:
                    messages.error(request, error.message)
                else:
                    messages.success(request, _("Your changes are saved."))
                    return redirect("registration:personal", token=token)
            status = 400
        else:
            form = RegistrationForm(meeting=meeting, editing=True, initial=RegistrationForm.initial_from(registration))
            initial = QuestionsForm.initial_from(answers)
            questions_form = questions_form_for(meeting, registration=registration, initial=initial)
    elif request.method == "POST":
        messages.error(request, _("The registration can no longer be changed."))
        status = 409
    position = waiting_position(registration=registration)
    return render(
        request,
        "registration/registration_detail.html",
        {
            "registration": registration,
            "meeting": meeting,
            "form": form,
            "questions_form": questions_form,
            "answers": answers,
            "can_edit": can_edit,
            "can_cancel": services.registration_can_cancel(registration=registration),
            "position": position,
            "contact": meeting.contact(),
            # The booker of a group sees the group, with a cancel button per seat (views_colleagues.py).
            "group": views_colleagues.booker_group(registration),
        },
        status=status,
    )


@_personal_link_limit
def cancel(request, token):
    registration = _registration_by_token(token)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect("registration:personal", token=token)
    if not services.registration_can_cancel(registration=registration):
        return redirect("registration:personal", token=token)
    return render(
        request,
        "registration/registration_cancel.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            # A priced meeting's terms, and whether cancelling now is past the free period.
            "fee_may_apply": cancellation_fee_may_apply(registration=registration),
            "free_cancellation_until": selectors.free_cancellation_until(meeting=registration.meeting),
        },
    )


def _check_in_meeting(request, code) -> Meeting:
    """The meeting, if the person checks in at its door (the access policy); 404 for an unknown code."""
    meeting = get_object_or_404(Meeting.objects.select_related("network"), code=code)
    if not request.user.has_perm("registration.check_in", meeting):
        raise PermissionDenied
    return meeting


# The scanner's polyfill compiles WebAssembly (zxing-wasm) where the browser has no BarcodeDetector.
@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@login_required
def check_in(request, code):
    meeting = _check_in_meeting(request, code)
    form = CheckInSearchForm(request.GET or None)
    registrations = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).order_by(
        "name", "id"
    )
    query = form.cleaned_data["q"] if form.is_valid() else ""
    shown, by_code = door_search(registrations=registrations, query=query)
    total = registrations.count()
    attended = registrations.filter(attended=True).count()
    return render(
        request,
        "registration/check_in.html",
        {
            "meeting": meeting,
            "form": form,
            "registrations": shown,
            "query": query,
            "total": total,
            "attended": attended,
            "missing": total - attended,
            "by_code": by_code,
            "scan_form": CheckInCodeForm(),
        },
    )


@require_POST
@login_required
def check_in_toggle(request, code, pk):
    meeting = _check_in_meeting(request, code)
    registration = get_object_or_404(Registration, meeting=meeting, pk=pk, status=RegistrationStatus.CONFIRMED)
    registration.meeting = meeting
    services.registration_check_in(
        registration=registration, attended=request.POST.get("attended") == "1", by=request.user
    )
    url = reverse("registration:check_in", kwargs={"code": code})
    # Back to the list as it was searched; a search the form refuses is dropped.
    search = CheckInSearchForm(request.POST)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
