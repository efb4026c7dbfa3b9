"""Personal data in the blog's guest comments and in requests for offers (see netvaerk.privacy)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from netvaerk.privacy import PersonalDataSource, iso

from .models import Comment, OfferRequest

ANONYMOUS_NAME = "Anonymiseret"


def comments_export(*, email: str) -> list[dict]:
    """A guest's comments by their address, and a member's by their account's address."""
    comments = Comment.objects.filter(
        Q(user__isnull=True, email__iexact=email) | Q(user__email__iexact=email)
    ).select_related("post")
    return [
        {
            "post": comment.post.title,
            "name": comment.name,
            "email": comment.email,
            "body": comment.body,
            "status": comment.status,
            "created_at": iso(value=comment.created_at),
        }
        for comment in comments
    ]


def guest_comments_erase(*, email: str) -> int:
    """A guest's comments are deleted: only the guest could tell who wrote them."""
    deleted, _ = Comment.objects.filter(user__isnull=True, email__iexact=email).delete()
    return deleted


def guest_comments_retain(*, before: dt.datetime) -> int:
    """Old guest comments keep their text on the site without the guest's name and address."""
    return (
        Comment.objects.filter(user__isnull=True, created_at__lt=before)
        .filter(~Q(email="") | ~Q(name=ANONYMOUS_NAME))
        .update(name=ANONYMOUS_NAME, email="")
    )


REQUEST_PERSONAL = {"contact_name": ANONYMOUS_NAME, "email": "", "phone": "", "wishes": ""}


def offer_requests_export(*, email: str) -> list[dict]:
    requests = OfferRequest.objects.filter(email__iexact=email).select_related("offer")
    return [
        {
            "offer": request.offer.title,
            "organisation": request.organisation_name,
            "contact_name": request.contact_name,
            "email": request.email,
            "phone": request.phone,
            "wishes": request.wishes,
            "participants": request.participants,
            "status": request.status,
            "created_at": iso(value=request.created_at),
        }
        for request in requests
    ]


@transaction.atomic
def _anonymise_requests(requests) -> int:
    ids = list(requests.values_list("pk", flat=True))
    OfferRequest.objects.filter(pk__in=ids).update(**REQUEST_PERSONAL)
    # The audit history keeps every earlier version of the request: it goes too.
    OfferRequest.history.filter(id__in=ids).update(**REQUEST_PERSONAL)
    return len(ids)


def offer_requests_erase(*, email: str) -> int:
    """The request stays (offer, organisation, status, statistics) without the person's details."""
    return _anonymise_requests(OfferRequest.objects.filter(email__iexact=email))


def offer_requests_retain(*, before: dt.datetime) -> int:
    return _anonymise_requests(OfferRequest.objects.filter(updated_at__lt=before).exclude(**REQUEST_PERSONAL))


SOURCES = [
    PersonalDataSource("blog_comments", comments_export, guest_comments_erase, guest_comments_retain),
    PersonalDataSource("offer_requests", offer_requests_export, offer_requests_erase, offer_requests_retain),
]
