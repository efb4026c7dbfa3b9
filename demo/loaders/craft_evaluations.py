"""Checked-in participants and their evaluations of three past Lokalsamfund meetings (results over time).

Addresses are demo.deltager<n>.<meeting id>@example.dk, so the registrations
loader (which replaces @deltager.example) leaves them alone.
"""

from __future__ import annotations

import datetime as dt

from craft.models import Evaluation
from meetings.models import Meeting
from members.models import Minutes
from registration.enums import RegistrationStatus
from registration.models import Registration

from ..site import Site

PARTICIPANTS = [
    ("Camilla Juhl", "Høje Gladsaxe Helhedsplan"),
    ("Jonas Bech", "Albertslund Kommune"),
    ("Ayse Demir", "Tingbjerg Helhedsplan"),
    ("Henrik Lund", "Boligsocial indsats Ribe/Bramming"),
    ("Mette Friis", "Gladsaxe Kommune"),
    ("Omar Haddad", "VibySyd boligsocial indsats"),
    ("Sofie Kjeldsen", "Albertslund Kommune"),
    ("Peter Holm", "Frivilligcenter Albertslund"),
    ("Nadia Yousef", "Tingbjerg Helhedsplan"),
    ("Lars Mikkelsen", "Boligforeningen 3B"),
    ("Birgitte Skov", "KAB"),
    ("Rasmus Dahl", "Høje Gladsaxe Helhedsplan"),
    ("Fatma Celik", "Brøndby Kommune"),
    ("Thomas Berg", "fsb"),
]


def participants(meeting: Meeting, *, count: int, attended: int, evaluations: list[tuple[int, str]]) -> None:
    """Confirmed, checked-in participants of a past meeting with their evaluations (idempotent)."""
    for index, (name, organisation) in enumerate(PARTICIPANTS[:count]):
        email = f"demo.deltager{index + 1}.{meeting.pk}@example.dk"
        confirmed_at = meeting.starts_at - dt.timedelta(days=20 - index)
        registration, _created = Registration.objects.get_or_create(
            meeting=meeting,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "status": RegistrationStatus.CONFIRMED,
                "privacy_accepted_at": confirmed_at,
                "confirmed_at": confirmed_at,
                "language": "da",
            },
        )
        here = index < attended
        if registration.attended != here:
            registration.attended = here
            registration.checked_in_at = meeting.starts_at if here else None
            registration.save(update_fields=["attended", "checked_in_at"])
        if index < len(evaluations):
            rating, comment = evaluations[index]
            Evaluation.objects.update_or_create(
                registration=registration, defaults={"rating": rating, "comment": comment}
            )


def load(site: Site) -> None:
    gladsaxe_2021 = site.meetings["gladsaxe_2021"]
    participants(
        site.meetings["recent"],
        count=14,
        attended=12,
        evaluations=[
            (5, "Rigtig godt at arbejde konkret i workshoppen. Jeg tager foreningsguiden med hjem."),
            (4, "Godt møde. Casen fra Høje Gladsaxe var meget brugbar."),
            (4, ""),
            (5, "Mere af det her: kort oplæg og lang workshop."),
            (3, "Lidt kort tid til opsamlingen."),
            (4, "Dejligt med rundvisningen i beboerhuset."),
            (5, ""),
            (2, "Svært at høre hinanden i det store lokale."),
        ],
    )
    participants(
        gladsaxe_2021,
        count=10,
        attended=10,
        evaluations=[
            (4, "Inspirerende oplæg om de unge."),
            (3, "For meget oplæg, for lidt tid i grupperne."),
            (4, ""),
            (3, "Rundvisningen var for kort."),
            (4, "God stemning."),
            (3, ""),
        ],
    )
    participants(
        site.meetings["tingbjerg_2023"],
        count=8,
        attended=7,
        evaluations=[
            (4, "Ungerådet gjorde rundvisningen levende."),
            (4, ""),
            (5, "Mere tid i grupperne end sidst - godt."),
            (3, "Svært at finde vej til kulturhuset."),
            (4, ""),
        ],
    )
    Minutes.objects.filter(meeting=gladsaxe_2021).update(
        outputs="To idéer til idékataloget: ungeråd med eget budget og rundvisninger ved de unge selv."
    )
