"""The members' area emails. Each goes out through members.mail.send_member_email."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .enums import MembershipRole, MembershipStatus
from .mail import send_templated_member_email
from .models import BoardPost, Membership, Profile


def _language(user) -> str:
    profile = Profile.objects.filter(user=user).only("language").first()
    return profile.language if profile else settings.LANGUAGE_CODE


def board_post_created(*, post_id: int) -> int:
    """Tell the members who opted in about a new post (not the author). Returns how many."""
    post = BoardPost.objects.select_related("network", "author").filter(pk=post_id, removed_at__isnull=True).first()
    if post is None:
        return 0
    recipients = (
        Membership.objects.active()
        .filter(network=post.network, notify_new_posts=True, user__is_active=True)
        .exclude(user_id=post.author_id)
        .select_related("user", "user__member_profile")
    )
    url = settings.SITE_URL + reverse("members:board_post_detail", kwargs={"slug": post.network.slug, "pk": post.pk})
    settings_url = settings.SITE_URL + reverse("members:board", kwargs={"slug": post.network.slug})
    sent = 0
    for membership in recipients:
        profile = getattr(membership.user, "member_profile", None)
        send_templated_member_email(
            "members_new_post",
            to=membership.user.email,
            language=profile.language if profile else None,
            context={
                "post": post,
                "network": post.network,
                "author_name": str(post.author) if post.author else "",
                "url": url,
                "settings_url": settings_url,
                "recipient": membership.user,
            },
        )
        sent += 1
    return sent


def membership_event(*, membership_id: int, event: str) -> int:
    membership = (
        Membership.objects.select_related("network", "network__coordinator", "user").filter(pk=membership_id).first()
    )
    if membership is None:
        return 0
    network = membership.network
    if event == "requested":
        if membership.status != MembershipStatus.REQUESTED:
            return 0
        moderators = {
            m.user
            for m in Membership.objects.active()
            .filter(network=network, role=MembershipRole.COORDINATOR)
            .select_related("user")
        }
        if network.coordinator:
            moderators.add(network.coordinator)
        url = settings.SITE_URL + reverse("members:requests", kwargs={"slug": network.slug})
        for moderator in moderators:
            send_templated_member_email(
                "members_membership_requested",
                to=moderator.email,
                language=_language(moderator),
                context={"membership": membership, "network": network, "url": url, "person": membership.user},
            )
        return len(moderators)
    if event in ("approved", "declined"):
        expected = MembershipStatus.ACTIVE if event == "approved" else MembershipStatus.DECLINED
        if membership.status != expected:
            return 0
        url = settings.SITE_URL + reverse("members:group", kwargs={"slug": network.slug})
        send_templated_member_email(
            f"members_membership_{event}",
            to=membership.user.email,
            language=_language(membership.user),
            context={"membership": membership, "network": network, "url": url, "person": membership.user},
        )
        return 1
    raise ValueError(f"unknown membership event {event!r}")


def register_email_templates() -> None:
    """Previews for staff of the members' area emails, with unsaved demo objects."""
    from django.utils.translation import gettext_lazy

    from netvaerk.models import Network
    from outbox.registry import email_template_register

    from .models import BoardPost, Membership, User

    def objects():
        network = Network(name="Lokalsamfund & medborgerskab", slug="lokalsamfund-medborgerskab")
        person = User(email="maja@example.dk", first_name="Maja", last_name="Madsen")
        membership = Membership(network=network, user=person)
        return network, person, membership

    def new_post():
        network, person, _membership = objects()
        post = BoardPost(network=network, title="Møde i Tingbjerg", body="Kom og se kulturhusets ungeråd.")
        url = settings.SITE_URL + f"/netvaerk/{network.slug}/gruppe/"
        return {
            "post": post,
            "network": network,
            "author_name": "Nils Thylander",
            "url": url,
            "settings_url": url,
            "recipient": person,
        }

    def membership_event():
        network, person, membership = objects()
        return {
            "membership": membership,
            "network": network,
            "url": settings.SITE_URL + "/mine-sider/",
            "person": person,
        }

    email_template_register(
        "members_new_post", description=gettext_lazy("New post on a network's board"), demo_context=new_post
    )
    for event, description in [
        ("requested", gettext_lazy("Membership request (to the coordinator)")),
        ("approved", gettext_lazy("Membership approved")),
        ("declined", gettext_lazy("Membership declined")),
    ]:
        email_template_register(f"members_membership_{event}", description=description, demo_context=membership_event)
