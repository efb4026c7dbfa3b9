"""The ten-year builder: reference data (organisers, organisations, venues), people and users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bench.scale.vocabulary import (
    AREAS,
    FIRST_NAMES,
    HOUSING,
    JOB_TITLES,
    LAST_NAMES,
    MUNICIPALITIES,
    NGOS,
    PHRASES,
    TARGET_GROUPS,
    THEMES,
    WORK_AREAS,
    ascii_slug,
)


@dataclass
class Person:
    first: str
    last: str
    email: str
    phone: str
    organisation: str
    organisation_id: int
    job_title: str
    user_id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class PeopleBuilder:
    """Organisers, organisations, tags, venues; the people and their user accounts."""

    # Organisers, organisations, tags, venues.
    def _reference_data(self) -> None:
        from meetings.models import Venue
        from netvaerk.models import Organisation, Organiser, TargetGroup, Theme, WorkArea

        rng = self.rng
        created = self._at(self.first_day, 9)
        self.organisers = {
            1: "Boligsocialnet",
            2: "Albertslund Boligsociale Center (ABC)",
            3: "Boligsocialt Netværkssekretariat Jylland",
        }
        self._copy(
            Organiser,
            (
                {
                    "id": pk,
                    "name": name,
                    "phone": "33 76 20 00",
                    "email": f"{ascii_slug(name)[:20]}@netvaerk.example",
                    "created_at": created,
                    "updated_at": created,
                }
                for pk, name in self.organisers.items()
            ),
        )
        for model, names in ((Theme, THEMES), (WorkArea, WORK_AREAS), (TargetGroup, TARGET_GROUPS)):
            self._copy(model, ({"id": i, "name": n, "slug": ascii_slug(n)} for i, n in enumerate(names, 1)))

        orgs: list[tuple[str, str, str]] = []  # (name, kind, municipality)
        for municipality, _postal, _city in MUNICIPALITIES:
            orgs.append((f"{municipality} Kommune", "municipality", municipality))
            orgs.append((f"Frivilligcenter {municipality}", "association", municipality))
            for housing in rng.sample(HOUSING, 4):
                orgs.append((housing, "housing_association", municipality))
        for area in AREAS:
            municipality = rng.choice(MUNICIPALITIES)[0]
            orgs.append((f"Helhedsplanen {area}", "housing_association", municipality))
            orgs.append((f"Boligsocial indsats {area}", "housing_association", municipality))
            orgs.append((f"Ungdomsklubben {area}", "association", municipality))
        for ngo in NGOS:
            kind = "consultancy" if any(w in ngo for w in ("Research", "Rambøll", "CFBU", "Tverskov")) else "ngo"
            orgs.append((ngo, kind, ""))
        self.organisations = list(dict.fromkeys(orgs))
        self._copy(
            Organisation,
            (
                {"id": i, "name": name, "kind": kind, "municipality": mun, "created_at": created, "updated_at": created}
                for i, (name, kind, mun) in enumerate(self.organisations, 1)
            ),
        )
        venues = []
        for municipality, postal, city in MUNICIPALITIES:
            local_orgs = [i for i, o in enumerate(self.organisations, 1) if o[2] == municipality]
            for name in (f"Beboerhuset {rng.choice(AREAS)}", f"Kulturhuset {city}", f"{city} Bibliotek"):
                venues.append(
                    {
                        "name": name,
                        "address": f"{rng.choice(['Torvet', 'Skolevej', 'Parkvej', 'Centervej', 'Byvej'])} {rng.randint(1, 80)}",
                        "postal_code": postal,
                        "city": city,
                        "room_capacity": rng.choice([40, 60, 80, 120, 200]),
                        "host_organisation_id": rng.choice(local_orgs) if local_orgs else None,
                        "accessibility": "Niveaufri adgang og handicaptoilet." if rng.random() < 0.5 else "",
                    }
                )
        venues.append({"name": "Microsoft Teams", "is_online": True})
        venues.append({"name": "Zoom", "is_online": True})
        self.online_venues = [len(venues) - 1, len(venues)]
        self.venues = venues
        self._copy(
            Venue,
            ({"id": i, "created_at": created, "updated_at": created, **v} for i, v in enumerate(venues, 1)),
        )
        self._log(f"reference data: {len(self.organisations)} organisations, {len(venues)} venues")

    def _people(self) -> None:
        """Everyone who signs up: the members first, then people without an account."""
        rng = self.rng
        n_people = max(self.n["members"] * 10, self.n["huge_meeting"] * 2, 2000)
        seen: set[str] = set()
        people = []
        for _ in range(n_people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            org_id = rng.randrange(1, len(self.organisations) + 1)
            org_name = self.organisations[org_id - 1][0]
            domain = ascii_slug(org_name)[:30].strip("-") + ".example"
            local = f"{ascii_slug(first)}.{ascii_slug(last)}".replace("-", "")
            email = f"{local}@{domain}"
            k = 2
            while email in seen:
                email = f"{local}{k}@{domain}"
                k += 1
            seen.add(email)
            people.append(
                Person(
                    first=first,
                    last=last,
                    email=email,
                    phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    organisation=org_name,
                    organisation_id=org_id,
                    job_title=rng.choice(JOB_TITLES),
                )
            )
        self.people = people

    def _users(self) -> None:
        from allauth.account.models import EmailAddress
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from demo.logins import ADMIN_EMAIL, ADMIN_PASSWORD, SECRETARIAT_EMAIL, SECRETARIAT_PASSWORD
        from members.models import Profile, User
        from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync

        rng = self.rng
        roles_sync()
        groups = dict(Group.objects.filter(name__in=[CONSULTANT, SECRETARIAT]).values_list("name", "id"))
        self._people()
        joined = self._at(self.first_day, 9)
        staff = [
            (ADMIN_EMAIL, "Demo", "Administrator", True, make_password(ADMIN_PASSWORD), None),
            (SECRETARIAT_EMAIL, "Sanne", "Holm", False, make_password(SECRETARIAT_PASSWORD), SECRETARIAT),
            ("sekretariat2@netvaerk.example", "Bente", "Lauridsen", False, None, SECRETARIAT),
            ("sekretariat3@netvaerk.example", "Ulla", "Toft", False, None, SECRETARIAT),
        ]
        consultants = max(3, round(12 * min(1.0, self.n["networks"] / 65)))
        for i in range(consultants):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            staff.append(
                (f"{ascii_slug(first)}.{ascii_slug(last)}{i}@netvaerk.example", first, last, False, None, CONSULTANT)
            )
        users, user_groups, addresses = [], [], []
        for pk, (email, first, last, superuser, password, group) in enumerate(staff, 1):
            users.append(
                {
                    "id": pk,
                    "email": email,
                    "first_name": first,
                    "last_name": last,
                    "is_staff": True,
                    "is_superuser": superuser,
                    "password": password or "!" + "x" * 40,
                    "date_joined": joined,
                    "phone": "33 76 20 00",
                }
            )
            if group:
                user_groups.append({"id": len(user_groups) + 1, "user_id": pk, "group_id": groups[group]})
            addresses.append({"id": pk, "user_id": pk, "email": email, "verified": True, "primary": True})
        self.secretariat_ids = [pk for pk, s in enumerate(staff, 1) if s[5] == SECRETARIAT]
        self.consultant_ids = [pk for pk, s in enumerate(staff, 1) if s[5] == CONSULTANT]
        first_member = len(staff) + 1
        self.first_member = first_member
        profiles, profile_areas = [], []
        span = (self.now - joined).total_seconds()
        for i in range(self.n["members"]):
            person = self.people[i]
            pk = first_member + i
            person.user_id = pk
            since = joined + dt.timedelta(seconds=rng.random() * span * 0.95)
            users.append(
                {
                    "id": pk,
                    "email": person.email,
                    "first_name": person.first,
                    "last_name": person.last,
                    "password": "!" + f"{rng.getrandbits(160):040x}",
                    "date_joined": since,
                    "last_login": since + dt.timedelta(days=rng.randint(0, 600)) if rng.random() < 0.7 else None,
                    "phone": person.phone if rng.random() < 0.6 else "",
                }
            )
            addresses.append({"id": pk, "user_id": pk, "email": person.email, "verified": True, "primary": True})
            consent = rng.random() < 0.65
            profiles.append(
                {
                    "id": i + 1,
                    "user_id": pk,
                    "organisation_id": person.organisation_id,
                    "job_title": person.job_title,
                    "introduction": f"Jeg arbejder med {rng.choice(PHRASES)} og vil gerne dele erfaringer."
                    if rng.random() < 0.35
                    else "",
                    "directory_consent": consent,
                    "directory_consent_at": since if consent else None,
                    "created_at": since,
                    "updated_at": since,
                }
            )
            for area in rng.sample(range(1, len(WORK_AREAS) + 1), rng.randint(1, 3)):
                profile_areas.append({"id": len(profile_areas) + 1, "profile_id": i + 1, "workarea_id": area})
        self.member_ids = list(range(first_member, first_member + self.n["members"]))
        self._copy(User, users)
        self._copy(User.groups.through, user_groups)
        self._copy(EmailAddress, addresses)
        self._copy(Profile, profiles)
        self._copy(Profile.work_areas.through, profile_areas)
        self._log(f"users: {len(users)} ({self.n['members']} members with profiles)")
