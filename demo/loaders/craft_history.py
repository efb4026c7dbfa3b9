"""Lokalsamfund's host history (Albertslund 2022, Tingbjerg 2023, on Teams 2024) and a recent meeting.

The history lets the network page show earlier hosts and suggest the member
who never hosted; the recent meeting (the Thursday 9-15 days ago) has
check-ins and evaluations and no minutes yet, so the coordinator's reminder
is due.
"""

from __future__ import annotations

import datetime as dt

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingFormat, MeetingStatus

from ..helpers import P, at, meeting
from ..site import Site


def load(site: Site) -> None:
    venues, organisations = site.venues, site.organisations
    common = {"network": site.networks["lokal"], "organiser": site.organisers["bsn"], "status": MeetingStatus.PUBLISHED}

    # Host history: the network has met in Albertslund and Tingbjerg too (the seed page's
    # "de fysiske møder afholdes på skift hos netværkets medlemmer").
    standard = [
        P((13, 0), (13, 15), K.WELCOME, "Velkommen og dagens hvorfor"),
        P((13, 15), (13, 45), K.TALK, "Oplæg fra værten"),
        P((13, 45), (14, 0), K.BREAK, "Kaffe og kage"),
        P((14, 0), (15, 0), K.GROUP_WORK, "Erfaringsudveksling i grupper"),
        P((15, 0), (15, 30), K.WRAP_UP, "Opsamling og forslag til næste møde"),
    ]
    for key, day, title, venue, host, activity in [
        (
            "albertslund_2022",
            dt.date(2022, 5, 12),
            "Foreningslivet som løftestang",
            "abc",
            "albertslund",
            "Besøg i Frivilligcentret",
        ),
        (
            "tingbjerg_2023",
            dt.date(2023, 4, 20),
            "Unge stemmer i lokalsamfundet",
            "tingbjerg",
            "tingbjerg",
            "Rundvisning hos ungerådet",
        ),
    ]:
        site.meetings[key] = meeting(
            None,
            standard,
            title=title,
            teaser="Netværksmøde hos et af netværkets medlemmer.",
            purpose="At dele erfaringer med, hvordan foreninger og unge kan bære aktiviteter i området.",
            starts_at=at(day, 13, 0),
            ends_at=at(day, 15, 30),
            registration_deadline=at(day - dt.timedelta(days=7), 12, 0),
            venue=venues[venue],
            host_organisation=organisations[host],
            host_activity=activity,
            **common,
        )
    site.meetings["online_2024"] = meeting(
        None,
        [
            P((9, 0), (9, 10), K.WELCOME, "Velkommen og tjek ind"),
            P((9, 10), (9, 30), K.ONLINE_TALK, "Kort oplæg: Beboerdemokrati på nettet"),
            P((9, 30), (10, 15), K.GROUP_WORK, "Drøftelser i breakout-rum"),
            P((10, 15), (10, 30), K.WRAP_UP, "Opsamling"),
        ],
        title="Virtuelt netværksmøde: Beboerdemokrati på nettet",
        teaser="Halvanden time på Teams.",
        purpose="At samle erfaringer med digitale beboermøder.",
        format=MeetingFormat.ONLINE,
        starts_at=at(dt.date(2024, 2, 8), 9, 0),
        ends_at=at(dt.date(2024, 2, 8), 10, 30),
        registration_deadline=at(dt.date(2024, 2, 6), 12, 0),
        venue=venues["teams"],
        **common,
    )

    # A recent meeting: checked in at the door, evaluated by the participants, ideas in the
    # catalogue, and no minutes yet (the coordinator's reminder is due).
    day = site.today - dt.timedelta(days=9)
    day -= dt.timedelta(days=(day.weekday() - 3) % 7)  # the Thursday on or before
    site.meetings["recent"] = meeting(
        None,
        [
            P((13, 0), (13, 15), K.WELCOME, "Velkommen: Mødets hvorfor"),
            P((13, 15), (13, 40), K.CASE, "Case: Sådan fik vi foreningerne med", speakers="Maja, Høje Gladsaxe"),
            P((13, 40), (14, 0), K.MEAL, "Sandwich og mingling"),
            P((14, 0), (15, 0), K.GROUP_WORK, "Workshop: Hvem er svære at nå, og hvordan når vi dem?"),
            P((15, 0), (15, 30), K.WRAP_UP, "Opsamling til idékataloget"),
        ],
        title="Frivillige, foreninger og de beboere, vi ikke når",
        teaser="Hvordan får foreningerne fat i de beboere, der ikke kommer af sig selv?",
        purpose="At samle greb til, hvordan foreninger og frivillige når de beboere, der sjældent deltager.",
        expected_output="Idékatalog med greb, som deles i netværkets gruppe.",
        participant_roles="To medlemmer er bordformænd i workshoppen; en deltager fra hvert bord tager noter.",
        starts_at=at(day, 13, 0),
        ends_at=at(day, 15, 30),
        registration_deadline=at(day - dt.timedelta(days=7), 12, 0),
        venue=venues["gladsaxe"],
        host_organisation=organisations["gladsaxe"],
        host_activity="Rundvisning i det nye beboerhus",
        capacity=30,
        **common,
    )
