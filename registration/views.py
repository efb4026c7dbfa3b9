"""The sign-up form on the meeting page, the receipt, the personal link and the door check-in."""

import json
from urllib.parse import urlencode

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from meetings import selectors
from meetings.enums import RegistrationState
from meetings.models import Meeting
from meetings.views import get_meeting_for_page, meeting_page_context
from netvaerk.pagecache import cache_public_page
from netvaerk.throttle import limit_per_ip

from . import seats, services, views_colleagues
from .checkin import door_search
from .enums import Outcome, RegistrationStatus
from .forms import CheckInCodeForm, CheckInSearchForm, RegistrationForm
from .invoicing import cancellation_fee_may_apply
from .models import Registration
from .questions.forms import QuestionsForm
from .questions.selectors import choice_places_taken, meeting_questions, registration_answers
from .selectors import waiting_position

OPEN_STATES = (RegistrationState.OPEN, RegistrationState.WAITING_LIST)
RECEIPT_COOKIE = "registration_receipt"
RECEIPT_SECONDS = 60 * 60


def _questions_form(meeting, data=None, *, registration=None, initial=None) -> QuestionsForm | None:
    """The meeting's own questions as a form beside the registration form, or None when it has none."""
    questions = meeting_questions(meeting=meeting)
    if not questions:
        return None
    taken = choice_places_taken(meeting=meeting, exclude_registration=registration)
    return QuestionsForm(data, questions=questions, taken=taken, initial=initial, prefix="q")


def _page(request, code, *, form=None, questions_form=None, status=200, closed_message=None, colleagues=None):
    meeting = get_meeting_for_page(request, code)
    # The programme check for those who plan the meeting (never in the cached anonymous page).
    planner = request.user.is_staff and request.user.has_perm("meetings.plan_meeting", meeting)
    context = meeting_page_context(meeting, seats_taken=seats.seats_taken(meeting=meeting), staff_preview=planner)
    if form is None and context["state"] in OPEN_STATES:
        form = RegistrationForm(meeting=meeting, initial=_initial_for(request))
    if form is not None and questions_form is None:
        questions_form = _questions_form(meeting)
    if form is not None and colleagues is None:
        colleagues = views_colleagues.colleagues_form_for(meeting, questions_form=questions_form)
    context.update({"form": form, "questions_form": questions_form, "closed_message": closed_message})
    context["colleagues"] = colleagues
    response = render(request, "registration/meeting_page.html", context, status=status)
    # The page changes by itself when registration opens or closes and when the meeting starts or ends.
    response.page_cache_until = selectors.next_state_change(meeting=meeting)
    return response


def _initial_for(request) -> dict:
    """Prefill the form for a signed-in member."""
    user = request.user
    if not user.is_authenticated:
        return {}
    initial = {"name": user.get_full_name(), "email": user.email, "phone": getattr(user, "phone", "")}
    # The member's profile (members app), read through the user so this app does not import members.
    profile = getattr(user, "member_profile", None)
    if profile is not None:
        initial["organisation"] = profile.organisation.name if profile.organisation_id else ""
        initial["job_title"] = profile.job_title
    return initial


def _rate(group, request):
    return settings.REGISTRATION_RATE_LIMIT


