"""The two networks' own calendar: the caretakers in Ribe/Bramming, and Lokalsamfund's past and coming meetings.

"Unge, fritid og demokrati" (Høje Gladsaxe, 14 October 2021) is the past
meeting the group space's material, minutes and evaluations belong to.
"""

from __future__ import annotations

import datetime as dt

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingFormat, MeetingKind, MeetingStatus

from ..helpers import P, at, meeting, weekday_after
from ..site import Site


def load(site: Site) -> None:
    common = {"organiser": site.organisers["bsn"], "status": MeetingStatus.PUBLISHED}

    # Upcoming: the social caretakers' next meeting in Ribe/Bramming.
    day = weekday_after(site.today, 40)
    site.meetings["ribe"] = meeting(
        None,
        [
            P((9, 30), (10, 0), K.ARRIVAL, "Ankomst med morgenbrød"),
            P((10, 0), (10, 20), K.WELCOME, "Velkommen og tjek ind"),
            P((10, 20), (11, 0), K.CASE, "Case: Beboerrådgivning i kvarterhuset", speakers="Værten, Ribe/Bramming"),
            P((11, 0), (12, 0), K.GROUP_WORK, "Gruppedrøftelser om samarbejdet med ejendomskontoret"),
            P((12, 0), (12, 45), K.MEAL, "Frokost"),
            P((12, 45), (13, 45), K.OTHER, "Rundvisning i boligområdet", speakers="Værten"),
            P((13, 45), (14, 30), K.PLENARY, "Erfaringsudveksling i plenum"),
            P((14, 30), (15, 0), K.WRAP_UP, "Opsamling og næste møde"),
        ],
        target_groups=[site.target_groups["vicevaerter"]],
        network=site.networks["vicevaerter"],
        title="Sociale viceværter i Ribe/Bramming",
        teaser="Vi besøger Ribe/Bramming og ser, hvordan en lille boligsocial indsats får meget ud af samarbejdet med driften.",
        description="Dagen byder på en case fra værten, gruppedrøftelser og en rundvisning i boligområdet.",
        purpose="At dele erfaringer med samarbejdet mellem sociale viceværter og ejendomskontoret.",
        starts_at=at(day, 9, 30),
        ends_at=at(day, 15, 0),
        registration_deadline=at(day - dt.timedelta(days=5), 23, 59),
        venue=site.venues["ribe"],
        host_organisation=site.organisations["ribe"],
        host_activity="Rundvisning i boligområdet",
        capacity=35,
        **common,
    )

    # Lokalsamfund: the historical meeting in Høje Gladsaxe and upcoming ones.
    gl_day = dt.date(2021, 10, 14)
    site.meetings["gladsaxe_2021"] = meeting(
        None,
        [
            P((13, 0), (13, 15), K.WELCOME, "Velkommen"),
            P((13, 15), (14, 0), K.TALK, "Oplæg: Demokratiforståelse blandt unge i Høje Gladsaxe"),
            P((14, 0), (14, 15), K.BREAK, "Pause"),
            P((14, 15), (15, 15), K.GROUP_WORK, "Erfaringsudveksling i grupper"),
            P((15, 15), (15, 45), K.OTHER, "Rundvisning v. værten"),
            P((15, 45), (16, 0), K.WRAP_UP, "Opsamling"),
        ],
        network=site.networks["lokal"],
        title="Unge, fritid og demokrati",
        teaser="Netværksmøde i Høje Gladsaxe om unges fritidsliv og demokratiforståelse.",
        starts_at=at(gl_day, 13, 0),
        ends_at=at(gl_day, 16, 0),
        registration_deadline=at(gl_day - dt.timedelta(days=7), 12, 0),
        venue=site.venues["gladsaxe"],
        host_organisation=site.organisations["gladsaxe"],
        host_activity="Rundvisning i ungdomsklubben",
        **common,
    )
    day = weekday_after(site.today, 25)
    site.meetings["ideas"] = meeting(
        None,
        [
            P((13, 0), (13, 20), K.WELCOME, "Velkommen og dagens hvorfor"),
            P(
                (13, 20),
                (13, 50),
                K.TALK,
                "Oplæg: Hvem ejer idéerne i lokalsamfundet?",
                speakers="Et netværksmedlem fra Tingbjerg",
            ),
            P((13, 50), (14, 40), K.GROUP_WORK, "Gruppedrøftelser: Hvor meget skal vi gå forrest?"),
            P((14, 40), (15, 0), K.MEAL, "Kaffe, kage og mingling"),
            P((15, 0), (15, 30), K.OTHER, "Rundvisning: Kulturhusets ungeråd", speakers="Værten"),
            P((15, 30), (16, 0), K.WRAP_UP, "Opsamling og forslag til næste møde"),
        ],
        target_groups=[site.target_groups["ansatte"]],
        network=site.networks["lokal"],
        title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse",
        teaser="Hvornår skal vi som professionelle gå forrest, og hvornår skal idéerne komme fra beboerne selv?",
        description="Vi mødes i Tingbjerg, hvor værten viser, hvordan kulturhusets ungeråd selv driver aktiviteter.",
        purpose="At blive klogere på, hvordan idéer fra beboerne kan bære en aktivitet.",
        expected_output="En kort opsamling med gode greb, som deles i netværkets gruppe.",
        starts_at=at(day, 13, 0),
        ends_at=at(day, 16, 0),
        registration_deadline=at(day - dt.timedelta(days=7), 23, 59),
        venue=site.venues["tingbjerg"],
        host_organisation=site.organisations["tingbjerg"],
        host_activity="Rundvisning hos kulturhusets ungeråd",
        capacity=30,
        show_seats_left=True,
        **common,
    )
    day = weekday_after(site.today, 75, weekday=1)
    site.meetings["digital"] = meeting(
        None,
        [
            P((9, 0), (9, 10), K.WELCOME, "Velkommen og tjek ind"),
            P((9, 10), (9, 35), K.ONLINE_TALK, "Oplæg: Digitale fællesskaber i boligområdet"),
            P((9, 35), (10, 15), K.GROUP_WORK, "Drøftelser i breakout-rum"),
            P((10, 15), (10, 30), K.WRAP_UP, "Opsamling"),
        ],
        network=site.networks["lokal"],
        kind=MeetingKind.NETWORK_MEETING,
        format=MeetingFormat.ONLINE,
        title="Virtuelt netværksmøde: Digitale fællesskaber",
        teaser="Halvanden time på Teams om, hvordan digitale fællesskaber kan styrke naboskabet.",
        starts_at=at(day, 9, 0),
        ends_at=at(day, 10, 30),
        registration_deadline=at(day - dt.timedelta(days=2), 12, 0),
        venue=site.venues["teams"],
        online_url="https://teams.example/meet/digitale-faellesskaber",
        **common,
    )
