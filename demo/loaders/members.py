"""The members of "Lokalsamfund & medborgerskab": profiles for the directory, memberships and a request to join."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from members.enums import MembershipRole, MembershipStatus
from members.models import Membership, Profile

from ..helpers import user
from ..logins import MEMBER_EMAIL, MEMBER_PASSWORD
from ..site import Site

# key, email, first and last name, organisation, job title, work areas, introduction, directory consent
MEMBERS = [
    (
        "maja",
        MEMBER_EMAIL,
        "Maja",
        "Nørgaard",
        "gladsaxe",
        "Boligsocial medarbejder",
        ["bsi", "beboerdemokrati", "frivillig"],
        "Jeg arbejder med beboerdemokrati og frivillige i Høje Gladsaxe og vil gerne høre, hvordan andre får nye beboere med.",
        True,
    ),
    (
        "ahmad",
        "ahmad.rahimi@tingbjerg.example",
        "Ahmad",
        "Rahimi",
        "tingbjerg",
        "Projektleder, unge og fritid",
        ["ungeraad", "kultur", "bsi"],
        "Står for ungerådet i Tingbjerg. Spørg mig gerne om, hvordan vi fik de unge til at stille op.",
        True,
    ),
    (
        "line",
        "line.kjaer@albertslund.example",
        "Line",
        "Kjær",
        "albertslund",
        "Kultur- og fritidskonsulent",
        ["kultur", "forening"],
        "Kobler foreninger og boligområder i Albertslund.",
        True,
    ),
    ("soeren", "soeren.holt@ribe.example", "Søren", "Holt", "ribe", "Områdesekretær", ["udvikling"], "", False),
    (
        "fatima",
        "fatima.ali@vibysyd.example",
        "Fatima",
        "Ali",
        "vibysyd",
        "Frivilligkoordinator",
        ["frivillig"],
        "",
        True,
    ),
]


def load(site: Site) -> None:
    for key, email, first, last, organisation, job_title, areas, intro, consent in MEMBERS:
        person = user(email, first, last, password=MEMBER_PASSWORD if email == MEMBER_EMAIL else None)
        if not person.phone:
            person.phone = {MEMBER_EMAIL: "22 33 44 55"}.get(email, "33 76 20 00")
            person.save(update_fields=["phone"])
        profile, _c = Profile.objects.update_or_create(
            user=person,
            defaults={
                "organisation": site.organisations[organisation],
                "job_title": job_title,
                "introduction": intro,
                "directory_consent": consent,
                "directory_consent_at": timezone.now() if consent else None,
            },
        )
        profile.work_areas.set([site.work_areas[area] for area in areas])
        site.users[key] = person

    now = timezone.now()

    def membership(person, status, role=MembershipRole.MEMBER, **extra):
        active = status == MembershipStatus.ACTIVE
        Membership.objects.update_or_create(
            network=site.networks["lokal"],
            user=person,
            defaults={
                "status": status,
                "role": role,
                "requested_at": now - dt.timedelta(days=40),
                "decided_at": now - dt.timedelta(days=39) if active else None,
                "decided_by": site.users["nils"] if active else None,
                **extra,
            },
        )

    users = site.users
    membership(users["maja"], MembershipStatus.ACTIVE, notify_new_posts=True)
    membership(users["ahmad"], MembershipStatus.ACTIVE, MembershipRole.WORKING_GROUP)
    membership(users["line"], MembershipStatus.ACTIVE)
    membership(users["soeren"], MembershipStatus.ACTIVE)
    # A request to join waits for the coordinator (the consultant) under the group space's "Requests" tab.
    membership(
        users["fatima"],
        MembershipStatus.REQUESTED,
        message="Jeg koordinerer frivillige i VibySyd og vil gerne dele erfaringer med jer.",
    )
