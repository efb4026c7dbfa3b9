"""Registrations, so every staff list (participants, catering, workshops, waiting list, check-in) has content.

Runs after the meetings and the member's own sign-up. The demo's own
registrations (addresses at @deltager.example) are replaced on every run;
sign-ups someone made by hand in the demo are kept.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from meetings.models import Meeting
from registration.enums import RegistrationStatus
from registration.models import Registration

from ..participants import DOMAIN, people, registration_row
from ..site import Site

# Meeting title -> confirmed, waiting, cancelled, share checked in (past meetings).
PLAN = {
    "Sociale viceværter": (24, 0, 3, 0.8),  # the seed meeting 21-374 (2022)
    "Unge, fritid og demokrati": (18, 0, 2, 0.85),
    "Aktive boligområder i Albertslund efter 2020": (40, 0, 4, 0.8),
    "Sociale viceværter i Ribe/Bramming": (21, 0, 1, 0),
    "Hvem ejer idéerne? Lokalsamfund og beboerinddragelse": (30, 4, 1, 0),
    "Aktive boligområder i Albertslund": (46, 0, 2, 0),
    "Produktidéer til den socialøkonomiske virksomhed": (12, 0, 0, 0),
    "Dialog i udsatte boligområder": (25, 3, 1, 0),
    "Hvordan designer vi en relevant familieindsats?": (9, 0, 1, 0),
    "Velkommen til nye beboere": (6, 0, 0, 0),
    "Virtuelt netværksmøde: Digitale fællesskaber": (14, 0, 2, 0),
}


def _choose_workshops(rng, registration, workshops, taken) -> None:
    first, second = rng.sample(workshops, k=2)
    registration.workshop_first, registration.workshop_second = first, second
    if registration.status != RegistrationStatus.CONFIRMED:
        return
    # First come: the 1st priority while it has room, else the 2nd.
    for workshop in (first, second):
        if workshop.capacity is None or taken.get(workshop.pk, 0) < workshop.capacity:
            registration.workshop = workshop
            taken[workshop.pk] = taken.get(workshop.pk, 0) + 1
            return


def load(site: Site) -> None:
    """Replace the demo's registrations."""
    now = timezone.now()
    Registration.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    for title, (confirmed, waiting, cancelled, attended_share) in PLAN.items():
        meeting = Meeting.objects.filter(title=title).order_by("starts_at").first()
        if meeting is None:
            continue
        if meeting.capacity is not None:
            # Sign-ups made outside this plan (the demo member's own) take seats too: never confirm more people
            # than the meeting has seats; the rest wait, as they would have.
            others = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count()
            free = max(meeting.capacity - others, 0)
            if confirmed > free:
                confirmed, waiting = free, waiting + confirmed - free
        rng = random.Random(title)
        workshops = list(meeting.workshops.all())
        taken: dict[int, int] = {}
        # Sign-ups arrive over the four weeks before the deadline (or before today).
        last = min(meeting.registration_deadline, now)
        step = dt.timedelta(days=28) / max(confirmed + waiting + cancelled, 1)
        statuses = (
            [RegistrationStatus.CONFIRMED] * confirmed
            + [RegistrationStatus.CANCELLED] * cancelled
            + [RegistrationStatus.WAITING] * waiting
        )
        registrations = []
        for index, ((name, email), status) in enumerate(zip(people(rng, len(statuses)), statuses)):
            when = last - dt.timedelta(days=28) + step * index
            registration = registration_row(rng, meeting, name, email, status, when)
            if len(workshops) >= 2:
                _choose_workshops(rng, registration, workshops, taken)
            if status == RegistrationStatus.CONFIRMED and meeting.ends_at < now and rng.random() < attended_share:
                registration.attended = True
                registration.checked_in_at = meeting.starts_at - dt.timedelta(minutes=rng.randint(0, 25))
            registrations.append((registration, when))
        Registration.objects.bulk_create([registration for registration, _when in registrations])
        for registration, when in registrations:
            # created_at is set on insert; give the demo realistic sign-up times.
            Registration.objects.filter(pk=registration.pk).update(created_at=when)
