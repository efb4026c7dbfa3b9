"""The pages' users and objects, chosen the same way in the demo and the ten-year database."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.scale.targets import ORDINARY_MEETING_MAX


@dataclass
class Page:
    section: str  # admin | staff | members | public
    label: str  # the same in both databases, so the rows can be compared
    url: str
    who: str  # secretariat | superuser | member | coordinator | anonymous
    optional: bool = False  # a guessed format: left out when the page answers 404


@dataclass
class Context:
    """The users and objects the pages are about, chosen the same way in the demo and the ten-year database."""

    users: dict
    network: object  # the network with the most active members
    staff_meeting: object  # the largest meeting of ordinary size (at most ORDINARY_MEETING_MAX registrations)
    huge_meeting: object  # the largest meeting
    huge_registrations: int
    public_meeting: object  # the coming public meeting with the most registrations (ordinary size)
    past_group_meeting: object | None
    evaluated_meeting: object | None
    board_post: object | None
    idea: object | None
    proposal: object | None
    blog_post: object | None
    blog_tag: object | None
    offer: object | None
    registration: object | None  # a confirmed registration of the public meeting (the participant's page)
    evaluation_registration: object | None
    not_found: list = field(default_factory=list)
    # The demo's "newest" objects of the admin's change forms, by the optional relations they have set
    # (label -> names): the ten-year run takes its newest object of the same shape, so that a form does not
    # count one more query only because, say, its blog post belongs to a network and the demo's does not.
    demo_shapes: dict = field(default_factory=dict)
    shapes: dict = field(default_factory=dict)


def select_context() -> Context:
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.utils import timezone

    from content.models import BlogPost, Offer
    from craft.models import AgendaProposal, Evaluation, Idea
    from demo.logins import ADMIN_EMAIL, SECRETARIAT_EMAIL
    from meetings.models import Meeting
    from members.models import BoardPost
    from netvaerk.models import Network
    from registration.models import Registration

    user_model = get_user_model()
    now = timezone.now()
    counts = list(Registration.objects.values("meeting").annotate(n=Count("id")).order_by("-n", "meeting")[:500])
    sizes = {row["meeting"]: row["n"] for row in counts}
    huge = Meeting.objects.get(pk=counts[0]["meeting"])
    ordinary = next(row["meeting"] for row in counts if row["n"] <= ORDINARY_MEETING_MAX)
    public = [
        pk
        for pk in Meeting.objects.public().upcoming(now).values_list("pk", flat=True)
        if sizes.get(pk, 0) <= ORDINARY_MEETING_MAX
    ]
    public_meeting = Meeting.objects.get(pk=max(public, key=lambda pk: (sizes.get(pk, 0), -pk)))
    network = (
        Network.objects.annotate(n=Count("memberships", filter=Q(memberships__status="active")))
        .order_by("-n", "pk")
        .first()
    )
    member_row = (
        Registration.objects.filter(user__is_staff=False, user__isnull=False)
        .values("user")
        .annotate(n=Count("id"))
        .order_by("-n", "user")
        .first()
    )
    users = {
        "secretariat": user_model.objects.get(email__iexact=SECRETARIAT_EMAIL),
        "superuser": user_model.objects.get(email__iexact=ADMIN_EMAIL),
        "member": user_model.objects.get(pk=member_row["user"]),
        "coordinator": network.coordinator,
        "anonymous": None,
    }
    past = Meeting.objects.filter(network=network, status="published", ends_at__lt=now).order_by("-starts_at")
    evaluated = (
        Evaluation.objects.filter(registration__meeting__network=network)
        .order_by("-registration__meeting__starts_at")
        .values_list("registration__meeting", flat=True)
        .first()
    )
    blog_post = BlogPost.objects.public().annotate(n=Count("comments")).order_by("-n", "-published_at").first()
    return Context(
        users=users,
        network=network,
        staff_meeting=Meeting.objects.get(pk=ordinary),
        huge_meeting=huge,
        huge_registrations=counts[0]["n"],
        public_meeting=public_meeting,
        past_group_meeting=past.first(),
        evaluated_meeting=Meeting.objects.filter(pk=evaluated).first(),
        board_post=BoardPost.objects.filter(network=network, parent=None, removed_at=None)
        .order_by("-created_at")
        .first(),
        idea=Idea.objects.filter(network=network).order_by("-created_at").first(),
        proposal=AgendaProposal.objects.filter(network=network).order_by("-created_at").first(),
        blog_post=blog_post,
        blog_tag=blog_post.tags.first() if blog_post else None,
        offer=Offer.objects.public().first(),
        registration=Registration.objects.filter(meeting=public_meeting, status="confirmed").first(),
        evaluation_registration=Registration.objects.filter(meeting_id=evaluated, attended=True).first(),
    )


def follow_path(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj
