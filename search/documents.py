"""What the search index holds of each kind of public object, one source per kind.

A source names the public objects of its kind (the same querysets the public
pages list, joins included, so indexing many costs a few queries) and turns
one object into the fields of its ``SearchDocument``: the title, a lead that
weighs more than the rest, the text, and the address and date a result shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from content import markup
from content.enums import PostStatus
from content.models import BlogPost, Offer
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from netvaerk.models import Network

from .enums import DocumentKind

WORD_RE = re.compile(r"\w+")


def _join(*parts: str | None) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def words_of(*texts: str) -> str:
    """Every word (two letters or more) once, in lower case, in the order they first occur."""
    seen = dict.fromkeys(
        word for text in texts for word in WORD_RE.findall(text.casefold()) if len(word) > 1 and not word.isdigit()
    )
    return " ".join(seen)


@dataclass(frozen=True)
class Source:
    kind: str
    public: Callable[[], QuerySet]
    fields: Callable[[object], dict]

    def documents(self, objects: Iterable) -> list[dict]:
        documents = []
        for obj in objects:
            fields = self.fields(obj)
            fields.update(kind=self.kind, object_id=obj.pk, url=obj.get_absolute_url())
            fields["words"] = words_of(fields["title"], fields.get("lead", ""), fields.get("body", ""))
            documents.append(fields)
        return documents


# --- Networks -------------------------------------------------------------------------------


def _public_networks() -> QuerySet[Network]:
    return Network.objects.public().select_related("theme").prefetch_related("work_areas", "target_groups")


def _network_fields(network: Network) -> dict:
    return {
        "title": network.name,
        "lead": network.teaser,
        "body": _join(
            network.description,
            network.form,
            network.theme.name if network.theme else "",
            ", ".join(area.name for area in network.work_areas.all()),
            network.work_area_note,
            ", ".join(group.name for group in network.target_groups.all()),
            network.target_group_note,
            network.terms_composition,
            network.terms_responsibility,
            network.terms_tasks,
            network.join_info,
        ),
    }


# --- Meetings -------------------------------------------------------------------------------


def _public_meetings() -> QuerySet[Meeting]:
    # The public pages' rule: published or cancelled (with a banner), never drafts, never of a hidden network.
    return Meeting.objects.public().select_related("network", "venue").prefetch_related("agenda_items", "workshops")


def _meeting_fields(meeting: Meeting) -> dict:
    programme = [_join(item.title, item.speakers, item.description) for item in meeting.agenda_items.all()]
    workshops = [_join(workshop.title, workshop.description) for workshop in meeting.workshops.all()]
    return {
        "title": meeting.title,
        "lead": _join(meeting.teaser, meeting.network.name if meeting.network else ""),
        "body": _join(
            meeting.code,
            meeting.get_kind_display(),
            meeting.purpose,
            meeting.description,
            meeting.target_group_note,
            str(meeting.venue) if meeting.venue else "",
            *programme,
            *workshops,
        ),
        "date": meeting.starts_at,
        "cancelled": meeting.status == MeetingStatus.CANCELLED,
    }


# --- Blog posts -----------------------------------------------------------------------------


def _public_posts() -> QuerySet[BlogPost]:
    # Posts dated in the future are indexed too; the search finds them from their publication time.
    return (
        BlogPost.objects.filter(status=PostStatus.PUBLISHED)
        .select_related("author__user", "network")
        .prefetch_related("tags")
    )


def _post_fields(post: BlogPost) -> dict:
    return {
        "title": post.title,
        "lead": post.summary,
        "body": _join(
            markup.plain(post.body),
            post.author.name,
            ", ".join(tag.name for tag in post.tags.all()),
            post.network.name if post.network else "",
        ),
        "date": post.published_at,
        "visible_from": post.published_at,
    }


# --- Offers ---------------------------------------------------------------------------------


def _public_offers() -> QuerySet[Offer]:
    return Offer.objects.public().select_related("provider__organisation")


def _offer_fields(offer: Offer) -> dict:
    return {
        "title": offer.title,
        "lead": _join(offer.subtitle, offer.teaser),
        "body": _join(
            offer.audience,
            markup.plain(offer.introduction),
            offer.points,
            markup.plain(offer.description),
            offer.format_note,
            offer.provider.name,
        ),
    }


SOURCES: dict[str, Source] = {
    DocumentKind.NETWORK: Source(DocumentKind.NETWORK, _public_networks, _network_fields),
    DocumentKind.MEETING: Source(DocumentKind.MEETING, _public_meetings, _meeting_fields),
    DocumentKind.POST: Source(DocumentKind.POST, _public_posts, _post_fields),
    DocumentKind.OFFER: Source(DocumentKind.OFFER, _public_offers, _offer_fields),
}
