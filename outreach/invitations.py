"""Invitations to a network's meeting, their re-send, the test to oneself and the deadline nudge.

Every email goes through the outbox with a key naming its reason and the invitation row
(``invitation:<id>``, ``invitation-again:<id>``, ``nudge:<id>``), so a person gets each once
however often a consultant clicks or a job runs. One meeting's sends are serialised by a lock
on its ``MeetingOutreach`` row; nudge runs at once share the rows through SKIP LOCKED.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from outbox.queue import PreparedEmail, email_store_many
from registration.seats import seats_taken

from . import selectors
from .emails import OutreachRenderer, Personal, meeting_context, unsubscribe_headers, unsubscribe_url
from .enums import OutreachKind
from .models import Invitation, MeetingOutreach

logger = logging.getLogger(__name__)

# "Send again" reaches those invited at least this long ago: someone invited a moment ago (new in
# the network, invited by the same click) is not reminded by the next click.
AGAIN_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class SendResult:
    invited: int  # first invitations queued now
    invited_again: int  # second invitations queued now


def seats_left(*, meeting: Meeting) -> int | None:
    """Free seats, or None when the meeting has no limit."""
    if meeting.capacity is None:
        return None
    return max(0, meeting.capacity - seats_taken(meeting=meeting))


def can_invite(*, meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """A published network meeting whose registration deadline has not passed."""
    now = now or timezone.now()
    return (
        meeting.network_id is not None
        and meeting.status == MeetingStatus.PUBLISHED
        and meeting.registration_deadline > now
    )


def _prepared(renderer, invitation: Invitation, *, template_key: str, member: bool, **extra) -> PreparedEmail:
    url = unsubscribe_url(network_id=invitation.meeting.network_id, email=invitation.email)
    rendered = renderer.render(
        language=invitation.language,
        member=member,
        personal=Personal(name=invitation.name, unsubscribe_url=url),
        **extra,
    )
    return PreparedEmail(
        to=invitation.email,
        template=renderer.template,
        rendered=rendered,
        language=invitation.language,
        idempotency_key=template_key,
        ref=invitation.meeting,
        reply_to=invitation.meeting.contact().get("email") or "",
        headers=unsubscribe_headers(url),
    )


def _lock(meeting: Meeting) -> MeetingOutreach:
    MeetingOutreach.objects.get_or_create(meeting=meeting)
    return MeetingOutreach.objects.select_for_update().get(meeting=meeting)


def invitations_send(*, meeting: Meeting, again: bool = False, now: dt.datetime | None = None) -> SendResult:
    """Invite everyone in the audience not invited yet; with ``again``, invite once more those not signed up.

    The second invitation goes once per person, to those invited at least ``AGAIN_AFTER`` ago.

    Safe to call twice or twice at once: the meeting's outreach row is locked and each person's
    email has its own key. Nothing is sent for a meeting that is not open for invitations.
    """
    now = now or timezone.now()
    with transaction.atomic():
        outreach = _lock(meeting)
        meeting = Meeting.objects.select_related("network", "organiser", "venue").get(pk=meeting.pk)
        if not can_invite(meeting=meeting, now=now):
            return SendResult(0, 0)
        recipients = selectors.invitation_recipients(meeting=meeting)
        existing = {invitation.email: invitation for invitation in Invitation.objects.filter(meeting=meeting)}
        for invitation in existing.values():
            invitation.meeting = meeting
        new = [
            Invitation(meeting=meeting, email=p.email, name=p.name, user_id=p.user_id, language=p.language)
            for p in recipients
            if p.email not in existing
        ]
        Invitation.objects.bulk_create(new, batch_size=1000)
        renderer = OutreachRenderer(
            template="outreach_invitation", context=meeting_context(meeting, seats_left=seats_left(meeting=meeting))
        )
        emails = [
            _prepared(renderer, invitation, template_key=f"invitation:{invitation.pk}", member=bool(invitation.user_id))
            for invitation in new
        ]
        again_rows = []
        if again:
            eligible = {p.email for p in recipients}
            again_rows = [
                invitation
                for email, invitation in existing.items()
                if email in eligible and invitation.resent_at is None and invitation.created_at <= now - AGAIN_AFTER
            ]
            emails += [
                _prepared(
                    renderer,
                    invitation,
                    template_key=f"invitation-again:{invitation.pk}",
                    member=bool(invitation.user_id),
                    again=True,
                )
                for invitation in again_rows
            ]
            Invitation.objects.filter(pk__in=[row.pk for row in again_rows]).update(resent_at=now)
            outreach.resent_at = now
        email_store_many(emails=emails)
        outreach.invited_at = outreach.invited_at or now
        outreach.save()
    return SendResult(invited=len(new), invited_again=len(again_rows))


def invitation_test_send(*, meeting: Meeting, by) -> None:
    """Send the invitation as a member would get it to ``by`` (marked as a test); every click sends one."""
    meeting = Meeting.objects.select_related("network", "organiser", "venue").get(pk=meeting.pk)
    renderer = OutreachRenderer(
        template="outreach_invitation", context=meeting_context(meeting, seats_left=seats_left(meeting=meeting))
    )
    url = unsubscribe_url(network_id=meeting.network_id or 0, email=by.email)
    language = getattr(getattr(by, "member_profile", None), "language", "da") or "da"
    rendered = renderer.render(
        language=language, member=True, personal=Personal(name=by.get_full_name(), unsubscribe_url=url), test=True
    )
    with transaction.atomic():
        email_store_many(
            emails=[
                PreparedEmail(
                    to=by.email,
                    template="outreach_invitation",
                    rendered=rendered,
                    language=language,
                    idempotency_key=f"invitation-test:{meeting.pk}:{uuid.uuid4().hex}",
                    ref=meeting,
                    headers=unsubscribe_headers(url),
                )
            ]
        )


# --- publishing ----------------------------------------------------------------------------------


def meeting_published(*, name: str, meeting: Meeting, **payload) -> None:
    """``meeting.published``: ask for the invitation; a worker sends it after commit.

    Runs inside the publishing transaction: only a row is written here. The periodic job sends
    any request a lost task left behind.
    """
    if not can_invite(meeting=meeting):
        return
    MeetingOutreach.objects.update_or_create(meeting=meeting, defaults={"requested_at": timezone.now()})
    meeting_id = meeting.pk

    def enqueue():
        from netvaerk.outage import BROKER_AWAY

        from .tasks import invitations_send_task

        try:
            # The mail queue: queueing invitations is email work, done by the workers that send them.
            invitations_send_task.apply_async(args=[meeting_id], queue=settings.EMAIL_QUEUE)
        except BROKER_AWAY:
            logger.info("Broker unavailable; the invitation of meeting %s waits for the periodic job", meeting_id)

    transaction.on_commit(enqueue)


def requested_invitations_send(*, now: dt.datetime | None = None) -> int:
    """Send the invitations that publishing asked for and no worker sent (a lost task, Redis away)."""
    now = now or timezone.now()
    pending = MeetingOutreach.objects.filter(
        requested_at__isnull=False,
        invited_at__isnull=True,
        meeting__status=MeetingStatus.PUBLISHED,
        meeting__registration_deadline__gt=now,
    ).select_related("meeting")
    sent = 0
    for outreach in pending:
        sent += invitations_send(meeting=outreach.meeting, now=now).invited
    return sent


# --- the deadline nudge --------------------------------------------------------------------------


def nudge_due_at(*, meeting: Meeting) -> dt.datetime:
    return meeting.registration_deadline - dt.timedelta(days=meeting.nudge_days_before)


def _room_left(meeting: Meeting) -> bool:
    left = seats_left(meeting=meeting)
    return left is None or left > 0 or meeting.waiting_list_enabled


def nudges_send_due(*, now: dt.datetime | None = None) -> int:
    """Remind those invited who have not signed up, once each; safe to run twice or twice at once."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        status=MeetingStatus.PUBLISHED,
        nudge_enabled=True,
        network__isnull=False,
        registration_deadline__gt=now,
        registration_deadline__lte=now + dt.timedelta(days=61),
    ).select_related("network", "organiser", "venue")
    queued = 0
    for meeting in meetings:
        if now < nudge_due_at(meeting=meeting) or (
            meeting.registration_opens_at and meeting.registration_opens_at > now
        ):
            continue
        if not _room_left(meeting):
            continue
        queued += _nudge_meeting(meeting, now=now)
    return queued


