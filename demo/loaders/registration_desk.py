"""Registrations the secretariat entered at the desk: a phone call, an email and walk-ins at the door.

Runs after the registrations loader, which removes the demo's addresses (at
@deltager.example) on every run; the walk-ins without an address are replaced
here. The phone and email entries go through the sign-up service as staff
(``by=``), so the audit history shows who, the channel and the overrides.
"""

from __future__ import annotations

import datetime as dt

from meetings.models import Meeting
from registration import overrides
from registration.enums import AuditAction, RegistrationChannel, RegistrationStatus
from registration.models import Registration
from registration.services import RegistrationError, registration_create

from ..participants import DOMAIN
from ..site import Site

UPCOMING = "Hvem ejer idéerne? Lokalsamfund og beboerinddragelse"
PAST = "Unge, fritid og demokrati"


def load(site: Site) -> None:
    secretariat = site.users["secretariat"]
    meeting = Meeting.objects.filter(title=UPCOMING).order_by("-starts_at").first()
    if meeting is not None:
        # No seat above the capacity in the demo: a full meeting puts them on its waiting list.
        for name, channel, deadline_reason in [
            ("Kim Tverskov", RegistrationChannel.PHONE, "Ringede dagen efter fristen - aftalt med koordinatoren"),
            ("Hanne Bøgh", RegistrationChannel.EMAIL, ""),
            ("Jamal Rahimi", RegistrationChannel.PHONE, ""),
        ]:
            email = name.lower().replace(" ", ".").replace("ø", "oe") + f"@{DOMAIN}"
            try:
                registration_create(
                    meeting=meeting,
                    data={"name": name, "organisation": "Tingbjerg Helhedsplan"},
                    email=email,
                    by=secretariat,
                    channel=channel,
                    send_emails=False,
                    override_deadline_reason=deadline_reason,
                )
            except RegistrationError:
                pass  # Registration closed on the demo's day: the public rules refused, as they should.

    past = Meeting.objects.filter(title=PAST).order_by("starts_at").first()
    if past is None:
        return
    Registration.objects.filter(meeting=past, channel=RegistrationChannel.DOOR, email="").delete()
    for minutes, name, organisation in [(12, "Yusuf Demir", "Fritidsklubben Mjølnerparken"), (25, "Line Holt", "")]:
        at = past.starts_at + dt.timedelta(minutes=minutes)
        registration = Registration.objects.create(
            meeting=past,
            status=RegistrationStatus.CONFIRMED,
            channel=RegistrationChannel.DOOR,
            name=name,
            email="",
            organisation=organisation,
            privacy_accepted_at=at,
            confirmed_at=at,
            attended=True,
            checked_in_at=at,
        )
        reason = "Kom til døren uden tilmelding"
        entry = overrides.audit_record(
            registration=registration,
            action=AuditAction.CREATED,
            by=secretariat,
            decision=overrides.Decision(state="open", capacity_reason="", deadline_reason=reason),
            emails_sent=False,
        )
        type(entry).objects.filter(pk=entry.pk).update(created_at=at)
        Registration.objects.filter(pk=registration.pk).update(created_at=at)
