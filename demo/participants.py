"""The demo's participants: names, workplaces and registration rows that several loaders build.

Their addresses are at @deltager.example, so the registrations loader can replace them on every run.
"""

from __future__ import annotations

import datetime as dt
import random

from registration.enums import Diet, RegistrationStatus
from registration.models import Registration

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


def people(rng: random.Random, n: int) -> list[tuple[str, str]]:
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


def registration_row(rng, meeting, name, email, status, when) -> Registration:
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