@cache_public_page
@ratelimit(key="ip", rate=_rate, method="POST", block=False)
def meeting_page(request, code):
    if request.method != "POST":
        return _page(request, code)
    meeting = get_meeting_for_page(request, code, read="signup")
    questions_form = _questions_form(meeting, request.POST)
    if getattr(request, "limited", False):
        return _page(
            request,
            code,
            form=RegistrationForm(request.POST, meeting=meeting),
            questions_form=questions_form,
            status=429,
            closed_message=_("Too many sign-ups from your network in a short time. Wait a minute and try again."),
        )
    form = RegistrationForm(request.POST, meeting=meeting)
    # Colleagues in one go (views_colleagues.py): the rows, and "I am not taking part myself".
    colleagues = views_colleagues.colleagues_form_for(meeting, request.POST, questions_form=questions_form)
    own_questions = views_colleagues.relax_for_absent_booker(form, questions_form, colleagues)
    questions_valid = own_questions is None or own_questions.is_valid()
    colleagues_valid = colleagues is None or not colleagues.used or colleagues.is_valid()
    if not form.is_valid() or not questions_valid or not colleagues_valid:
        return _page(request, code, form=form, questions_form=questions_form, status=400, colleagues=colleagues)
    if form.is_spam:
        return _receipt_redirect(request, meeting, form.cleaned_data["email"])
    if colleagues is not None and colleagues.used:
        try:
            group = views_colleagues.group_sign_up(
                request, meeting, form=form, questions_form=own_questions, colleagues=colleagues
            )
        except services.RegistrationError as error:
            return _page(
                request,
                code,
                form=form,
                questions_form=questions_form,
                status=409,
                closed_message=str(error.message),
                colleagues=colleagues,
            )
        return _receipt_redirect(request, meeting, form.cleaned_data["email"], group=group)
    try:
        result = services.registration_create(
            meeting=meeting,
            data=form.service_data(),
            email=form.cleaned_data["email"],
            sensitive_consent=form.cleaned_data["sensitive_consent"],
            language=get_language() or "da",
            user=request.user if request.user.is_authenticated else None,
            answers=questions_form.answers() if questions_form is not None else None,
        )
    except services.RegistrationError as error:
        # Decided on the server clock: a form opened before the deadline and
        # sent after it lands here, with what the person typed kept on screen.
        return _page(
            request, code, form=form, questions_form=questions_form, status=409, closed_message=str(error.message)
        )
    # The thank-you page says what happened: a seat, a place on the waiting list, or that the
    # address was already registered (only that: the owner gets the personal link by email).
    return _receipt_redirect(request, meeting, form.cleaned_data["email"], result=result)


def _receipt_salt(code: str) -> str:
    # Bound to the meeting: a receipt of one meeting does not open another's.
    return f"{RECEIPT_COOKIE}:{code}"


def _receipt_redirect(request, meeting, email, *, result=None, group=None):
    # The receipt lives in a short-lived signed cookie rather than the session,
    # so an anonymous sign-up writes no session row. It names the registration the
    # sign-up made (never its personal key) and the outcome; a spam post names none.
    receipt = {"email": email}
    if result is not None:
        receipt.update(outcome=str(result.outcome), registration=result.registration.pk)
    if group is not None:
        receipt.update(views_colleagues.receipt_cookie(group))
    response = redirect("public:registration_receipt", code=meeting.code)
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        json.dumps(receipt),
        salt=_receipt_salt(meeting.code),
        max_age=RECEIPT_SECONDS,
        path=reverse("public:registration_receipt", kwargs={"code": meeting.code}),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def receipt(request, code):
    meeting = get_meeting_for_page(request, code, read="summary")
    value = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=_receipt_salt(meeting.code), max_age=RECEIPT_SECONDS
    )
    try:
        receipt = json.loads(value) if value is not None else None
        email = receipt["email"]
    except (ValueError, TypeError, KeyError):
        return redirect(meeting.get_absolute_url())
    outcome, registration, position = receipt.get("outcome"), None, None
    if outcome in (Outcome.CONFIRMED, Outcome.WAITING):
        # Its status now (a waiting registration may have got a seat since, or have been cancelled).
        registration = Registration.objects.filter(pk=receipt.get("registration"), meeting=meeting).first()
        outcome = registration.status if registration is not None else None
        position = waiting_position(registration=registration) if registration is not None else None
    group = views_colleagues.receipt_group(meeting, receipt)
    if group is not None and outcome is None:
        outcome = "group"
    return render(
        request,
        "registration/receipt.html",
        {
            "group": group,
            "meeting": meeting,
            "email": email,
            "contact": meeting.contact(),
            "outcome": outcome,
            "position": position,
        },
    )


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
            questions_form = _questions_form(meeting, request.POST, registration=registration)
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
            questions_form = _questions_form(meeting, registration=registration, initial=initial)
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
