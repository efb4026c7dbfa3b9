"""Subscribers, opt-outs and invitations as a source of personal data (exports, erasure, retention)."""

from __future__ import annotations

import datetime as dt

from netvaerk.privacy import PersonalDataSource, iso

from .enums import SubscriberStatus
from .models import Invitation, OptOut, Subscriber


def _export(*, email: str) -> list[dict]:
    rows = [
        {
            "kind": "subscription",
            "network": subscriber.network.name,
            "email": subscriber.email,
            "status": subscriber.status,
            "created": iso(value=subscriber.created_at),
            "confirmed": iso(value=subscriber.confirmed_at),
            "unsubscribed": iso(value=subscriber.unsubscribed_at),
        }
        for subscriber in Subscriber.objects.filter(email__iexact=email).select_related("network")
    ]
    rows += [
        {
            "kind": "opt_out",
            "network": opt_out.network.name,
            "what": opt_out.kind,
            "created": iso(value=opt_out.created_at),
        }
        for opt_out in OptOut.objects.filter(email=email.lower()).select_related("network")
    ]
    rows += [
        {
            "kind": "invitation",
            "meeting": invitation.meeting.title,
            "code": invitation.meeting.code,
            "invited": iso(value=invitation.created_at),
            "invited_again": iso(value=invitation.resent_at),
            "reminded": iso(value=invitation.nudged_at),
        }
        for invitation in Invitation.objects.filter(email=email.lower()).select_related("meeting")
    ]
    return rows


def _erase(*, email: str) -> int:
    # The opt-outs stay: erasing a person must not start sending them invitations again.
    count = Subscriber.objects.filter(email__iexact=email).delete()[0]
    return count + Invitation.objects.filter(email=email.lower()).delete()[0]


def _retain(*, before: dt.datetime) -> int:
    """Unconfirmed requests and invitations to meetings long past are deleted."""
    count = Subscriber.objects.filter(status=SubscriberStatus.PENDING, created_at__lt=before).delete()[0]
    return count + Invitation.objects.filter(meeting__ends_at__lt=before).delete()[0]


SOURCE = PersonalDataSource(name="outreach", export=_export, erase=_erase, retain=_retain)
