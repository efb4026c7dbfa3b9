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
from registration.enums import Diet, RegistrationStatus
from registration.models import Registration

from ..site import Site

DOMAIN = "deltager.example"

FIRST_NAMES = [
    "Anne", "Mette", "Søren", "Jens", "Lone", "Mads", "Pernille", "Rasmus", "Helle", "Bo", "Signe", "Kasper",
    "Åse", "Ørjan", "Birthe", "Jørgen", "Camilla", "Mikkel", "Ida", "Frederik", "Nadia", "Ahmed", "Fatima",
    "Thomas", "Louise", "Morten", "Trine", "Anders", "Karina", "Yasmin", "Henrik", "Maja", "Ole", "Lærke",
]  # fmt: skip
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Østergaard", "Bækgaard",
    "Møller", "Lund", "Holm", "Ærenlund", "Karimi", "Yilmaz", "Frederiksen", "Skovgaard", "Dahl",
]  # fmt: skip
ORGANISATIONS = [
    "VibySyd boligsocial indsats", "Høje Gladsaxe Helhedsplan", "Boligsocial indsats Ribe/Bramming",
    "Albertslund Kommune", "Tingbjerg Helhedsplan", "Boligforeningen Rosenhøj", "AAB afd. 44", "KAB",
    "Gellerup-Toveshøj helhedsplan", "Esbjerg Kommune, Social og Arbejdsmarked", "FSB", "Domea.dk",
    "Aarhus Kommune, Borgerservice og Biblioteker", "Lejerbo Brøndby", "Fællesrådet i Mjølnerparken",
]  # fmt: skip
JOB_TITLES = [
    "Social vicevært", "Boligsocial medarbejder", "Projektleder", "Områdeleder", "Fritidskonsulent",
    "Afdelingsformand", "Koordinator", "Beboerrådgiver", "Frivilligkoordinator", "Driftschef",
]  # fmt: skip
DIET_NOTES = [
    "Ingen koriander, tak",
    "Laktoseintolerant - gerne havremælk til kaffen",
    "Allergisk over for jordbær",
    "Spiser ikke oksekød",
]
ACCESSIBILITY = [
    "Kørestolsbruger - har brug for niveaufri adgang",
    "Bruger høreapparat; sidder gerne tæt på talerne",
]

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


def _people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    names = set()
    people = []
    while len(people) < n:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in names:
            continue
        names.add(name)
        local = name.lower().replace(" ", ".").replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        people.append((name, f"{local}@{DOMAIN}"))
    return people


def _registration(rng, meeting, name, email, status, when) -> Registration:
    consent = rng.random() < 0.35
    diets, note, access = [], "", ""
    if consent:
        diets = rng.sample(Diet.values, k=rng.choice([1, 1, 1, 2]))
        note = rng.choice(DIET_NOTES) if rng.random() < 0.3 else ""
        access = rng.choice(ACCESSIBILITY) if rng.random() < 0.15 else ""
    return Registration(
        meeting=meeting,
        status=status,
        name=name,
        email=email,
        phone=f"{rng.randint(20, 61)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        organisation=rng.choice(ORGANISATIONS),
        job_title=rng.choice(JOB_TITLES),
        diets=diets,
        diet_note=note,
        accessibility_needs=access,
        sensitive_consent_at=when if consent else None,
        privacy_accepted_at=when,
        confirmed_at=when if status != RegistrationStatus.WAITING else None,
        waiting_since=when if status == RegistrationStatus.WAITING else None,
        cancelled_at=when + dt.timedelta(days=2) if status == RegistrationStatus.CANCELLED else None,
    )


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
        for index, ((name, email), status) in enumerate(zip(_people(rng, len(statuses)), statuses)):
            when = last - dt.timedelta(days=28) + step * index
            registration = _registration(rng, meeting, name, email, status, when)
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
