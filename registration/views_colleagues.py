"""Colleagues in one go on the public meeting page, and the booker's page for the group."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netvaerk.throttle import limit_per_ip

from . import groups, services
from .enums import RegistrationStatus
from .forms_colleagues import ColleaguesForm
from .groups import IN_GROUP, REGISTERED, Person
from .selectors import waiting_position

# The same count per IP address as the personal link (wrong keys included).
_personal_link_limit = limit_per_ip(setting="PERSONAL_LINK_RATE_LIMIT", group="registration.personal_link")


def colleagues_form_for(meeting, data=None, *, questions_form=None) -> ColleaguesForm | None:
    """The colleague rows of the sign-up form, or None when the meeting takes no colleagues.

    The rows ask the booker's questions: ``questions_form`` is the booker's (None when the meeting
    has none), whose questions and places taken were read already.
    """
    if not meeting.max_colleagues:
        # A hostile post with rows for a meeting without colleagues is still counted (and refused).
        return ColleaguesForm(data, meeting=meeting) if data is not None and _has_rows(data) else None
    if questions_form is None:
        return ColleaguesForm(data, meeting=meeting, questions=[], taken=None)
    return ColleaguesForm(data, meeting=meeting, questions=questions_form.questions, taken=questions_form.taken)


def _has_rows(data) -> bool:
    return data.get("not_attending") or any(key.startswith("c") and "-" in key for key in data)


def relax_for_absent_booker(form, questions_form, colleagues: ColleaguesForm | None):
    """A booker who is not taking part chooses no workshop and answers no questions of their own."""
    if colleagues is None or not colleagues.not_attending:
        return questions_form
    for name in ("workshop_first", "workshop_second"):
        if name in form.fields:
            form.fields[name].required = False
    return None


def row_message(outcome: str) -> str:
    if outcome == IN_GROUP:
        return _("Not registered: the address is given earlier in the group.")
    if outcome == REGISTERED:
        return _("Not registered: the address is already registered for the meeting.")
    return ""


def group_sign_up(request, meeting, *, form, questions_form, colleagues: ColleaguesForm):
    """Sign up the booker and colleagues in one service call; returns the GroupResult or raises RegistrationError."""
    data = form.service_data()
    booker = Person(
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        organisation=form.cleaned_data.get("organisation") or "",
        answers=questions_form.answers() if questions_form is not None else None,
        data=data,
        sensitive_consent=form.cleaned_data["sensitive_consent"],
    )
    result = groups.group_registration_create(
        meeting=meeting,
        booker=booker,
        booker_attends=not colleagues.not_attending,
        colleagues=colleagues.people(),
        language=get_language() or "da",
        user=request.user if request.user.is_authenticated else None,
    )
    return result


def receipt_rows(booking) -> list[dict]:
    """The group on the receipt and the booker's page: each registration with its status now."""
    rows = []
    for registration in groups.booking_registrations(booking=booking):
        rows.append(
            {
                "registration": registration,
                "status": registration.status,
                "position": waiting_position(registration=registration)
                if registration.status == RegistrationStatus.WAITING
                else None,
                "can_cancel": services.registration_can_cancel(registration=registration),
            }
        )
    return rows


@_personal_link_limit
def group_booking(request, token):
    booking = groups.booking_by_token(token=token)
    if booking is None:
        raise Http404
    return render(
        request,
        "registration/group_booking.html",
        {
            "booking": booking,
            "meeting": booking.meeting,
            "group": {"booking": booking, "rows": receipt_rows(booking), "skipped": []},
        },
    )


@require_POST
@_personal_link_limit
def group_booking_cancel(request, token, pk):
    booking = groups.booking_by_token(token=token)
    if booking is None:
        raise Http404
    try:
        registration = groups.booking_seat_cancel(booking=booking, registration_id=pk)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The registration of %(name)s is cancelled.") % {"name": registration.name})
    return redirect("registration:group_booking", token=token)


def receipt_cookie(result: groups.GroupResult) -> dict:
    """What the receipt cookie keeps of a group sign-up: the booking, the booker's own registration, skipped rows."""
    own = next((row for row in result.rows if row.is_booker and row.registration is not None), None)
    values = {
        "booking": result.booking.pk if result.booking is not None else None,
        "skipped": [[row.person.name, row.outcome] for row in result.rows if not row.registration],
    }
    if own is not None:
        values.update(outcome=own.outcome, registration=own.registration.pk)
    elif result.rows and result.rows[0].is_booker:
        values["outcome"] = "duplicate"  # the booker's own address was already registered
    return values


def receipt_group(meeting, receipt: dict) -> dict | None:
    """The group part of the thank-you page, from the receipt cookie (None for a single sign-up)."""
    from .groups_models import GroupBooking

    if "skipped" not in receipt:
        return None  # a single sign-up
    booking = GroupBooking.objects.filter(pk=receipt.get("booking"), meeting=meeting).first()
    skipped = [
        {"name": str(name), "message": row_message(outcome)}
        for name, outcome in (receipt.get("skipped") or [])
        if isinstance(name, str) and outcome in (IN_GROUP, REGISTERED)
    ]
    rows = receipt_rows(booking) if booking is not None else []
    return {"booking": booking, "rows": rows, "skipped": skipped}


def booker_group(registration) -> dict | None:
    """The group on the booker's own personal page (the registration is the booker of a group), else None."""
    booking = groups.booking_of(registration=registration)
    if booking is None or not booking.booker_attends or booking.email.lower() != registration.email.lower():
        return None
    return {"booking": booking, "rows": receipt_rows(booking), "skipped": []}
