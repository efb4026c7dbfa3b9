"""Writes and rules for the blog and the offers: comments, moderation, requests and their meetings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.enums import MeetingFormat, MeetingKind, MeetingStatus
from meetings.models import Meeting
from netvaerk.enums import OrganisationKind
from netvaerk.models import Organisation

from . import emails, markup
from .enums import CommentAction, CommentStatus, OfferRequestStatus
from .models import BlogPost, Comment, Offer, OfferRequest

# A second identical comment or request this soon after the first is a double click, not a new one.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)


class ContentError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- who may do what ---------------------------------------------------------------------


def post_can_preview(*, user, post: BlogPost) -> bool:
    """Staff who edit posts and the post's own author see drafts and scheduled posts."""
    if not user.is_authenticated:
        return False
    return user.has_perm("content.change_blogpost", post) or post.author.user_id == user.pk


def comment_can_moderate(*, user, post: BlogPost) -> bool:
    """Staff with the right to change comments (on a network's post: its consultants), and the post's author."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("content.change_comment", post) or post.author.user_id == user.pk


# --- comments ------------------------------------------------------------------------------


def comment_create(*, post: BlogPost, body: str, user=None, name: str = "", email: str = "") -> Comment:
    """A comment by a signed-in member (published at once) or a guest (held for moderation).

    The post's author and the moderating staff get an email (outbox, after
    commit). Sending the same text again within a few minutes returns the
    first comment instead of a copy.
    """
    if not post.is_public or not post.comments_open:
        raise ContentError(_("Comments are closed for this post."))
    member = user if user is not None and user.is_authenticated else None
    if member is None and not (name and email):
        raise ContentError(_("Give your name and email address."))
    recent = Comment.objects.filter(post=post, body=body, created_at__gte=timezone.now() - DUPLICATE_WINDOW)
    recent = recent.filter(user=member) if member else recent.filter(user__isnull=True, email__iexact=email)
    with transaction.atomic():
        existing = recent.first()
        if existing is not None:
            return existing
        if member:
            comment = Comment.objects.create(post=post, user=member, body=body, status=CommentStatus.PUBLISHED)
        else:
            comment = Comment.objects.create(post=post, name=name, email=email, body=body, status=CommentStatus.PENDING)
        emails.comment_notify(comment)
    return comment


def comment_moderate(*, comment: Comment, action: str, user) -> Comment:
    """Publish or hide a comment; only staff with the right and the post's author may."""
    if not comment_can_moderate(user=user, post=comment.post):
        raise PermissionDenied
    if action not in CommentAction.values:
        raise ValueError(f"unknown moderation action {action!r}")
    status = CommentStatus.PUBLISHED if action == CommentAction.PUBLISH else CommentStatus.HIDDEN
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        locked.status = status
        locked.moderated_at = timezone.now()
        locked.moderated_by = user
        locked.save(update_fields=["status", "moderated_at", "moderated_by"])
    comment.status, comment.moderated_at, comment.moderated_by = locked.status, locked.moderated_at, user
    return comment


# --- requests for offers -------------------------------------------------------------------

REQUEST_FIELDS = ("organisation_name", "contact_name", "email", "phone", "format", "period", "participants", "wishes")


def offer_request_create(*, offer: Offer, data: dict, language: str = "da") -> OfferRequest:
    """Store a request; the provider and the secretariat get an email, the customer a receipt.

    A repeat of the same request (same offer and email, a few minutes later)
    returns the first one and sends nothing new.
    """
    if not offer.is_public:
        raise ContentError(_("This offer cannot be requested any more."))
    values = {field: data.get(field, "") for field in REQUEST_FIELDS}
    with transaction.atomic():
        existing = OfferRequest.objects.filter(
            offer=offer,
            email__iexact=values["email"],
            organisation_name=values["organisation_name"],
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).first()
        if existing is not None:
            return existing
        offer_request = OfferRequest.objects.create(offer=offer, language=language, **values)
        emails.offer_request_notify(offer_request)
    return offer_request


