"""The consultant's invitation step: who will receive it, a test to oneself, send, send again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.models import Meeting

from . import invitations, selectors
from .emails import OutreachRenderer, Personal, meeting_context
from .forms import InvitationActionForm
from .models import MeetingOutreach

PLAN_PERMISSION = "meetings.plan_meeting"
LIST_LIMIT = 500


def _meeting(request, code) -> Meeting:
    meeting = Meeting.objects.select_related("network", "organiser", "venue").filter(code=code).first()
    if meeting is None:
        raise Http404
    if not request.user.is_staff or not request.user.has_perm(PLAN_PERMISSION, meeting):
        raise PermissionDenied
    if meeting.network_id is None:
        raise Http404  # a stand-alone meeting has no network to invite
    return meeting


def _preview(meeting: Meeting, user) -> dict:
    renderer = OutreachRenderer(
        template="outreach_invitation",
        context=meeting_context(meeting, seats_left=invitations.seats_left(meeting=meeting)),
    )
    rendered = renderer.render(
        language="da", member=True, personal=Personal(name=user.get_full_name(), unsubscribe_url="#")
    )
    return {"subject": rendered.subject, "text": rendered.text}


@login_required
def invitation(request, code):
    meeting = _meeting(request, code)
    if request.method == "POST":
        form = InvitationActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to do."))
            return redirect("outreach:staff_invitation", code=code)
        action = form.cleaned_data["action"]
        if action == "test":
            invitations.invitation_test_send(meeting=meeting, by=request.user)
            messages.success(
                request, _("A test invitation is on its way to %(email)s.") % {"email": request.user.email}
            )
        elif not invitations.can_invite(meeting=meeting):
            messages.error(
                request, _("Only a published meeting whose registration deadline has not passed is invited to.")
            )
        else:
            result = invitations.invitations_send(meeting=meeting, again=action == "again")
            count = result.invited + result.invited_again
            messages.success(
                request,
                ngettext(
                    "The invitation is queued for %(count)d person.",
                    "The invitation is queued for %(count)d people.",
                    count,
                )
                % {"count": count},
            )
        return redirect("outreach:staff_invitation", code=code)
    recipients = selectors.invitation_recipients(meeting=meeting)
    outreach = MeetingOutreach.objects.filter(meeting=meeting).first()
    context = {
        "meeting": meeting,
        "recipients": recipients[:LIST_LIMIT],
        "recipient_count": len(recipients),
        "more": max(0, len(recipients) - LIST_LIMIT),
        "figures": selectors.invitation_figures(meeting=meeting),
        "outreach": outreach,
        "can_invite": invitations.can_invite(meeting=meeting),
        "preview": _preview(meeting, request.user),
    }
    return render(request, "outreach/staff_invitation.html", context)