def _nudge_meeting(meeting: Meeting, *, now: dt.datetime) -> int:
    with transaction.atomic():
        # Two runs at once each take the rows the other has not locked: nobody is reminded twice.
        invitations = list(
            Invitation.objects.select_for_update(skip_locked=True)
            .filter(meeting=meeting, nudged_at__isnull=True)
            .order_by("pk")
        )
        if not invitations:
            return 0
        for invitation in invitations:
            invitation.meeting = meeting
        registered = selectors.signed_up(meeting=meeting)
        excluded = selectors.opted_out(network=meeting.network, kind=OutreachKind.NUDGE)
        due = [i for i in invitations if i.email not in registered and i.email not in excluded]
        renderer = OutreachRenderer(
            template="outreach_nudge", context=meeting_context(meeting, seats_left=seats_left(meeting=meeting))
        )
        email_store_many(
            emails=[
                _prepared(renderer, invitation, template_key=f"nudge:{invitation.pk}", member=bool(invitation.user_id))
                for invitation in due
            ]
        )
        Invitation.objects.filter(pk__in=[i.pk for i in due]).update(nudged_at=now)
    return len(due)


def send_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic job: invitations left waiting, then the nudges that are due."""
    return {
        "invitations": requested_invitations_send(now=now),
        "nudges": nudges_send_due(now=now),
    }
