"""The meeting craft in the demo: terms of reference, host history, ideas, proposals, evaluations.

Called from members.demo.load_demo after the networks, meetings and members
exist. Idempotent like the rest of the demo; dates of recent meetings are
relative to today.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingFormat, MeetingStatus
from meetings.models import Meeting, Venue
from netvaerk.models import Network, Organisation
from registration.enums import RegistrationStatus
from registration.models import Registration

from .enums import ProposalStatus
from .models import AgendaProposal, Evaluation, Idea, IdeaComment

RESOURCE_MUNICIPAL_MEMBERS = {
    "familier": "daginstitutionerne, tandplejen, Familiehuset, PPR, skolerne, sundhedsplejen og Den "
    "Kriminalpræventive Enhed (DKE)",
    "uddannelse": "klubberne, Jobcenteret, sekretariatet for vækst og udvikling, DKE, Uddannelsesvejledningen "
    "Vestegnen (UUV) og skolerne",
    "naboskab": "Sundhedshuset, kultur- og fritidsområdet, sundhed, pleje og omsorg samt miljø og teknik",
}

RESOURCE_TASKS = "\n".join(
    [
        "Give hinanden sparring og udvikle indsatserne på tværs af boligområderne",
        "Kvalificere projekterne, så de bliver ført ud i livet på den bedste måde",
        "Dele erfaringer og viden på tværs af de lokale styregrupper",
        "Sætte skub i samarbejdet mellem de parter, der er med",
        "Prioritere ressourcerne efter de udfordringer, hvert boligområde står med",
        "Anbefale ændringer i medfinansieringsaftalerne, når ressourcerne fordeles mellem projekterne",
    ]
)


def _terms_of_reference() -> None:
    for key, municipal in RESOURCE_MUNICIPAL_MEMBERS.items():
        Network.objects.filter(slug=f"ressourcenetvaerk-{key}").update(
            terms_composition=(
                "Netværket samler fagfolk fra Albertslund Kommune, både ledere og medarbejdere, "
                "repræsentanter for afdelingsbestyrelserne i de fire boligområder, frivillige, "
                "driftsfolk og de boligsociale medarbejdere.\n\n"
                f"Fra kommunen deltager {municipal}.\n\n"
                "Til en aktuel temadrøftelse kan netværket invitere flere med, fx boligorganisationerne, "
                "kommunalbestyrelsen, foreninger, lokale virksomheder og andre samarbejdspartnere."
            ),
            terms_responsibility=(
                "Netværket rådgiver, udvikler og koordinerer. Det skal gøre de tværgående indsatser og "
                "helhedsplanens projekter bedre, med øje for både boligafdelingernes, "
                "boligadministrationernes og kommunens interesser.\n\n"
                "Netværket kan anbefale helhedsplanens bestyrelse, hvordan ressourcerne prioriteres inden "
                "for indsatsområdet, og foreslå ændringer i de kommunale medfinansieringsaftaler.\n\n"
                "Medlemmerne kan lave samarbejdsaftaler med hinanden, så længe de ikke forpligter "
                "projektets øvrige parter."
            ),
            terms_tasks=RESOURCE_TASKS,
        )


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


def _participants(meeting: Meeting, *, count: int, attended: int, evaluations: list[tuple[int, str]]) -> None:
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


def _idea(network, meeting, author, title, description, tags, comments=()) -> Idea:
    idea, _created = Idea.objects.update_or_create(
        network=network,
        title=title,
        defaults={"meeting": meeting, "author": author, "description": description, "tags": tags},
    )
    for commenter, body in comments:
        IdeaComment.objects.get_or_create(idea=idea, author=commenter, body=body)
    return idea


def _proposal(network, author, title, description, **extra) -> AgendaProposal:
    proposal, _created = AgendaProposal.objects.update_or_create(
        network=network, title=title, defaults={"author": author, "description": description, **extra}
    )
    return proposal


def load_craft_demo(*, today: dt.date) -> None:
    from members.demo import P, _at, _meeting
    from members.models import Minutes

    User = get_user_model()
    _terms_of_reference()

    lokal = Network.objects.get(slug="lokalsamfund-medborgerskab")
    bsn = lokal.organiser
    albertslund = Organisation.objects.get(name="Albertslund Kommune")
    tingbjerg = Organisation.objects.get(name="Tingbjerg Helhedsplan")
    gladsaxe = Organisation.objects.get(name="Høje Gladsaxe Helhedsplan")
    abc_venue = Venue.objects.get(name="Albertslund Boligsociale Center")
    tingbjerg_venue = Venue.objects.get(name="Tingbjerg Bibliotek og Kulturhus")
    gladsaxe_venue = Venue.objects.get(name="Beboerhuset Høje Gladsaxe")
    teams = Venue.objects.get(name="Microsoft Teams")
    nils = User.objects.get(email="konsulent@netvaerk.example")
    maja = User.objects.get(email="medlem@netvaerk.example")
    ahmad = User.objects.get(email="ahmad.rahimi@tingbjerg.example")
    line = User.objects.get(email="line.kjaer@albertslund.example")
    soeren = User.objects.get(email="soeren.holt@ribe.example")
    common = {"network": lokal, "organiser": bsn, "status": MeetingStatus.PUBLISHED}

    # Host history: the network has met in Albertslund and Tingbjerg too (the seed page's
    # "de fysiske møder afholdes på skift hos netværkets medlemmer").
    standard = [
        P((13, 0), (13, 15), K.WELCOME, "Velkommen og dagens hvorfor"),
        P((13, 15), (13, 45), K.TALK, "Oplæg fra værten"),
        P((13, 45), (14, 0), K.BREAK, "Kaffe og kage"),
        P((14, 0), (15, 0), K.GROUP_WORK, "Erfaringsudveksling i grupper"),
        P((15, 0), (15, 30), K.WRAP_UP, "Opsamling og forslag til næste møde"),
    ]
    for day, title, venue, host, activity in [
        (
            dt.date(2022, 5, 12),
            "Foreningslivet som løftestang",
            abc_venue,
            albertslund,
            "Besøg i Frivilligcentret",
        ),
        (
            dt.date(2023, 4, 20),
            "Unge stemmer i lokalsamfundet",
            tingbjerg_venue,
            tingbjerg,
            "Rundvisning hos ungerådet",
        ),
    ]:
        _meeting(
            None,
            standard,
            title=title,
            teaser="Netværksmøde hos et af netværkets medlemmer.",
            purpose="At dele erfaringer med, hvordan foreninger og unge kan bære aktiviteter i området.",
            starts_at=_at(day, 13, 0),
            ends_at=_at(day, 15, 30),
            registration_deadline=_at(day - dt.timedelta(days=7), 12, 0),
            venue=venue,
            host_organisation=host,
            host_activity=activity,
            **common,
        )
    _meeting(
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
        starts_at=_at(dt.date(2024, 2, 8), 9, 0),
        ends_at=_at(dt.date(2024, 2, 8), 10, 30),
        registration_deadline=_at(dt.date(2024, 2, 6), 12, 0),
        venue=teams,
        **common,
    )

    # A recent meeting: checked in at the door, evaluated by the participants, ideas in the
    # catalogue, and no minutes yet (the coordinator's reminder is due).
    day = today - dt.timedelta(days=9)
    day -= dt.timedelta(days=(day.weekday() - 3) % 7)  # the Thursday on or before
    recent = _meeting(
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
        starts_at=_at(day, 13, 0),
        ends_at=_at(day, 15, 30),
        registration_deadline=_at(day - dt.timedelta(days=7), 12, 0),
        venue=gladsaxe_venue,
        host_organisation=gladsaxe,
        host_activity="Rundvisning i det nye beboerhus",
        capacity=30,
        **common,
    )
    _participants(
        recent,
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
    gladsaxe_2021 = Meeting.objects.get(network=lokal, title="Unge, fritid og demokrati")
    _participants(
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
    _participants(
        Meeting.objects.get(network=lokal, title="Unge stemmer i lokalsamfundet"),
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

    # The idea catalogue, with members' comments.
    _idea(
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
    _idea(
        lokal,
        gladsaxe_2021,
        nils,
        "De unge viser selv rundt",
        "Når netværket er på besøg, kan de unge selv vise rundt i klubben. De får en rolle, og vi hører "
        "deres perspektiv på området.",
        "unge, værtskab",
    )
    _idea(
        lokal,
        recent,
        ahmad,
        "Foreningsguide på flere sprog",
        "En kort guide til områdets foreninger på dansk, arabisk, somali og tyrkisk, som "
        "ejendomskontoret giver nye beboere sammen med nøglerne.",
        "foreninger, nye beboere, sprog",
        comments=[(maja, "Vi har en skabelon fra Høje Gladsaxe, som jeg deler under Materiale.")],
    )
    _idea(
        lokal,
        recent,
        ahmad,
        "Frivilligbørs i beboerhuset",
        "En eftermiddag om året, hvor foreningerne står med hver sin bod, og beboerne kan prøve at være "
        "frivillige en enkelt gang uden at melde sig ind.",
        "frivillige, foreninger",
    )
    _idea(
        lokal,
        recent,
        nils,
        "Fast kaffe for nye i området",
        "Første torsdag i måneden inviterer de frivillige nye beboere på kaffe i beboerhuset.",
        "naboskab, nye beboere",
        comments=[(soeren, "Det vil jeg gerne foreslå i Bramming.")],
    )

    # Agenda proposals: two open, one already on the coming programme in Tingbjerg.
    _proposal(
        lokal,
        maja,
        "Hvordan holder vi fast i de unge frivillige?",
        "Mange unge starter som frivillige, men stopper, når de begynder på en uddannelse. Hvad gør andre?",
    )
    _proposal(
        lokal,
        line,
        "Samarbejdet med kommunens kultur- og fritidsområde",
        "Jeg fortæller gerne kort om, hvordan vi kobler foreninger og boligområder i Albertslund.",
    )
    coming = (
        Meeting.objects.filter(network=lokal, title__startswith="Hvem ejer idéerne")
        .prefetch_related("agenda_items")
        .first()
    )
    if coming is not None:
        item = next((i for i in coming.agenda_items.all() if i.title.startswith("Oplæg: Hvem ejer")), None)
        _proposal(
            lokal,
            ahmad,
            "Hvem ejer idéerne i lokalsamfundet?",
            "Hvornår skal vi gå forrest, og hvornår skal idéerne komme fra beboerne selv?",
            status=ProposalStatus.PLANNED,
            meeting=coming,
            agenda_item=item,
            decided_by=nils,
            decided_at=timezone.now() - dt.timedelta(days=10),
        )
