"""Staff pages for writing to a meeting's participants: the messages, step 1 (write), step 2 (preview, test, send).

Open to whoever plans the meeting's network (``meetings.plan_meeting``, the
access policy in netvaerk/access.py); everyone else gets 403 before any
participant is read. A sent message's page is its record: who wrote it, when,
to how many, and each recipient's email in the outbox.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from meetings.models import Meeting

from . import selectors_messages
from .forms_messages import ParticipantMessageForm
from .models import ParticipantMessage
from .participant_messages import (
    PERMISSION,
    MessageError,
    participant_message_preview,
    participant_message_save,
    participant_message_send,
    participant_message_send_test,
)


def _meeting(request, code) -> Meeting:
    meeting = Meeting.objects.select_related("network", "venue", "organiser").filter(code=code).first()
    if meeting is None:
        raise Http404
    if not request.user.has_perm(PERMISSION, meeting):
        raise PermissionDenied
    return meeting


def _message(request, meeting, pk) -> ParticipantMessage:
    try:
        return selectors_messages.message_for_staff(user=request.user, meeting=meeting, pk=pk)
    except ParticipantMessage.DoesNotExist:
        raise Http404 from None


@login_required
def message_list(request, code):
    meeting = _meeting(request, code)
    return render(
        request,
        "registration/staff/message_list.html",
        {"meeting": meeting, "messages_sent": selectors_messages.messages_of_meeting(meeting=meeting)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_write(request, code, pk=None):
    """Step 1: a new message, or a draft again (back from the preview)."""
    meeting = _meeting(request, code)
    message = _message(request, meeting, pk) if pk is not None else None
    if message is not None and message.is_sent:
        return redirect("registration:staff_message", code=meeting.code, pk=message.pk)
    initial = ParticipantMessageForm.initial_from(message) if message else None
    form = ParticipantMessageForm(request.POST or None, request.FILES or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            message = participant_message_save(
                meeting=meeting,
                by=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                filters=form.filters(),
                attachment=form.cleaned_data.get("attachment") or None,
                remove_attachment=form.cleaned_data.get("remove_attachment", False),
                message=message,
            )
        except MessageError as error:
            messages.error(request, error.message)
            return redirect("registration:staff_messages", code=meeting.code)
        return redirect("registration:staff_message", code=meeting.code, pk=message.pk)
    return render(
        request,
        "registration/staff/message_write.html",
        {"meeting": meeting, "form": form, "draft": message, "placeholders": form.placeholder_help()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_detail(request, code, pk):
    """Step 2 for a draft (preview, test, send); the record for a sent message."""
    meeting = _meeting(request, code)
    message = _message(request, meeting, pk)
    if request.method == "POST":
        return _act(request, meeting, message)
    if message.is_sent:
        deliveries = selectors_messages.message_deliveries(message=message)
        return render(
            request,
            "registration/staff/message_record.html",
            {
                "meeting": meeting,
                "message": message,
                "deliveries": deliveries,
                "counts": selectors_messages.delivery_counts(deliveries),
            },
        )
    preview = participant_message_preview(message=message, by=request.user)
    return render(
        request,
        "registration/staff/message_preview.html",
        {"meeting": meeting, "message": message, "preview": preview},
    )


def _act(request, meeting, message):
    here = redirect("registration:staff_message", code=meeting.code, pk=message.pk)
    try:
        if "test" in request.POST:
            email = participant_message_send_test(message=message, by=request.user)
            messages.success(request, _("A test is on its way to %(email)s.") % {"email": email.recipient})
        elif "send" in request.POST:
            n = participant_message_send(message=message, by=request.user)
            if n:
                messages.success(
                    request,
                    ngettext(
                        "The message is on its way to %(n)d participant.",
                        "The message is on its way to %(n)d participants.",
                        n,
                    )
                    % {"n": n},
                )
            else:
                messages.info(request, _("This message had already been sent; nothing was sent again."))
        else:
            return here
    except MessageError as error:
        messages.error(request, error.message)
    return here
