"""Outreach: two subscribers of "Lokalsamfund & medborgerskab" and the invitation to its next meeting.

The invitation goes through the outbox like a real one (eager in the demo: the .eml files lie
under var/mail/); loading twice sends nothing twice (one invitation per person and meeting).
"""

from __future__ import annotations

from django.utils import timezone

from outreach import invitations
from outreach.enums import SubscriberStatus
from outreach.models import Subscriber

from ..site import Site


def load(site: Site) -> None:
    lokal, meeting = site.networks["lokal"], site.meetings["ideas"]
    for email, status in (
        ("beboer.tingbjerg@example.org", SubscriberStatus.CONFIRMED),
        ("frivillig.gladsaxe@example.org", SubscriberStatus.PENDING),
    ):
        Subscriber.objects.update_or_create(
            network=lokal,
            email=email,
            defaults={
                "status": status,
                "confirmed_at": timezone.now() if status == SubscriberStatus.CONFIRMED else None,
            },
        )
    invitations.invitations_send(meeting=meeting)
