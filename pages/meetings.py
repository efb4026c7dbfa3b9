"""Every public page of a meeting: the list, the meeting page with its sign-up form, the receipt,
the calendar files and the embeddable list.

The sign-up itself (seats, waiting list, emails) is registration's service
(``registration.services.registration_create``); this page reads the form and
says what happened. Colleagues in one go are ``registration.views_colleagues``.
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from meetings import badges, selectors
from meetings.calendar import meeting_ics, meetings_feed_ics
from meetings.enums import RegistrationState
from meetings.forms import MeetingFilterForm
from meetings.models import Meeting
from meetings.programme_check import programme_check
from netvaerk import access, embed
from netvaerk.pagecache import cache_public_page
from registration import seats, services, views_colleagues
from registration.enums import Outcome
from registration.forms import RegistrationForm
from registration.models import Registration
from registration.questions.forms import questions_fingerprint, questions_form_for, questions_with_places
from registration.selectors import waiting_position

from .common import ICS, cards_page, embed_list, feed_meetings, feed_response, framed_by, ics_response

PAGE_SIZE = 20
OPEN_STATES = (RegistrationState.OPEN, RegistrationState.WAITING_LIST)
RECEIPT_COOKIE = "registration_receipt"
RECEIPT_SECONDS = 60 * 60


@cache_public_page
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    filters = {"when": "upcoming"}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "when": data["when"] or "upcoming",
            "network_slug": data["network"].slug if data["network"] else None,
            "kind": data["kind"] or None,
            "month": data["month"],
        }
    meetings = selectors.meeting_list_public(**filters)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("side"))
    cards = badges.with_badges(page.object_list)
    response = render(
        request,
        "pages/meeting_list.html",
        {"form": form, "page": page, "meetings": cards, "when": filters["when"]},
    )
    return cards_page(response, cards)


# --- The meeting page -------------------------------------------------------


def get_meeting_for_page(request, code, *, read: str = "page") -> Meeting:
    """A public meeting, or a meeting the staff member may see (their preview of drafts); 404 otherwise."""
    staff = access.is_staff(request.user)
    try:
        meeting = selectors.meeting_detail_public(code=code, include_drafts=staff, read=read)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not staff:
        return meeting  # Meeting.objects.public(): published or cancelled, of no hidden network
    hidden = not meeting.is_public or (meeting.network_id is not None and not meeting.network.is_public)
    if hidden and not request.user.has_perm("meetings.view_meeting", meeting):
        raise Http404  # another network's draft: as unknown as to anyone else
    return meeting


def meeting_page_context(meeting, *, seats_taken: int, staff_preview: bool = False) -> dict:
    """What the meeting page shows about the meeting; ``_page`` adds the sign-up form.

    With ``staff_preview`` (a planner looking) the page also shows the programme check's
    warnings; anonymous visitors never get them.
    """
    # Read when the template renders them: the page keeps that part rendered per meeting version.
    items, workshops = selectors.meeting_programme(meeting=meeting), meeting.workshops.all()
    check = None
    if staff_preview:
        prefetch_related_objects([meeting], "workshops")  # the check and the sign-up form read one list
        items, workshops = list(items), list(meeting.workshops.all())
        check = programme_check(meeting=meeting, items=items, workshops=workshops)
    return {
        "meeting": meeting,
        "agenda_items": items,
        "programme_check": check,
        "workshops": workshops,
        # Called by the template where it shows the contact (it may read the organiser).
        "contact": meeting.contact,
        "state": selectors.meeting_registration_state(meeting=meeting, seats_taken=seats_taken),
        "seats_left": selectors.seats_left(meeting=meeting, seats_taken=seats_taken),
        "free_cancellation_until": selectors.free_cancellation_until(meeting=meeting),
        "now": timezone.now(),
    }


def _page(request, code, *, form=None, questions_form=None, status=200, closed_message=None, colleagues=None):
    meeting = get_meeting_for_page(request, code)
    # The programme check for those who plan the meeting (never in the cached anonymous page).
    planner = request.user.is_staff and request.user.has_perm("meetings.plan_meeting", meeting)
    context = meeting_page_context(meeting, seats_taken=seats.seats_taken(meeting=meeting), staff_preview=planner)
    if form is None and context["state"] in OPEN_STATES:
        context.update(_empty_sign_up_form(request, meeting))
        form, questions_form = context["form"], context["questions_form"]
    elif form is not None and questions_form is None:
        questions_form = questions_form_for(meeting)
    if form is not None:
        context["workshops"] = form.workshops  # read once, for the form's choices and the page's list
    if (form is not None or context.get("kept_form")) and colleagues is None:
        colleagues = views_colleagues.colleagues_form_for(meeting, questions_form=questions_form)
    context.update({"form": form, "questions_form": questions_form, "closed_message": closed_message})
    context["colleagues"] = colleagues
    response = render(request, "pages/meeting_page.html", context, status=status)
    # The page changes by itself when registration opens or closes and when the meeting starts or ends.
    response.page_cache_until = selectors.next_state_change(meeting=meeting)
    return response


def _empty_sign_up_form(request, meeting) -> dict:
    """The sign-up form of a GET: ``form`` and ``questions_form``, or ``kept_form``.

    For a visitor with nothing to prefill the empty form is the same for everyone: the template keeps
    it rendered under ``form_version`` (``kept_empty_form``). While it is kept, its HTML is used as it
    is and no form is built.
    """
    initial = _initial_for(request)
    read = questions_with_places(meeting)
    forms = {"form": None, "kept_form": None, "form_version": None}
    if not initial:
        forms["form_version"], forms["kept_form"] = kept_empty_form(meeting, read)
    if forms["kept_form"] is None:
        forms["form"] = RegistrationForm(meeting=meeting, initial=initial)
    forms["questions_form"] = questions_form_for(meeting, read=read)
    return forms


def kept_empty_form(meeting, read) -> tuple[str, str | None]:
    """The empty sign-up form's version, and its HTML while the meeting page keeps it (else None).

    The version is the meeting, its version, the language and what its questions show, places left
    included (``questions_fingerprint`` of ``read``, what ``questions_with_places`` returned). The
    template's ``{% cache ... registration_form form_version using="default" %}`` stores the HTML.
    """
    version = ":".join(
        (str(meeting.pk), meeting.updated_at.isoformat(), get_language() or "", questions_fingerprint(*read))
    )
    kept = cache.get(make_template_fragment_key("registration_form", [version]))
    return version, mark_safe(kept) if kept is not None else None  # noqa: S308 - the template rendered it


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
    """The meeting page (GET) and the sign-up its form sends (POST)."""
    if request.method != "POST":
        return _page(request, code)
    meeting = get_meeting_for_page(request, code, read="signup")
    questions_form = questions_form_for(meeting, request.POST)
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
    # Colleagues in one go (registration/views_colleagues.py): the rows, and "I am not taking part myself".
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


# --- The receipt after a sign-up --------------------------------------------


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
        "pages/receipt.html",
        {
            "group": group,
            "meeting": meeting,
            "email": email,
            # Called by the template where it shows the contact (it may read the organiser).
            "contact": meeting.contact,
            "outcome": outcome,
            "position": position,
        },
    )


# --- Calendar files and the embeddable list ---------------------------------


def meeting_calendar(request, code):
    try:
        meeting = selectors.meeting_public_qs().get(code=code)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return ics_response(meeting_ics(meeting), f"{meeting.code}.ics")


def all_meetings_calendar(request):
    return feed_response(request, _all_meetings_feed(request), "moeder.ics")


@cache_public_page
def _all_meetings_feed(request):
    return HttpResponse(meetings_feed_ics(feed_meetings(), name=_("All meetings")), content_type=ICS)


@framed_by(lambda: embed.all_meetings_origins())
def embed_meetings(request):
    """Every coming meeting for the organisers' websites and the portal's own (framing: ``common.framed_by``)."""
    return embed_list(request, heading=_("Coming meetings"), more_url=reverse("public:meeting_list"))
