"""The content app's emails, all through the outbox (outbox.queue.email_queue).

Each is queued inside the caller's transaction with an idempotency key that
names its reason and recipient, so a rolled-back comment or request sends
nothing and a repeated call sends nothing twice.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from outbox.queue import email_queue

from .enums import CommentStatus
from .models import Comment, OfferRequest


def _language_of(user) -> str:
    profile = getattr(user, "member_profile", None)
    return getattr(profile, "language", "") or settings.LANGUAGE_CODE


def comment_moderators():
    """Staff who may moderate comments (by group or by their own permission), not every superuser."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__permissions__codename="change_comment", groups__permissions__content_type__app_label="content")
            | Q(user_permissions__codename="change_comment", user_permissions__content_type__app_label="content")
        )
        .select_related("member_profile")
        .distinct()
    )


def _comment_context(comment: Comment, *, staff: bool) -> dict:
    post = comment.post
    return {
        "comment": comment,
        "post": post,
        "author_name": comment.display_name,
        "is_pending": comment.status == CommentStatus.PENDING,
        "post_url": f"{settings.SITE_URL}{post.get_absolute_url()}#kommentar-{comment.pk}",
        "admin_url": (settings.SITE_URL + reverse("admin:content_comment_change", args=[comment.pk]) if staff else ""),
    }


def comment_notify(comment: Comment) -> int:
    """Tell the post's author and the moderating staff about a new comment. Returns how many emails."""
    recipients = {}
    author_user = comment.post.author.user
    if author_user is not None and author_user.is_active and author_user.email:
        recipients[author_user.email.lower()] = (author_user, author_user.is_staff)
    for user in comment_moderators():
        # On a network's post only the staff over that network moderate (the access policy).
        if user.has_perm("content.change_comment", comment.post):
            recipients.setdefault(user.email.lower(), (user, True))
    if comment.user_id:
        # Nobody needs an email about their own comment.
        recipients.pop(comment.user.email.lower(), None)
    for address, (user, staff) in recipients.items():
        email_queue(
            to=user.email,
            template="content_comment_new",
            context={**_comment_context(comment, staff=staff), "recipient": user},
            language=_language_of(user),
            idempotency_key=f"blog-comment:{comment.pk}:{address}",
            ref=comment.post,
        )
    return len(recipients)


def _request_context(offer_request: OfferRequest, **extra) -> dict:
    offer = offer_request.offer
    provider = offer.provider
    return {
        "request": offer_request,
        "offer": offer,
        "provider": provider,
        "organiser": offer.organiser,
        "contact": {"name": provider.contact_name, "email": provider.email, "phone": provider.phone},
        "offer_url": settings.SITE_URL + offer.get_absolute_url(),
        **extra,
    }


def offer_request_notify(offer_request: OfferRequest) -> int:
    """The provider and the secretariat hear of a new request; the customer gets a receipt. Returns how many."""
    offer = offer_request.offer
    admin_url = settings.SITE_URL + reverse("admin:content_offerrequest_change", args=[offer_request.pk])
    sent = 0
    to_staff = {}
    if offer.provider.email:
        to_staff[offer.provider.email.lower()] = ("provider", offer.provider.email)
    if offer.organiser.email:
        to_staff.setdefault(offer.organiser.email.lower(), ("secretariat", offer.organiser.email))
    for role, address in to_staff.values():
        email_queue(
            to=address,
            template="content_offer_request",
            context=_request_context(offer_request, admin_url=admin_url if role == "secretariat" else "", role=role),
            language=settings.LANGUAGE_CODE,
            idempotency_key=f"offer-request:{offer_request.pk}:{role}",
            ref=offer_request,
            reply_to=offer_request.email,
        )
        sent += 1
    email_queue(
        to=offer_request.email,
        template="content_offer_request_received",
        context=_request_context(offer_request),
        language=offer_request.language,
        idempotency_key=f"offer-request:{offer_request.pk}:receipt",
        ref=offer_request,
        reply_to=offer.organiser.email or offer.provider.email,
    )
    return sent + 1


# --- previews for staff (admin: email log → previews) ---------------------------------


def _demo_comment() -> Comment:
    from django.contrib.auth import get_user_model

    from .models import Author, BlogPost

    author = Author(user=get_user_model()(first_name="Trine", last_name="Sander", email="trine@example.dk"))
    post = BlogPost(
        pk=1, title="Ressourcenetværk - hvorfor nu det?", slug="ressourcenetvaerk-hvorfor-nu-det", author=author
    )
    return Comment(
        pk=1,
        post=post,
        name="Åse Ærø",
        email="aase@example.dk",
        body="Tak for et godt indlæg. Hvordan holder I fast i de frivillige mellem møderne?",
        status=CommentStatus.PENDING,
    )


def _demo_request() -> OfferRequest:
    from netvaerk.models import Organisation, Organiser

    from .enums import OfferFormat
    from .models import Offer, Provider

    provider = Provider(
        organisation=Organisation(name="Tverskov Kommunikation & Udvikling"),
        contact_name="Kim Tverskov",
        email="kim@tverskov.example",
        phone="12 34 56 78",
    )
    offer = Offer(
        title="Dialog i udsatte boligområder",
        slug="dialog-i-udsatte-boligomraader",
        provider=provider,
        organiser=Organiser(name="Boligsocialnet", email="boligsocialnet@netvaerk.example", phone="33 76 20 00"),
    )
    return OfferRequest(
        pk=1,
        offer=offer,
        organisation_name="Gladsaxe Kommune, Social og Sundhed",
        contact_name="Birgitte Holm",
        email="birgitte.holm@example.dk",
        phone="39 57 50 00",
        format=OfferFormat.WHOLE_DAY,
        period="Efteråret, gerne en torsdag",
        participants=24,
        wishes="Vi er en ny ledergruppe og vil gerne blive klogere på beboerdemokratiet.",
    )


def register_email_templates() -> None:
    from django.utils.translation import gettext_lazy

    from outbox.registry import email_template_register

    def comment_demo():
        comment = _demo_comment()
        return {**_comment_context(comment, staff=True), "recipient": comment.post.author.user}

    email_template_register(
        "content_comment_new",
        description=gettext_lazy("New comment on a blog post (to the author and moderators)"),
        demo_context=comment_demo,
    )
    email_template_register(
        "content_offer_request",
        description=gettext_lazy("Request for an offer (to the provider and the secretariat)"),
        demo_context=lambda: _request_context(
            _demo_request(), admin_url=settings.SITE_URL + "/admin/", role="provider"
        ),
    )
    email_template_register(
        "content_offer_request_received",
        description=gettext_lazy("Receipt for a request for an offer (to the customer)"),
        demo_context=lambda: _request_context(_demo_request()),
    )
