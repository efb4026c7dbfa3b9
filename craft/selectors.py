"""Reads of the meeting craft shared by pages, admin, emails and the demo, with their joins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from members.enums import MembershipStatus
from netvaerk.models import Network, Organisation
from registration.enums import RegistrationStatus
from registration.models import Registration

from .enums import ProposalStatus
from .models import AgendaProposal, Evaluation, Idea, IdeaComment, split_tags

# --- The idea catalogue ---------------------------------------------------------------


def network_ideas(*, network: Network, tag: str = "", meeting_code: str = "") -> list[Idea]:
    """The network's ideas, newest first, with author, meeting and the number of comments (one query)."""
    qs = (
        Idea.objects.filter(network=network)
        .select_related("meeting", "author", "author__member_profile__organisation")
        .annotate(comment_count=Count("comments", filter=Q(comments__removed_at__isnull=True)))
        .order_by("-created_at", "-id")
    )
    if meeting_code:
        qs = qs.filter(meeting__code=meeting_code)
    if tag:
        tag = " ".join(tag.split()).lower()
        # icontains narrows in the database; the exact tag is checked here ("unge" is not "ungeråd").
        return [idea for idea in qs.filter(tags__icontains=tag) if tag in idea.tag_list]
    return list(qs)


def network_idea_tags(*, network: Network) -> list[str]:
    tags: set[str] = set()
    for value in Idea.objects.filter(network=network).exclude(tags="").values_list("tags", flat=True):
        tags.update(split_tags(value))
    return sorted(tags)


def idea_detail(*, network: Network, pk: int) -> Idea:
    """One idea with its visible comments and their authors; raises Idea.DoesNotExist."""
    comments = (
        IdeaComment.objects.filter(removed_at__isnull=True)
        .select_related("author", "author__member_profile__organisation")
        .order_by("created_at", "id")
    )
    return (
        Idea.objects.select_related("meeting", "author", "author__member_profile__organisation")
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="visible_comments"))
        .get(network=network, pk=pk)
    )


# --- Agenda proposals -----------------------------------------------------------------------


def network_proposals(*, network: Network) -> dict[str, list[AgendaProposal]]:
    """Open proposals (oldest first: they have waited longest) and the decided ones (newest first)."""
    rows = list(
        AgendaProposal.objects.filter(network=network)
        .select_related("author", "author__member_profile__organisation", "meeting", "decided_by")
        .order_by("created_at", "id")
    )
    open_rows = [row for row in rows if row.status == ProposalStatus.OPEN]
    decided = [row for row in rows if row.status != ProposalStatus.OPEN]
    decided.reverse()
    return {"open": open_rows, "decided": decided}


def planning_meetings(*, network: Network, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings of the network a topic can still go on: drafts and published ones not over yet."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        network=network, status__in=[MeetingStatus.DRAFT, MeetingStatus.PUBLISHED], ends_at__gte=now
    ).order_by("starts_at")


# --- Host rotation --------------------------------------------------------------------------


@dataclass(frozen=True)
class HostSuggestion:
    organisation: Organisation
    last_hosted: dt.datetime | None
    times: int

    @property
    def never_hosted(self) -> bool:
        return self.last_hosted is None

    @property
    def has_coming_turn(self) -> bool:
        return self.last_hosted is not None and self.last_hosted > timezone.now()


def network_member_organisations(*, network: Network) -> QuerySet[Organisation]:
    """Organisations of the network's active members (from their profiles)."""
    return Organisation.objects.filter(
        member_profiles__user__memberships__network=network,
        member_profiles__user__memberships__status=MembershipStatus.ACTIVE,
        member_profiles__user__is_active=True,
    ).distinct()


def host_suggestions(*, network: Network, limit: int | None = None) -> list[HostSuggestion]:
    """Member organisations in hosting order: never hosted first, then the longest since they hosted.

    Hosting counts the network's meetings that are not cancelled, planned
    ones included: an organisation with a turn coming up goes to the back.
    One query, whatever the number of members and meetings.
    """
    hosted = Meeting.objects.filter(network=network, host_organisation=OuterRef("pk")).exclude(
        status=MeetingStatus.CANCELLED
    )
    last = hosted.order_by().values("host_organisation").annotate(last=Max("starts_at")).values("last")
    times = hosted.order_by().values("host_organisation").annotate(n=Count("pk")).values("n")
    organisations = network_member_organisations(network=network).annotate(
        last_hosted=Subquery(last[:1]), times_hosted=Coalesce(Subquery(times[:1]), 0)
    )
    rows = [HostSuggestion(org, org.last_hosted, org.times_hosted) for org in organisations]
    rows.sort(key=lambda row: (row.last_hosted is not None, row.last_hosted or dt.datetime.min, row.organisation.name))
    return rows[:limit] if limit else rows


# --- Evaluations ------------------------------------------------------------------------------


def evaluation_invitees(*, meeting: Meeting) -> QuerySet[Registration]:
    """Who gets the evaluation email: those checked in at the door, or, if nobody was, the confirmed.

    Anonymised registrations have no address any more and are left out.
    """
    confirmed = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    )
    if confirmed.filter(attended=True).exists():
        confirmed = confirmed.filter(attended=True)
    return confirmed.select_related("meeting__organiser", "meeting__network", "meeting__venue").order_by("id")


def _with_evaluation_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    counts = {
        f"rating_{value}": Count("registrations__evaluations", filter=Q(registrations__evaluations__rating=value))
        for value in range(1, 6)
    }
    return qs.annotate(
        answers=Count("registrations__evaluations"),
        average=Avg("registrations__evaluations__rating"),
        **counts,
    )


@dataclass(frozen=True)
class MeetingEvaluation:
    meeting: Meeting
    answers: int
    average: float | None
    distribution: list[tuple[int, int]]

    @property
    def average_percent(self) -> int:
        # For the bar: 5 is 100 %.
        return round((self.average or 0) * 20)


def _summary(meeting: Meeting) -> MeetingEvaluation:
    return MeetingEvaluation(
        meeting=meeting,
        answers=meeting.answers,
        average=round(meeting.average, 1) if meeting.average is not None else None,
        distribution=[(value, getattr(meeting, f"rating_{value}")) for value in range(1, 6)],
    )


def network_evaluations(*, network: Network, now: dt.datetime | None = None) -> list[MeetingEvaluation]:
    """The network's held meetings over time, oldest first, each with its answers (one query)."""
    now = now or timezone.now()
    meetings = _with_evaluation_counts(
        Meeting.objects.filter(network=network, status=MeetingStatus.PUBLISHED, ends_at__lt=now).select_related("venue")
    ).order_by("starts_at")
    return [_summary(meeting) for meeting in meetings]


def meeting_evaluation(*, meeting: Meeting) -> tuple[MeetingEvaluation, list[Evaluation]]:
    """A meeting's figures and its answers, newest first, without names."""
    annotated = _with_evaluation_counts(Meeting.objects.filter(pk=meeting.pk)).get()
    answers = list(Evaluation.objects.filter(registration__meeting=meeting).order_by("-created_at", "-id"))
    return _summary(annotated), answers


def meeting_evaluation_invited(*, meeting: Meeting) -> int:
    return evaluation_invitees(meeting=meeting).count()
