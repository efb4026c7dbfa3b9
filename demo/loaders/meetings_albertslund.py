"""Albertslund: the workshop evening (four workshops, 1st/2nd priority), in 2020 and coming, and the resource networks' meetings."""

from __future__ import annotations

import datetime as dt

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingKind, MeetingStatus

from ..helpers import P, at, meeting, weekday_after
from ..site import Site


def load(site: Site) -> None:
    # Albertslund workshop evening with four workshops (the invitation seed).
    workshops = [
        (
            "Naboskab, netværk & tryghed",
            "Hvad betyder det, at naboer kender hinanden på tværs af generationer og kulturer? Hvordan øger vi naboskab og netværk - og kan aktive beboere gøre det alene, eller skal medarbejdere støtte op? Hvilken rolle har ejendomskontoret og kommunen?",
            20,
        ),
        (
            "Sundhed & trivsel",
            "Kan fællesskaber i boligområdet forebygge sygdom, mistrivsel og ensomhed blandt unge og ældre? Hvordan når vi dem, de etablerede tilbud har svært ved at nå?",
            20,
        ),
        (
            "Uddannelse & livschancer",
            "Hvordan bakker boligområderne op om, at flere børn klarer sig godt i folkeskolen og flere unge tager en uddannelse? Hvad kan aktive borgere og skolerne bidrage med?",
            20,
        ),
        (
            "Beskæftigelse & opkvalificering",
            "Hvad kan vi gøre for at få flere beboere i arbejde? Hvad gøres bedst i boligområdet, hvad på Jobcentret, og hvad i samarbejde?",
            20,
        ),
    ]
    abc_programme = [
        P((16, 30), (16, 45), K.ARRIVAL, "Ankomst & velkomst"),
        P(
            (16, 45),
            (17, 30),
            K.PLENARY,
            "Paneldebat",
            bullets=["Om boligsocialt arbejde og merværdien ved at samarbejde i byen"],
        ),
        P((17, 30), (18, 0), K.MEAL, "Spisning"),
        P((18, 0), (19, 20), K.WORKSHOP, "Workshops", bullets=[w[0] for w in workshops]),
        P((19, 20), (19, 30), K.WRAP_UP, "Opsamling & tak for i dag"),
    ]
    old_day = dt.date(2020, 9, 29)
    site.meetings["abc_2020"] = meeting(
        None,
        abc_programme,
        workshops=workshops,
        network=None,
        organiser=site.organisers["abc"],
        status=MeetingStatus.PUBLISHED,
        kind=MeetingKind.WORKSHOP_EVENING,
        title="Aktive boligområder i Albertslund efter 2020",
        teaser="Vær med, når vi udvikler og kvalificerer idéer til socialt arbejde i byens boligområder.",
        description=(
            "Albertslund Boligsociale Center (ABC) er navnet på samarbejdet mellem kommunen og udvalgte almene "
            "boligafdelinger siden 2008. Fra årsskiftet kan Landsbyggefonden kun give et langt mindre tilskud. "
            "Aftenens idéer kan bæres videre på mange måder - nogle kræver ressourcer, andre kan boligområder og "
            "kommune gøre sammen uden videre."
        ),
        target_group_note="Afdelingsbestyrelser og andre aktive borgere, ansatte i kommunen og boligselskaberne, foreninger og andre lokale aktører.",
        starts_at=at(old_day, 16, 30),
        ends_at=at(old_day, 19, 30),
        registration_deadline=at(dt.date(2020, 9, 21), 23, 59),
        venue=site.venues["abc"],
        capacity=80,
    )
    day = weekday_after(site.today, 22, weekday=1)
    site.meetings["abc"] = meeting(
        None,
        abc_programme,
        workshops=workshops,
        network=None,
        organiser=site.organisers["abc"],
        status=MeetingStatus.PUBLISHED,
        kind=MeetingKind.WORKSHOP_EVENING,
        title="Aktive boligområder i Albertslund",
        teaser="Vær med, når vi udvikler og kvalificerer idéer til socialt arbejde i byens boligområder!",
        description=(
            "En aften med paneldebat, fælles spisning og fire workshops. Vælg din 1. og 2. prioritet, når du "
            "tilmelder dig - så sørger vi for, at der ikke er flere i hvert lokale, end der er plads til. "
            "Husk at oplyse evt. særlige kosthensyn."
        ),
        purpose="At samle idéer til, hvordan boligområder og kommune kan fortsætte det gode samarbejde.",
        expected_output="Et idékatalog, der sendes til alle deltagere.",
        target_groups=[
            site.target_groups["bestyrelser"],
            site.target_groups["kommune"],
            site.target_groups["frivillige"],
        ],
        target_group_note="Afdelingsbestyrelser og andre aktive borgere, ansatte i kommunen og boligselskaberne, foreninger og andre lokale aktører.",
        starts_at=at(day, 16, 30),
        ends_at=at(day, 19, 30),
        registration_deadline=at(day - dt.timedelta(days=8), 23, 59),
        venue=site.venues["abc"],
        capacity=80,
        contact_name="Albertslund Boligsociale Center",
        contact_email="abc@netvaerk.example",
        contact_phone="60 35 46 30",
    )

    # Resource network meetings: each starts from its own "why".
    for offset, key, title, purpose, output in [
        (
            18,
            "uddannelse",
            "Produktidéer til den socialøkonomiske virksomhed",
            "Deltagerne skal komme med forslag til produkter, som den socialøkonomiske virksomhed kan sætte i gang.",
            "Idékatalog med produktforslag",
        ),
        (
            46,
            "familier",
            "Hvordan designer vi en relevant familieindsats?",
            "Vi skal blive klogere på, hvordan vi bedst designer en familieindsats, der rammer familiernes behov.",
            "Opsamling med anbefalinger",
        ),
        (
            88,
            "naboskab",
            "Velkommen til nye beboere",
            "Deltagerne deler erfaringer og gode eksempler på, hvordan de hver især tager imod nye beboere.",
            "Folder med gode eksempler",
        ),
    ]:
        day = weekday_after(site.today, offset, weekday=2)
        site.meetings[key] = meeting(
            None,
            [
                P((15, 0), (15, 15), K.WELCOME, "Velkommen: Mødets hvorfor"),
                P((15, 15), (15, 35), K.TALK, "Kort oplæg"),
                P((15, 35), (15, 50), K.MEAL, "Sandwich og mingling"),
                P(
                    (15, 50),
                    (16, 50),
                    K.GROUP_WORK,
                    "Workshop i mindre grupper",
                    description="Hver gruppe har en ordstyrer og en referent blandt deltagerne.",
                ),
                P((16, 50), (17, 0), K.BREAK, "Kort pause"),
                P((17, 0), (17, 30), K.WRAP_UP, "Opsamling og vidensdeling"),
            ],
            network=site.networks[key],
            organiser=site.organisers["abc"],
            status=MeetingStatus.PUBLISHED,
            title=title,
            teaser=purpose,
            purpose=purpose,
            expected_output=output,
            starts_at=at(day, 15, 0),
            ends_at=at(day, 17, 30),
            registration_deadline=at(day - dt.timedelta(days=3), 12, 0),
            venue=site.venues["abc"],
            capacity=40,
        )
