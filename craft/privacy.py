"""Personal data in meeting craft: evaluations by participants, ideas and proposals by members (see netvaerk.privacy)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from netvaerk.privacy import PersonalDataSource, iso

from .models import AgendaProposal, Evaluation, Idea, IdeaComment


def craft_export(*, email: str) -> list[dict]:
    """Evaluations given through a registration with the address; ideas, comments and proposals of its member."""
    rows: list[dict] = []
    for evaluation in Evaluation.objects.filter(registration__email__iexact=email).select_related(
        "registration__meeting"
    ):
        rows.append(
            {
                "kind": "evaluation",
                "meeting": evaluation.registration.meeting.code,
                "rating": evaluation.rating,
                "comment": evaluation.comment,
                "created_at": iso(value=evaluation.created_at),
            }
        )
    for idea in Idea.objects.filter(author__email__iexact=email):
        rows.append(
            {
                "kind": "idea",
                "title": idea.title,
                "description": idea.description,
                "created_at": iso(value=idea.created_at),
            }
        )
    for comment in IdeaComment.objects.filter(author__email__iexact=email).select_related("idea"):
        rows.append(
            {
                "kind": "idea_comment",
                "idea": comment.idea.title,
                "body": comment.body,
                "created_at": iso(value=comment.created_at),
            }
        )
    for proposal in AgendaProposal.objects.filter(author__email__iexact=email):
        rows.append(
            {
                "kind": "agenda_proposal",
                "title": proposal.title,
                "description": proposal.description,
                "created_at": iso(value=proposal.created_at),
            }
        )
    return rows


def craft_erase(*, email: str) -> int:
    """Evaluation comments go (the rating stays for the statistics); ideas and proposals lose their author with the account."""
    return Evaluation.objects.filter(registration__email__iexact=email).exclude(comment="").update(comment="")


def craft_retain(*, before: dt.datetime) -> int:
    """Free-text evaluation comments may name people: they go with the names, the ratings stay."""
    return (
        Evaluation.objects.filter(registration__meeting__ends_at__lt=before).filter(~Q(comment="")).update(comment="")
    )


SOURCES = [PersonalDataSource("meeting_craft", craft_export, craft_erase, craft_retain)]