def offer_request_set_status(*, offer_request: OfferRequest, status: str) -> OfferRequest:
    """Move a request to new, in dialogue, agreed or declined.

    A request that already became a meeting stays agreed: the meeting is
    cancelled or deleted first.
    """
    if status not in OfferRequestStatus.values:
        raise ValueError(f"unknown status {status!r}")
    with transaction.atomic():
        locked = OfferRequest.objects.select_for_update().get(pk=offer_request.pk)
        if locked.status == status:
            return locked
        if locked.meeting_id and status != OfferRequestStatus.AGREED:
            raise ContentError(_("The request has become a meeting; cancel or delete the meeting first."))
        locked.status = status
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    offer_request.status, offer_request.status_changed_at = locked.status, locked.status_changed_at
    return locked


def _customer_organisation(offer_request: OfferRequest) -> Organisation:
    if offer_request.organisation_id:
        return offer_request.organisation
    name = " ".join(offer_request.organisation_name.split())
    found = Organisation.objects.filter(name__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, municipality="", kind=OrganisationKind.OTHER)
    except IntegrityError:  # created by a parallel request for the same organisation
        return Organisation.objects.get(name=name, municipality="")


def _meeting_description(offer: Offer) -> str:
    parts = [offer.teaser, markup.plain(offer.introduction)]
    if offer.point_list:
        heading = offer.points_heading or _("What the day covers")
        parts.append(heading + "\n" + "\n".join(f"• {point}" for point in offer.point_list))
    parts.append(markup.plain(offer.description))
    parts.append(_("Provider: %(provider)s") % {"provider": offer.provider.name})
    return "\n\n".join(part for part in parts if part)


def offer_request_create_meeting(
    *, offer_request: OfferRequest, starts_at: dt.datetime, ends_at: dt.datetime, by
) -> Meeting:
    """Turn an agreed request into a draft theme day hosted by the customer.

    Locks the request, so two clicks make one meeting. The meeting is a draft
    (not public) for the consultant to finish: venue, programme, deadline;
    ``by`` (who may add meetings, or None: the portal itself) is its responsible consultant.
    """
    if by is not None and not by.has_perm("meetings.add_meeting"):
        raise PermissionDenied
    if ends_at <= starts_at:
        raise ContentError(_("The meeting must end after it starts."))
    with transaction.atomic():
        # Lock the request row alone and read what hangs on it afterwards: rows joined
        # into a locking query are not re-read after waiting for the lock.
        locked = OfferRequest.objects.select_for_update().get(pk=offer_request.pk)
        if locked.status != OfferRequestStatus.AGREED:
            raise ContentError(_("Only an agreed request can become a meeting."))
        if locked.meeting_id:
            code = Meeting.objects.filter(pk=locked.meeting_id).values_list("code", flat=True).first()
            raise ContentError(_("The request has already become the meeting %(code)s.") % {"code": code})
        offer = Offer.objects.select_related("provider__organisation", "organiser").get(pk=locked.offer_id)
        host = _customer_organisation(locked)
        # The deadline is a placeholder for the consultant: a week before, never after the start.
        deadline = min(starts_at, max(starts_at - dt.timedelta(days=7), timezone.now()))
        meeting = Meeting.objects.create(
            kind=MeetingKind.THEME_DAY,
            format=MeetingFormat.IN_PERSON,
            status=MeetingStatus.DRAFT,
            network=None,
            organiser=offer.organiser,
            title=offer.title,
            teaser=offer.subtitle or offer.teaser,
            description=_meeting_description(offer),
            purpose=locked.wishes,
            target_group_note=offer.audience[:300],
            host_organisation=host,
            starts_at=starts_at,
            ends_at=ends_at,
            registration_deadline=deadline,
            capacity=locked.participants,
            price=0,
            responsible=by,
        )
        locked.meeting = meeting
        locked.organisation = host
        locked.save(update_fields=["meeting", "organisation", "updated_at"])
    offer_request.meeting, offer_request.organisation = meeting, host
    return meeting
