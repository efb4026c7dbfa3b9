"""The staff logins, the two organisers and the organisations the demo's people work for."""

from __future__ import annotations

from netvaerk.enums import OrganisationKind
from netvaerk.models import Organisation, Organiser
from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync

from ..helpers import user
from ..logins import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    CONSULTANT_EMAIL,
    CONSULTANT_PASSWORD,
    SECRETARIAT_EMAIL,
    SECRETARIAT_PASSWORD,
)
from ..site import Site


def load(site: Site) -> None:
    roles_sync()
    site.users.update(
        admin=user(ADMIN_EMAIL, "Demo", "Administrator", staff=True, superuser=True, password=ADMIN_PASSWORD),
        nils=user(CONSULTANT_EMAIL, "Nils", "Thylander", staff=True, password=CONSULTANT_PASSWORD, groups=[CONSULTANT]),
        mette=user("mette.konsulent@netvaerk.example", "Mette", "Kragh", staff=True, groups=[CONSULTANT]),
        secretariat=user(
            SECRETARIAT_EMAIL, "Sanne", "Holm", staff=True, password=SECRETARIAT_PASSWORD, groups=[SECRETARIAT]
        ),
        trine=user("trine.sander@albertslund.example", "Trine", "Sander", staff=True, groups=[CONSULTANT]),
    )

    site.organisers["bsn"] = Organiser.objects.update_or_create(
        name="Boligsocialnet",
        defaults={
            "phone": "33 76 20 00",
            "email": "boligsocialnet@netvaerk.example",
            "website": "https://boligsocialnet.example",
        },
    )[0]
    site.organisers["abc"] = Organiser.objects.update_or_create(
        name="Albertslund Boligsociale Center (ABC)",
        defaults={"phone": "60 35 46 30", "email": "abc@netvaerk.example"},
    )[0]

    for key, name, kind, municipality in [
        ("vibysyd", "VibySyd boligsocial indsats", OrganisationKind.HOUSING_ASSOCIATION, "Aarhus"),
        ("gladsaxe", "Høje Gladsaxe Helhedsplan", OrganisationKind.HOUSING_ASSOCIATION, "Gladsaxe"),
        ("ribe", "Boligsocial indsats Ribe/Bramming", OrganisationKind.HOUSING_ASSOCIATION, "Esbjerg"),
        ("albertslund", "Albertslund Kommune", OrganisationKind.MUNICIPALITY, "Albertslund"),
        ("cfbu", "Center for Boligsocial Udvikling (CFBU)", OrganisationKind.CONSULTANCY, "København"),
        ("tverskov", "Tverskov Kommunikation & Udvikling", OrganisationKind.CONSULTANCY, ""),
        ("tingbjerg", "Tingbjerg Helhedsplan", OrganisationKind.HOUSING_ASSOCIATION, "København"),
    ]:
        site.organisations[key] = Organisation.objects.update_or_create(
            name=name, municipality=municipality, defaults={"kind": kind}
        )[0]
