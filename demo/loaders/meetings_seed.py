"""The seed meeting 21-374 ("Sociale viceværter", Viby J, 21 April 2022) with its real programme.

Its programme is 5½ hours with 8 points and an overlap on purpose: the
programme check shows all three on the demo.
"""

from __future__ import annotations

import datetime as dt

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingFormat, MeetingKind, MeetingStatus

from ..helpers import P, at, meeting
from ..site import Site


def load(site: Site) -> None:
    common = {"organiser": site.organisers["bsn"], "status": MeetingStatus.PUBLISHED}

    # The real meeting of the seed page, with its real date and programme.
    seed_day = dt.date(2022, 4, 21)
    site.meetings["seed"] = meeting(
        "21-374",
        [
            P((9, 30), (10, 0), K.ARRIVAL, "Drop-in med morgenbrød, kaffe og te"),
            P((10, 0), (10, 30), K.WELCOME, "Velkommen", bullets=["Dagens program og tjek ind"]),
            P(
                (10, 30),
                (11, 15),
                K.CASE,
                "Case: ”Aktive fællesskaber som løftestang for området”",
                speakers="Trine, VibySyd",
                bullets=[
                    "Et eksempel fra VibySyd på, hvordan man styrker samarbejdet med områdets foreninger og fællesskaber, så flere udsatte beboere bliver en del af dem.",
                    "Hvordan kobler I lokalområdets frivillige med udsatte beboere? Og hvis ikke - hvorfor?",
                ],
                description="Der er plads til spørgsmål undervejs.",
            ),
            P(
                (11, 15),
                (12, 15),
                K.GROUP_WORK,
                "Gruppedrøftelser - hvor langt skal man gå for den enkelte beboer eller aktivitet?",
                bullets=[
                    "En håndholdt indsats koster mange ressourcer, men kan være det, der skaber varige forandringer. Hvilke krav kan man stille? Hvornår giver man slip?"
                ],
                description="Drøftelser i mindre grupper - en fra hver gruppe fremlægger pointerne i plenum.",
            ),
            P((12, 15), (13, 15), K.MEAL, "Frokost"),
            P(
                (13, 15),
                (13, 45),
                K.ONLINE_TALK,
                "Medborgerskab, sammenhængskraft og social integration v. CFBU",
                speakers="Sarah Lunar og Siff Monrad Langkilde, CFBU (via Teams)",
                bullets=[
                    "Inspirationsoplæg om metoder, der styrker beboernes deltagelse i lokalområdet, med afsæt i CFBU's rapport."
                ],
            ),
            P(
                (13, 45),
                (14, 15),
                K.GROUP_WORK,
                "Gruppedrøftelser med udgangspunkt i CFBU's oplæg",
                bullets=["Kan I genkende metoderne fra jeres eget arbejde?", "Hvor kan metoderne gøre gavn hos jer?"],
            ),
            P(
                (14, 15),
                (14, 45),
                K.TALK,
                "Deltagelse, frivillighed og borgere - har vi passende forventninger?",
                speakers="Nils Thylander",
                bullets=["Kort oplæg om inddragelse, engagement og forankring."],
                description="Refleksion over egen praksis og åben drøftelse i plenum.",
            ),
            P(
                (14, 40),
                (14, 50),
                K.PLENARY,
                "Næste møde",
                bullets=["Torsdag d. 13. oktober i Ribe/Bramming - forslag til dagsorden."],
            ),
            P(
                (14, 50),
                (15, 0),
                K.WRAP_UP,
                "Afrunding og evt.",
                bullets=["Hvad har jeg fået med fra dagen, og hvad vil jeg arbejde videre med derhjemme?"],
            ),
            P((15, 0), None, K.OTHER, "Tak for i dag"),
        ],
        target_groups=[site.target_groups["vicevaerter"]],
        network=site.networks["vicevaerter"],
        kind=MeetingKind.NETWORK_MEETING,
        format=MeetingFormat.IN_PERSON,
        title="Sociale viceværter",
        teaser=(
            "Hvordan samarbejder man med lokale foreninger og fællesskaber, så flere af områdets udsatte beboere bliver "
            "en del af dem? Hvordan prioriterer man sine kræfter, når beboeraktiviteter skal støttes? Det ser vi på, når "
            "vi besøger den boligsociale indsats i Viby J den 21. april 2022."
        ),
        description=(
            "Ressourcer, håndholdte indsatser og forventninger\n\n"
            "Mange boligsociale medarbejdere oplever, at flere kunne have glæde af indsatsen, men ikke deltager. "
            "Hvorfor, og hvilke greb giver større rækkevidde?\n\n"
            "Vi ser på, hvordan lokalsamfundets ressourcer kan bringes i spil, og drøfter dilemmaerne, når man selv "
            "skal prioritere mellem enkelte beboere og aktiviteter: Hvor meget krudt skal man bruge på en aktivitet, "
            "der har svært ved at få liv? Hvornår drejer man nøglen om?"
        ),
        purpose="At give deltagerne redskaber til at prioritere deres ressourcer og reflektere over egen praksis.",
        target_group_note="Sociale viceværter ansat i en boligorganisation eller boligsocial helhedsplan.",
        starts_at=at(seed_day, 9, 30),
        ends_at=at(seed_day, 15, 0),
        registration_deadline=at(dt.date(2022, 4, 18), 23, 59),
        venue=site.venues["rosenhoj"],
        host_organisation=site.organisations["vibysyd"],
        host_activity="Rundvisning i VibySyd og besøg hos områdets foreninger",
        capacity=40,
        price=0,
        contact_name="",
        **common,
    )
