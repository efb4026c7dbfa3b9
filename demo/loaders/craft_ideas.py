"""Lokalsamfund's idea catalogue (with members' comments) and agenda proposals, one already on the programme."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from craft.enums import ProposalStatus
from craft.models import AgendaProposal, Idea, IdeaComment

from ..site import Site


def idea(network, meeting, author, title, description, tags, comments=()) -> Idea:
    row, _created = Idea.objects.update_or_create(
        network=network,
        title=title,
        defaults={"meeting": meeting, "author": author, "description": description, "tags": tags},
    )
    for commenter, body in comments:
        IdeaComment.objects.get_or_create(idea=row, author=commenter, body=body)
    return row


def proposal(network, author, title, description, **extra) -> AgendaProposal:
    row, _created = AgendaProposal.objects.update_or_create(
        network=network, title=title, defaults={"author": author, "description": description, **extra}
    )
    return row


def load(site: Site) -> None:
    lokal, gladsaxe_2021, recent = site.networks["lokal"], site.meetings["gladsaxe_2021"], site.meetings["recent"]
    nils, maja, ahmad, line, soeren = (site.users[key] for key in ("nils", "maja", "ahmad", "line", "soeren"))

    # The idea catalogue, with members' comments.
    idea(
        lokal,
        gladsaxe_2021,
        nils,
        "Ungeråd med eget budget",
        "Lad ungerådet råde over et lille budget. Når der er rigtige penge på spil, bliver det mere "
        "forpligtende at stille op - og at blive.",
        "unge, ungeråd, demokrati",
        comments=[
            (ahmad, "Vi prøver det i Tingbjerg fra næste år med 20.000 kr."),
            (line, "Husk en voksen, der kan hjælpe med regnskabet - men lad de unge bestemme."),
        ],
    )
    idea(
        lokal,
        gladsaxe_2021,
        nils,
        "De unge viser selv rundt",
        "Når netværket er på besøg, kan de unge selv vise rundt i klubben. De får en rolle, og vi hører "
        "deres perspektiv på området.",
        "unge, værtskab",
    )
    idea(
        lokal,
        recent,
        ahmad,
        "Foreningsguide på flere sprog",
        "En kort guide til områdets foreninger på dansk, arabisk, somali og tyrkisk, som "
        "ejendomskontoret giver nye beboere sammen med nøglerne.",
        "foreninger, nye beboere, sprog",
        comments=[(maja, "Vi har en skabelon fra Høje Gladsaxe, som jeg deler under Materiale.")],
    )
    idea(
        lokal,
        recent,
        ahmad,
        "Frivilligbørs i beboerhuset",
        "En eftermiddag om året, hvor foreningerne står med hver sin bod, og beboerne kan prøve at være "
        "frivillige en enkelt gang uden at melde sig ind.",
        "frivillige, foreninger",
    )
    idea(
        lokal,
        recent,
        nils,
        "Fast kaffe for nye i området",
        "Første torsdag i måneden inviterer de frivillige nye beboere på kaffe i beboerhuset.",
        "naboskab, nye beboere",
        comments=[(soeren, "Det vil jeg gerne foreslå i Bramming.")],
    )

    # Agenda proposals: two open, one already on the coming programme in Tingbjerg.
    proposal(
        lokal,
        maja,
        "Hvordan holder vi fast i de unge frivillige?",
        "Mange unge starter som frivillige, men stopper, når de begynder på en uddannelse. Hvad gør andre?",
    )
    proposal(
        lokal,
        line,
        "Samarbejdet med kommunens kultur- og fritidsområde",
        "Jeg fortæller gerne kort om, hvordan vi kobler foreninger og boligområder i Albertslund.",
    )
    coming = site.meetings["ideas"]
    proposal(
        lokal,
        ahmad,
        "Hvem ejer idéerne i lokalsamfundet?",
        "Hvornår skal vi gå forrest, og hvornår skal idéerne komme fra beboerne selv?",
        status=ProposalStatus.PLANNED,
        meeting=coming,
        agenda_item=coming.agenda_items.get(title__startswith="Oplæg: Hvem ejer"),
        decided_by=nils,
        decided_at=timezone.now() - dt.timedelta(days=10),
    )
