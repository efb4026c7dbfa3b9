"""Business rules of the meeting craft: ideas, agenda proposals, evaluations and the two periodic emails.

Permission refusals raise django's PermissionDenied (a 403 in views); rule
refusals raise CraftError with a message for the person.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import AgendaItemKind, MeetingStatus
from meetings.models import AgendaItem, Meeting
from members.access import can_plan, group_access
from members.enums import MembershipRole, MembershipStatus
from members.models import Membership
from netvaerk.models import Network
from registration.enums import RegistrationStatus
from registration.models import Registration

from . import emails
from .enums import ProposalStatus
from .models import AgendaProposal, Evaluation, Idea, IdeaComment, split_tags
from .selectors import evaluation_invitees

# A topic put on a programme gets this many minutes after the last point; the
# programme check tells the working group if the meeting then runs over.
PROPOSAL_MINUTES = 30
EVALUATION_SALT = "craft.evaluation"


class CraftError(Exception):
    """A rule refused the change; the message is shown to the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _require_view(*, by, network: Network) -> None:
    if not group_access(user=by, network=network).can_view:
        raise PermissionDenied


def _require_plan(*, by, network: Network) -> None:
    if not can_plan(user=by, network=network):
        raise PermissionDenied


def _check_meeting(network: Network, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.network_id != network.pk:
        raise CraftError(_("Choose a meeting of this network."))


# --- The idea catalogue ---------------------------------------------------------------


def idea_create(
    *, network: Network, by, title: str, description: str = "", tags: str = "", meeting: Meeting | None = None
) -> Idea:
    """Record an idea (the coordinator and the working group); members read and comment."""
    _require_plan(by=by, network=network)
    _check_meeting(network, meeting)
    return Idea.objects.create(
        network=network,
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        tags=", ".join(split_tags(tags)),
        author=by,
    )


def idea_comment_create(*, idea: Idea, by, body: str) -> IdeaComment:
    _require_view(by=by, network=idea.network)
    body = body.strip()
    if not body:
        raise CraftError(_("Write a comment first."))
    return IdeaComment.objects.create(idea=idea, author=by, body=body)


def idea_comment_remove(*, comment: IdeaComment, by, now: dt.datetime | None = None) -> IdeaComment:
    """The author removes their own comment; the coordinator any comment."""
    if comment.author_id != by.pk and not group_access(user=by, network=comment.idea.network).can_moderate:
        raise PermissionDenied
    comment.removed_at = now or timezone.now()
    comment.save(update_fields=["removed_at"])
    return comment


# --- Agenda proposals -----------------------------------------------------------------------


def agenda_proposal_create(*, network: Network, by, title: str, description: str = "") -> AgendaProposal:
    """A member proposes a topic for a coming meeting."""
    _require_view(by=by, network=network)
    title = " ".join(title.split())
    if not title:
        raise CraftError(_("Write the topic you propose."))
    return AgendaProposal.objects.create(network=network, author=by, title=title, description=description.strip())


def _next_free_time(meeting: Meeting) -> dt.time:
    items = list(meeting.agenda_items.all())
    if not items:
        return meeting.local_start.time()
    return max(item.end_time or item.start_time for item in items)


def agenda_proposal_plan(
    *, proposal: AgendaProposal, meeting: Meeting, by, now: dt.datetime | None = None
) -> AgendaItem:
    """Put a proposed topic on a meeting's programme (the working group, one click).

    The item comes after the last point of the programme, as group work of
    PROPOSAL_MINUTES minutes; the programme check then says whether the
    meeting runs over. Locks the proposal: two clicks make one agenda item.
    """
    now = now or timezone.now()
    _require_plan(by=by, network=proposal.network)
    _check_meeting(proposal.network, meeting)
    if meeting.status == MeetingStatus.CANCELLED or meeting.ends_at < now:
        raise CraftError(_("The meeting is over or cancelled; choose a coming meeting."))
    with transaction.atomic():
        proposal = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise CraftError(_("The proposal has already been dealt with."))
        start = _next_free_time(meeting)
        end_at = dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=PROPOSAL_MINUTES)
        end = end_at.time() if end_at.date() == dt.date.min else None
        order = max((item.order for item in meeting.agenda_items.all()), default=-1) + 1
        item = AgendaItem.objects.create(
            meeting=meeting,
            start_time=start,
            end_time=end,
            kind=AgendaItemKind.GROUP_WORK,
            title=proposal.title,
            description=proposal.description,
            order=order,
        )
        proposal.status = ProposalStatus.PLANNED
        proposal.meeting = meeting
        proposal.agenda_item = item
        proposal.decided_by = by
        proposal.decided_at = now
        proposal.save(update_fields=["status", "meeting", "agenda_item", "decided_by", "decided_at"])
    return item


