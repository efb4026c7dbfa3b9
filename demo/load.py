"""`load_demo()`: the whole demo site, one loader per area, in the order they build on each other.

Idempotent: running it twice updates the same rows (and on a later day moves
the upcoming meetings along instead of adding new ones).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting
from netvaerk.models import Network

from . import logins
from .loaders import (
    blog,
    comments,
    craft_evaluations,
    craft_history,
    craft_ideas,
    craft_terms,
    group_bookings,
    group_space,
    invoicing,
    meetings_albertslund,
    meetings_networks,
    meetings_seed,
    meetings_states,
    members,
    networks,
    offers,
    outreach,
    people,
    questions,
    registration_desk,
    registrations,
    taxonomy,
    venues,
)
from .site import Site

# The order matters: each loader reads what the ones before it put on the site,
# meeting codes are numbered in the order meetings are first made, and the
# registrations leave the seats the member's own sign-up took.
LOADERS = [
    people.load,
    taxonomy.load,
    networks.load,
    venues.load,
    meetings_seed.load,
    meetings_networks.load,
    meetings_albertslund.load,
    meetings_states.load,
    members.load,
    group_space.load,
    registrations.load,
    questions.load,
    group_bookings.load,
    invoicing.load,
    registration_desk.load,
    outreach.load,
    craft_terms.load,
    craft_history.load,
    craft_evaluations.load,
    craft_ideas.load,
    group_space.load_attendance,
    blog.load,
    comments.load,
    offers.load,
]


@dataclass
class DemoResult:
    admin_email: str
    admin_password: str
    consultant_email: str
    consultant_password: str
    secretariat_email: str
    secretariat_password: str
    member_email: str
    member_password: str
    networks: int
    meetings: int
    blog_post_slug: str
    offer_slug: str


@transaction.atomic
def load_demo(*, today: dt.date | None = None) -> DemoResult:
    site = Site(today=today or timezone.localdate())
    for loader in LOADERS:
        loader(site)
    return DemoResult(
        admin_email=logins.ADMIN_EMAIL,
        admin_password=logins.ADMIN_PASSWORD,
        consultant_email=logins.CONSULTANT_EMAIL,
        consultant_password=logins.CONSULTANT_PASSWORD,
        secretariat_email=logins.SECRETARIAT_EMAIL,
        secretariat_password=logins.SECRETARIAT_PASSWORD,
        member_email=logins.MEMBER_EMAIL,
        member_password=logins.MEMBER_PASSWORD,
        networks=Network.objects.count(),
        meetings=Meeting.objects.count(),
        blog_post_slug=blog.RESOURCE_POST_SLUG,
        offer_slug=offers.DIALOG_OFFER_SLUG,
    )
