"""Reads of networks shared by pages and feeds."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Network


def network_list_public(
    *, work_area: str | None = None, target_group: str | None = None, theme: str | None = None
) -> QuerySet[Network]:
    qs = (
        Network.objects.public()
        .select_related("theme", "organiser")
        .prefetch_related("target_groups", "work_areas")
        .order_by("name")
    )
    if work_area:
        qs = qs.filter(work_areas__slug=work_area)
    if target_group:
        qs = qs.filter(target_groups__slug=target_group)
    if theme:
        qs = qs.filter(theme__slug=theme)
    return qs.distinct()


def network_detail_public(*, slug: str) -> Network:
    return (
        Network.objects.public()
        .select_related("theme", "organiser", "coordinator")
        .prefetch_related("target_groups", "work_areas")
        .get(slug=slug)
    )
