"""Reads of posts, comments and offers shared by pages, the feed, the PDF and emails.

Each read joins and prefetches what its pages show, so the number of
queries does not grow with the number of posts, tags, images or comments.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .enums import CommentStatus, PostStatus
from .models import BlogPost, Comment, Offer, Tag

AUTHOR_JOINS = ("author__user__member_profile__organisation",)


def post_list_public(
    *, tag_slug: str | None = None, network_id: int | None = None, now: dt.datetime | None = None
) -> QuerySet[BlogPost]:
    """Public posts, newest first, with author, tags and the number of published comments."""
    qs = (
        BlogPost.objects.public(now=now)
        .select_related(*AUTHOR_JOINS, "network")
        .prefetch_related("tags")
        .annotate(comment_count=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED)))
        .order_by("-published_at", "-id")
    )
    if tag_slug:
        qs = qs.filter(tags__slug=tag_slug)
    if network_id:
        qs = qs.filter(network_id=network_id)
    return qs


def post_latest(*, limit: int = 3, network_id: int | None = None, exclude_id: int | None = None) -> list[BlogPost]:
    """The newest public posts for a small list (home page, network page, beside a post)."""
    qs = BlogPost.objects.public().select_related(*AUTHOR_JOINS).order_by("-published_at", "-id")
    if network_id:
        qs = qs.filter(network_id=network_id)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs[:limit])


def post_next_publication(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the next scheduled post appears (pages listing posts are cached until then)."""
    return (
        BlogPost.objects.filter(status=PostStatus.PUBLISHED, published_at__gt=now or timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def post_detail(*, slug: str, include_unpublished: bool = False) -> BlogPost:
    """One post with author, tags and images; raises BlogPost.DoesNotExist."""
    qs = BlogPost.objects.all() if include_unpublished else BlogPost.objects.public()
    return qs.select_related(*AUTHOR_JOINS, "network").prefetch_related("tags", "images").get(slug=slug)


def post_comments(*, post: BlogPost, include_unpublished: bool = False) -> list[Comment]:
    """The comments a visitor sees (published), or all of them for a moderator."""
    qs = post.comments.select_related("user", "moderated_by")
    if not include_unpublished:
        qs = qs.filter(status=CommentStatus.PUBLISHED)
    return list(qs.order_by("created_at", "id"))


def tag_public(*, slug: str) -> Tag:
    return Tag.objects.get(slug=slug)


def tags_in_use() -> QuerySet[Tag]:
    return (
        Tag.objects.annotate(
            public_posts=Count(
                "posts",
                filter=Q(posts__status=PostStatus.PUBLISHED, posts__published_at__lte=timezone.now()),
            )
        )
        .filter(public_posts__gt=0)
        .order_by("name")
    )


def offer_list_public() -> QuerySet[Offer]:
    return Offer.objects.public().select_related("provider__organisation").order_by("order", "title")


def offer_detail(*, slug: str, include_unpublished: bool = False) -> Offer:
    """One offer with its provider and secretariat; raises Offer.DoesNotExist."""
    qs = Offer.objects.all() if include_unpublished else Offer.objects.public()
    return qs.select_related("provider__organisation", "organiser").get(slug=slug)


def post_for_feed(*, limit: int = 20) -> list[BlogPost]:
    return list(
        BlogPost.objects.public()
        .select_related(*AUTHOR_JOINS)
        .prefetch_related("tags", Prefetch("images"))
        .order_by("-published_at", "-id")[:limit]
    )
