"""Subscribing without an account (double opt-in), unsubscribing in one click, members' choices."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Membership
from members.services import membership_set_notifications
from netvaerk.models import Network
from outbox.queue import email_queue

from .enums import OutreachKind, SubscriberStatus
from .models import OptOut, Subscriber, new_token


def subscribe_request(*, network: Network, email: str, language: str = "da", now: dt.datetime | None = None) -> None:
    """Someone typed their address on the network's page: send a confirmation link unless already confirmed.

    Says nothing about whether the address was known (the page answers the same either way). A
    pending request gets its link again at most once a day; an unsubscribed address may subscribe
    again, confirmed by a fresh link; nothing else is sent before the link is followed.
    """
    now = now or timezone.now()
    email = email.strip()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(network=network, email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(network=network, email=email.lower(), language=language)
            except IntegrityError:  # the same address at the same moment: one request is enough
                return
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.PENDING
            subscriber.token = new_token()
            subscriber.language = language
            subscriber.save(update_fields=["status", "token", "language", "updated_at"])
        confirm_url = settings.SITE_URL + reverse("outreach:subscribe_confirm", kwargs={"token": subscriber.token})
        email_queue(
            to=subscriber.email,
            template="outreach_subscribe_confirm",
            context={"network": network, "confirm_url": confirm_url, "organiser": network.organiser},
            language=subscriber.language,
            idempotency_key=f"subscribe-confirm:{subscriber.pk}:{subscriber.token[:12]}:{timezone.localdate(now)}",
            ref=network,
        )


def subscribe_confirm(*, token: str, now: dt.datetime | None = None) -> Subscriber | None:
    """Follow the confirmation link: the subscriber gets invitations from now on. None for an unknown key."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).select_related("network").first()
        if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return None
        if subscriber.status == SubscriberStatus.PENDING:
            subscriber.status = SubscriberStatus.CONFIRMED
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["status", "confirmed_at", "updated_at"])
            # Subscribing again after an unsubscribe lifts the earlier opt-out.
            OptOut.objects.filter(network=subscriber.network, email=subscriber.email.lower()).delete()
    return subscriber


def unsubscribe(*, network: Network, email: str, now: dt.datetime | None = None) -> None:
    """Stop every outreach email of the network to the address (the one-click link); idempotent.

    Registration emails (confirmation, changes) are not outreach and still go.
    """
    now = now or timezone.now()
    email = email.lower()
    with transaction.atomic():
        for kind in OutreachKind.values:
            OptOut.objects.get_or_create(network=network, email=email, kind=kind)
        Subscriber.objects.filter(network=network, email__iexact=email).exclude(
            status=SubscriberStatus.UNSUBSCRIBED
        ).update(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now)
        memberships = Membership.objects.active().filter(
            network=network, user__email__iexact=email, notify_new_posts=True
        )
        for membership in memberships:
            membership_set_notifications(membership=membership, notify_new_posts=False)


def preferences_for(*, user) -> list[dict]:
    """The member's choices per network they are an active member of."""
    memberships = Membership.objects.active().filter(user=user).select_related("network").order_by("network__name")
    email = user.email.lower()
    out = set(OptOut.objects.filter(email=email).values_list("network_id", "kind"))
    return [
        {
            "membership": membership,
            "network": membership.network,
            "invitations": (membership.network_id, OutreachKind.INVITATION) not in out,
            "nudges": (membership.network_id, OutreachKind.NUDGE) not in out,
            "board_posts": membership.notify_new_posts,
        }
        for membership in memberships
    ]


def preferences_save(*, user, network: Network, invitations: bool, nudges: bool, board_posts: bool) -> None:
    """Set what a member gets from one network they are an active member of."""
    membership = Membership.objects.active().get(user=user, network=network)
    email = user.email.lower()
    with transaction.atomic():
        for kind, wanted in ((OutreachKind.INVITATION, invitations), (OutreachKind.NUDGE, nudges)):
            if wanted:
                OptOut.objects.filter(network=network, email=email, kind=kind).delete()
            else:
                OptOut.objects.get_or_create(network=network, email=email, kind=kind)
        if membership.notify_new_posts != board_posts:
            membership_set_notifications(membership=membership, notify_new_posts=board_posts)