def agenda_proposal_decline(*, proposal: AgendaProposal, by, now: dt.datetime | None = None) -> AgendaProposal:
    """The working group sets a proposal aside; its author may withdraw it."""
    if proposal.author_id != by.pk:
        _require_plan(by=by, network=proposal.network)
    if proposal.status != ProposalStatus.OPEN:
        raise CraftError(_("The proposal has already been dealt with."))
    proposal.status = ProposalStatus.DECLINED
    proposal.decided_by = by
    proposal.decided_at = now or timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


# --- Evaluations ------------------------------------------------------------------------------


def evaluation_token(*, registration: Registration) -> str:
    """The key in the evaluation link: signed, so it cannot be guessed, and dated, so it expires."""
    return signing.dumps(registration.pk, salt=EVALUATION_SALT)


def evaluation_registration(*, token: str) -> Registration:
    """The registration behind an evaluation link.

    Raises CraftError for an expired link and Registration.DoesNotExist for
    anything else (tampered, unknown, cancelled, anonymised).
    """
    try:
        pk = signing.loads(token, salt=EVALUATION_SALT, max_age=dt.timedelta(days=settings.EVALUATION_LINK_DAYS))
    except signing.SignatureExpired:
        raise CraftError(_("The evaluation has closed. Thank you all the same.")) from None
    except signing.BadSignature:
        raise Registration.DoesNotExist from None
    return Registration.objects.select_related("meeting__organiser", "meeting__network").get(
        pk=pk, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    )


def evaluation_submit(
    *, registration: Registration, rating: int, comment: str = "", now: dt.datetime | None = None
) -> Evaluation:
    """Store a participant's evaluation: one per registration, only after the meeting has started."""
    now = now or timezone.now()
    if registration.status != RegistrationStatus.CONFIRMED:
        raise CraftError(_("Only participants of the meeting can evaluate it."))
    if registration.meeting.starts_at > now:
        raise CraftError(_("You can evaluate the meeting once it has taken place."))
    if not 1 <= int(rating) <= 5:
        raise CraftError(_("Choose a rating from 1 to 5."))
    try:
        with transaction.atomic():
            return Evaluation.objects.create(registration=registration, rating=int(rating), comment=comment.strip())
    except IntegrityError:
        # The constraint decides, also when the form is sent twice at once.
        raise CraftError(_("You have already evaluated the meeting. Thank you.")) from None


def _due(day: dt.date, days_after: int) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day + dt.timedelta(days=days_after), dt.time(settings.REMINDER_HOUR, 0))
    )


def evaluation_requests_send(*, now: dt.datetime | None = None) -> int:
    """Email the evaluation link to each participant the day after a meeting (09.00); once each.

    Safe to run twice or twice at once (idempotency keys). Meetings that ended
    more than CRAFT_EMAIL_WINDOW_DAYS ago are left alone.
    """
    now = now or timezone.now()
    window = dt.timedelta(days=settings.CRAFT_EMAIL_WINDOW_DAYS + settings.EVALUATION_EMAIL_DAYS)
    meetings = Meeting.objects.filter(status=MeetingStatus.PUBLISHED, ends_at__lt=now, ends_at__gte=now - window)
    queued = 0
    for meeting in meetings.order_by("ends_at"):
        if now < _due(meeting.local_end.date(), settings.EVALUATION_EMAIL_DAYS):
            continue
        answered = set(Evaluation.objects.filter(registration__meeting=meeting).values_list("registration", flat=True))
        for registration in evaluation_invitees(meeting=meeting):
            if registration.pk in answered:
                continue
            with transaction.atomic():
                emails.send_evaluation_request(registration, token=evaluation_token(registration=registration))
            queued += 1
    return queued


def _minutes_recipients(meeting: Meeting) -> list:
    network = meeting.network
    if network.coordinator is not None and network.coordinator.is_active and network.coordinator.email:
        return [network.coordinator]
    return [
        membership.user
        for membership in Membership.objects.filter(
            network=network, role=MembershipRole.COORDINATOR, status=MembershipStatus.ACTIVE, user__is_active=True
        ).select_related("user__member_profile")
    ]


def minutes_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the coordinator, two days after a network meeting (09.00), that it has no minutes yet; once."""
    from members.models import Minutes

    now = now or timezone.now()
    window = dt.timedelta(days=settings.CRAFT_EMAIL_WINDOW_DAYS + settings.MINUTES_REMINDER_DAYS)
    meetings = Meeting.objects.filter(
        network__isnull=False, status=MeetingStatus.PUBLISHED, ends_at__lt=now, ends_at__gte=now - window
    ).select_related("network__coordinator__member_profile", "organiser")
    written = {minutes.meeting_id for minutes in Minutes.objects.filter(meeting__in=meetings) if minutes.is_written}
    queued = 0
    for meeting in meetings.order_by("ends_at"):
        if meeting.pk in written or now < _due(meeting.local_end.date(), settings.MINUTES_REMINDER_DAYS):
            continue
        for user in _minutes_recipients(meeting):
            with transaction.atomic():
                emails.send_minutes_reminder(meeting, user)
            queued += 1
    return queued
