"""What the loaders have built so far, handed from one loader to the next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Site:
    """The rows later loaders need, by short names (`site.networks["lokal"]`, `site.meetings["seed"]`).

    `today` anchors the upcoming meetings, so the demo never goes stale; the
    historical meetings keep their real dates.
    """

    today: dt.date
    users: dict[str, Any] = field(default_factory=dict)
    organisers: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    themes: dict[str, Any] = field(default_factory=dict)
    work_areas: dict[str, Any] = field(default_factory=dict)
    target_groups: dict[str, Any] = field(default_factory=dict)
    networks: dict[str, Any] = field(default_factory=dict)
    venues: dict[str, Any] = field(default_factory=dict)
    meetings: dict[str, Any] = field(default_factory=dict)
    posts: dict[str, Any] = field(default_factory=dict)
