"""Realistic Danish demo data drawn from the facts of the seed pages.

Idempotent: running it twice updates the same rows. Dates of upcoming
meetings are relative to today so the demo never goes stale; the historical
meetings keep their real dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingFormat, MeetingKind, MeetingStatus
from meetings.models import AgendaItem, Meeting, Venue, Workshop
from netvaerk.enums import OrganisationKind
from netvaerk.models import Network, Organisation, Organiser, TargetGroup, Theme, WorkArea
from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync
from registration.demo import load_demo_registrations

from .services import user_email_verify

ADMIN_EMAIL = "admin@netvaerk.example"
ADMIN_PASSWORD = "demo-admin-2026"
CONSULTANT_EMAIL = "konsulent@netvaerk.example"
CONSULTANT_PASSWORD = "demo-konsulent-2026"
SECRETARIAT_EMAIL = "sekretariat@netvaerk.example"
SECRETARIAT_PASSWORD = "demo-sekretariat-2026"
MEMBER_EMAIL = "medlem@netvaerk.example"
MEMBER_PASSWORD = "demo-medlem-2026"


@dataclass
class DemoResult:
    admin_email: str
    admin_password: str
    consultant_email: str
    consultant_password: str
    secretariat_email: str
    secretariat_password: str
    member_email: str
    member_password: str
    networks: int
    meetings: int


def _tags(model, names):
    return [model.objects.update_or_create(slug=slugify(name), defaults={"name": name})[0] for name in names]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _weekday_after(today: dt.date, days: int, weekday: int = 3) -> dt.date:
    """The first given weekday (Thursday by default) at least `days` days ahead."""
    day = today + dt.timedelta(days=days)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _user(email, first, last, *, staff=False, superuser=False, password=None, groups=()):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "is_staff": staff, "is_superuser": superuser}
    )
    changed = False
    for field, value in {"first_name": first, "last_name": last, "is_staff": staff, "is_superuser": superuser}.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if password and (created or not user.check_password(password)):
        user.set_password(password)
        changed = True
    if changed or created:
        user.save()
    # Every demo login goes through allauth, which wants a verified address.
    user_email_verify(user=user)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def _meeting(code: str | None, programme, workshops=(), target_groups=(), **fields) -> Meeting:
    lookup = {"code": code} if code else {"title": fields["title"], "network": fields.get("network")}
    meeting = Meeting.objects.filter(**lookup).first() or Meeting(code=code or "")
    for key, value in fields.items():
        setattr(meeting, key, value)
    meeting.save()
    meeting.target_groups.set(target_groups)
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            start_time=dt.time(*start),
            end_time=dt.time(*end) if end else None,
            kind=kind,
            title=title,
            speakers=speakers,
            bullet_points="\n".join(bullets),
            description=description,
            order=index,
        )
        for index, (start, end, kind, title, speakers, bullets, description) in enumerate(programme)
    )
    existing = {w.title: w for w in meeting.workshops.all()}
    keep = []
    for index, (title, description, capacity) in enumerate(workshops):
        workshop = existing.get(title) or Workshop(meeting=meeting, title=title)
        workshop.description = description
        workshop.capacity = capacity
        workshop.order = index
        workshop.save()
        keep.append(workshop.pk)
    meeting.workshops.exclude(pk__in=keep).delete()
    return meeting


def P(start, end, kind, title, speakers="", bullets=(), description=""):
    return (start, end, kind, title, speakers, bullets, description)


@transaction.atomic
def load_demo(*, today: dt.date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    roles_sync()

    admin = _user(ADMIN_EMAIL, "Demo", "Administrator", staff=True, superuser=True, password=ADMIN_PASSWORD)
    nils = _user(CONSULTANT_EMAIL, "Nils", "Thylander", staff=True, password=CONSULTANT_PASSWORD, groups=[CONSULTANT])
    mette = _user("mette.konsulent@netvaerk.example", "Mette", "Kragh", staff=True, groups=[CONSULTANT])
    sekretariat = _user(
        SECRETARIAT_EMAIL, "Sanne", "Holm", staff=True, password=SECRETARIAT_PASSWORD, groups=[SECRETARIAT]
    )
    trine = _user("trine.sander@albertslund.example", "Trine", "Sander", staff=True, groups=[CONSULTANT])
    del admin, sekretariat

    bsn, _c = Organiser.objects.update_or_create(
        name="Boligsocialnet",
        defaults={
            "phone": "33 76 20 00",
            "email": "boligsocialnet@netvaerk.example",
            "website": "https://boligsocialnet.example",
        },
    )
    abc, _c = Organiser.objects.update_or_create(
        name="Albertslund Boligsociale Center (ABC)",
        defaults={"phone": "60 35 46 30", "email": "abc@netvaerk.example"},
    )

    def org(name, kind, municipality):
        return Organisation.objects.update_or_create(name=name, municipality=municipality, defaults={"kind": kind})[0]

    vibysyd = org("VibySyd boligsocial indsats", OrganisationKind.HOUSING_ASSOCIATION, "Aarhus")
    gladsaxe = org("Høje Gladsaxe Helhedsplan", OrganisationKind.HOUSING_ASSOCIATION, "Gladsaxe")
    ribe = org("Boligsocial indsats Ribe/Bramming", OrganisationKind.HOUSING_ASSOCIATION, "Esbjerg")
    albertslund_k = org("Albertslund Kommune", OrganisationKind.MUNICIPALITY, "Albertslund")
    cfbu = org("Center for Boligsocial Udvikling (CFBU)", OrganisationKind.CONSULTANCY, "København")
    tverskov = org("Tverskov Kommunikation & Udvikling", OrganisationKind.CONSULTANCY, "")
    tingbjerg = org("Tingbjerg Helhedsplan", OrganisationKind.HOUSING_ASSOCIATION, "København")
    del cfbu, tverskov

    themes = dict(
        zip(
            ["lokal", "drift", "fam", "udd", "nabo", "samarb"],
            _tags(
                Theme,
                [
                    "Lokalsamfund og medborgerskab",
                    "Drift og sociale viceværter",
                    "Familier og forebyggelse",
                    "Uddannelse og beskæftigelse",
                    "Naboskab og trivsel",
                    "Samarbejde mellem kommune og boligorganisation",
                ],
            ),
        )
    )
    work_areas = dict(
        zip(
            [
                "bsi",
                "kultur",
                "forening",
                "udvikling",
                "frivillig",
                "beboerdemokrati",
                "ungeraad",
                "ngo",
                "drift",
                "job",
                "skole",
                "sundhed",
            ],
            _tags(
                WorkArea,
                [
                    "Boligsociale indsatser",
                    "Kultur og fritid (kommune)",
                    "Foreningsunderstøttelse",
                    "Udvikling (boligorganisation)",
                    "Frivillighed",
                    "Beboerdemokrati",
                    "Ungeråd",
                    "NGO'er og lignende",
                    "Drift og ejendomskontor",
                    "Beskæftigelse",
                    "Skole og uddannelse",
                    "Sundhed",
                ],
            ),
        )
    )
    groups = dict(
        zip(
            ["ansatte", "vicevaerter", "bestyrelser", "kommune", "frivillige", "ledere"],
            _tags(
                TargetGroup,
                [
                    "Medarbejdere",
                    "Sociale viceværter",
                    "Afdelingsbestyrelser",
                    "Kommunale medarbejdere",
                    "Frivillige og aktive beboere",
                    "Ledere",
                ],
            ),
        )
    )

    def network(slug, **fields):
        target_groups = fields.pop("target_groups")
        areas = fields.pop("work_areas")
        working_group = fields.pop("working_group", [])
        net, _c = Network.objects.update_or_create(slug=slug, defaults=fields)
        net.target_groups.set(target_groups)
        net.work_areas.set(areas)
        net.working_group.set(working_group)
        return net

    lokal = network(
        "lokalsamfund-medborgerskab",
        name="Lokalsamfund & medborgerskab",
        teaser="Sådan understøtter du lokalsamfundet og bygger lokale ressourcer op i en socialt bæredygtig bydel.",
        description=(
            "Netværket handler om, hvordan vi som medarbejdere kan støtte lokalsamfundet og være med til at bygge de "
            "lokale ressourcer op, som en socialt bæredygtig bydel hviler på. Det kan være ved at styrke beboernes "
            "forståelse af demokratiet, ved aktiviteter der giver identitet og ejerskab til området, eller ved nye "
            "greb, der giver de unge et bedre fritidsliv.\n\n"
            "Vi drøfter også de dilemmaer, der opstår, når man som fagperson blander sig i et lokalsamfund: Ser "
            "borgerne det samme behov for udvikling som vi? Hvor meget skal vi gå forrest, og hvor kommer idéerne "
            "fra? De spørgsmål følger os gennem alle møderne.\n\n"
            "Inden for den ramme bestemmer netværkets medlemmer selv, hvilke emner møderne tager op."
        ),
        form=(
            "Et netværksmøde har som regel et eller to faglige oplæg, som sætter gang i de efterfølgende drøftelser. "
            "Oplæggene holdes af medlemmerne selv eller af eksterne.\n\n"
            "Vi giver god tid til at udveksle erfaringer, for det er jeres erfaringer, der udvikler feltet.\n\n"
            "Som medlem kommer du med i netværkets gruppe i medlemsområdet, hvor du finder de andres "
            "kontaktoplysninger, kan skrive beskeder og dele materiale.\n\n"
            "De fysiske møder går på skift mellem medlemmerne. Værten viser typisk en lokal aktivitet frem på en "
            "rundvisning.\n\n"
            "Møderne planlægges af en lille arbejdsgruppe med 1-2 medlemmer og en konsulent fra Boligsocialnet. "
            "Konsulenten er tovholder."
        ),
        theme=themes["lokal"],
        target_groups=[groups["ansatte"]],
        work_areas=[
            work_areas[k]
            for k in ["bsi", "kultur", "forening", "udvikling", "frivillig", "beboerdemokrati", "ungeraad", "ngo"]
        ],
        virtual_meetings_per_year=1,
        physical_meetings_per_year=2,
        cadence_note="Et virtuelt og to fysiske møder årligt.",
        is_free=True,
        organiser=bsn,
        coordinator=nils,
        working_group=[nils],
        contact_name="Nils Thylander",
        contact_email="npe@netvaerk.example",
        contact_phone="33 76 20 00",
        join_info="Kontakt Nils Thylander på npe@netvaerk.example, eller tilmeld dig det næste netværksmøde.",
    )
    vicevaerter = network(
        "sociale-vicevaerter",
        name="Sociale viceværter",
        teaser="Netværk for sociale viceværter, der bygger bro mellem drift, beboere og den boligsociale indsats.",
        description=(
            "Sociale viceværter står midt i hverdagen i boligområdet. Netværket samler dem, der er ansat i en "
            "boligorganisation eller en boligsocial helhedsplan, om de spørgsmål, de møder: samarbejdet med lokale "
            "foreninger, den håndholdte indsats over for enkelte beboere, og hvordan man prioriterer sin tid."
        ),
        form=(
            "Møderne veksler mellem cases fra medlemmerne, korte inspirationsoplæg og gruppedrøftelser. "
            "Vi besøger på skift hinandens boligområder."
        ),
        theme=themes["drift"],
        target_groups=[groups["vicevaerter"]],
        target_group_note="Sociale viceværter ansat i en boligorganisation eller en boligsocial helhedsplan.",
        work_areas=[work_areas["drift"], work_areas["bsi"], work_areas["frivillig"]],
        virtual_meetings_per_year=0,
        physical_meetings_per_year=2,
        cadence_note="To fysiske heldagsmøder årligt, forår og efterår.",
        is_free=True,
        organiser=bsn,
        coordinator=mette,
        # Nils plans with her: the demo consultant plans two networks (the seed meeting 21-374 is hers).
        working_group=[mette, nils],
        contact_name="Mette Kragh",
        contact_email="mette.konsulent@netvaerk.example",
        contact_phone="33 76 20 00",
    )
    resource = {}
    for key, name, theme, teaser, members_text, area_keys in [
        (
            "familier",
            "Ressourcenetværk Familier/Forebyggelse",
            "fam",
            "Sparring på tværs af daginstitutioner, skoler, sundhedspleje og boligområder om en stærk familieindsats.",
            "Daginstitutionsområdet, tandplejen, Familiehuset, PPR, skolerne, sundhedsplejen og den kriminalpræventive enhed.",
            ["bsi", "skole", "sundhed"],
        ),
        (
            "uddannelse",
            "Ressourcenetværk Uddannelse/Beskæftigelse",
            "udd",
            "Jobcenter, klubber, uddannelsesvejledning og boligområder arbejder sammen om unges vej til uddannelse og job.",
            "Klubområdet, Jobcenteret, sekretariatet for vækst og udvikling, den kriminalpræventive enhed, uddannelsesvejledningen og skolerne.",
            ["job", "skole", "bsi"],
        ),
        (
            "naboskab",
            "Ressourcenetværk Naboskab/Trivsel",
            "nabo",
            "Naboskab, sundhed og fællesskaber i boligområderne - med kultur, fritid, pleje og teknik omkring bordet.",
            "Sundhedshuset, kultur- og fritidsområdet, sundheds-, pleje- og omsorgsområdet samt miljø og teknik.",
            ["sundhed", "kultur", "frivillig"],
        ),
    ]:
        resource[key] = network(
            f"ressourcenetvaerk-{key}",
            name=name,
            teaser=teaser,
            description=(
                "Ressourcenetværkene er rådgivende, udviklende og koordinerende. De skal kvalificere de tværgående "
                "indsatser og projekterne i helhedsplanen med blik for både boligafdelingernes, boligadministrationernes "
                "og kommunens interesser.\n\n"
                f"Kommunale deltagere: {members_text} Dertil kommer repræsentanter for afdelingsbestyrelserne i de fire "
                "boligområder, frivillige, driftsansatte og boligsociale medarbejdere."
            ),
            form=(
                "Hvert møde tager udgangspunkt i 'the why': Hvad er det vigtigste, der skal komme ud af mødet? "
                "Rammen er typisk oplæg, workshop og vidensdeling, højst 2½ time, med mad og små pauser undervejs."
            ),
            theme=themes[theme],
            target_groups=[groups["kommune"], groups["bestyrelser"], groups["ansatte"], groups["frivillige"]],
            work_areas=[work_areas[k] for k in area_keys],
            virtual_meetings_per_year=0,
            physical_meetings_per_year=2,
            cadence_note="To møder om året.",
            is_free=True,
            organiser=abc,
            coordinator=trine,
            working_group=[trine],
            contact_name="Trine Sander",
            contact_email="trine.sander@albertslund.example",
            contact_phone="60 35 46 30",
        )

    def venue(name, address, postal_code, city, **extra):
        return Venue.objects.update_or_create(
            name=name, city=city, defaults={"address": address, "postal_code": postal_code, **extra}
        )[0]

    rosenhoj = venue(
        "Rosenhøj",
        "Rosenhøj 16",
        "8260",
        "Viby J",
        host_organisation=vibysyd,
        directions="Bus 4A til Rosenhøj. Gratis parkering ved beboerhuset.",
        accessibility="Niveaufri adgang og handicaptoilet i beboerhuset.",
        room_capacity=60,
    )
    hoje_gladsaxe = venue(
        "Beboerhuset Høje Gladsaxe",
        "Høje Gladsaxe Torv 2",
        "2860",
        "Søborg",
        host_organisation=gladsaxe,
        room_capacity=50,
    )
    ribe_venue = venue(
        "Kvarterhuset Bramming", "Storegade 20", "6740", "Bramming", host_organisation=ribe, room_capacity=40
    )
    abc_venue = venue(
        "Albertslund Boligsociale Center",
        "Bibliotekstorvet 2",
        "2620",
        "Albertslund",
        host_organisation=albertslund_k,
        accessibility="Elevator til 1. sal. Teleslynge i den store sal.",
        room_capacity=120,
    )
    tingbjerg_venue = venue(
        "Tingbjerg Bibliotek og Kulturhus", "Ruten 2", "2700", "Brønshøj", host_organisation=tingbjerg, room_capacity=70
    )
    teams = venue("Microsoft Teams", "", "", "", is_online=True)

    common = {"organiser": bsn, "status": MeetingStatus.PUBLISHED}

    # The real meeting of the seed page, with its real date and programme.
    seed_day = dt.date(2022, 4, 21)
    _meeting(
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
        target_groups=[groups["vicevaerter"]],
        network=vicevaerter,
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
        starts_at=_at(seed_day, 9, 30),
        ends_at=_at(seed_day, 15, 0),
        registration_deadline=_at(dt.date(2022, 4, 18), 23, 59),
        venue=rosenhoj,
        host_organisation=vibysyd,
        host_activity="Rundvisning i VibySyd og besøg hos områdets foreninger",
        capacity=40,
        price=0,
        contact_name="",
        **common,
    )

    # Upcoming: the social caretakers' next meeting in Ribe/Bramming.
    day = _weekday_after(today, 40)
    _meeting(
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
        target_groups=[groups["vicevaerter"]],
        network=vicevaerter,
        title="Sociale viceværter i Ribe/Bramming",
        teaser="Vi besøger Ribe/Bramming og ser, hvordan en lille boligsocial indsats får meget ud af samarbejdet med driften.",
        description="Dagen byder på en case fra værten, gruppedrøftelser og en rundvisning i boligområdet.",
        purpose="At dele erfaringer med samarbejdet mellem sociale viceværter og ejendomskontoret.",
        starts_at=_at(day, 9, 30),
        ends_at=_at(day, 15, 0),
        registration_deadline=_at(day - dt.timedelta(days=5), 23, 59),
        venue=ribe_venue,
        host_organisation=ribe,
        host_activity="Rundvisning i boligområdet",
        capacity=35,
        **common,
    )

    # Lokalsamfund: the historical meeting in Høje Gladsaxe and upcoming ones.
    gl_day = dt.date(2021, 10, 14)
    gladsaxe_meeting = _meeting(
        None,
        [
            P((13, 0), (13, 15), K.WELCOME, "Velkommen"),
            P((13, 15), (14, 0), K.TALK, "Oplæg: Demokratiforståelse blandt unge i Høje Gladsaxe"),
            P((14, 0), (14, 15), K.BREAK, "Pause"),
            P((14, 15), (15, 15), K.GROUP_WORK, "Erfaringsudveksling i grupper"),
            P((15, 15), (15, 45), K.OTHER, "Rundvisning v. værten"),
            P((15, 45), (16, 0), K.WRAP_UP, "Opsamling"),
        ],
        network=lokal,
        title="Unge, fritid og demokrati",
        teaser="Netværksmøde i Høje Gladsaxe om unges fritidsliv og demokratiforståelse.",
        starts_at=_at(gl_day, 13, 0),
        ends_at=_at(gl_day, 16, 0),
        registration_deadline=_at(gl_day - dt.timedelta(days=7), 12, 0),
        venue=hoje_gladsaxe,
        host_organisation=gladsaxe,
        host_activity="Rundvisning i ungdomsklubben",
        **common,
    )
    day = _weekday_after(today, 25)
    _meeting(
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
        target_groups=[groups["ansatte"]],
        network=lokal,
        title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse",
        teaser="Hvornår skal vi som professionelle gå forrest, og hvornår skal idéerne komme fra beboerne selv?",
        description="Vi mødes i Tingbjerg, hvor værten viser, hvordan kulturhusets ungeråd selv driver aktiviteter.",
        purpose="At blive klogere på, hvordan idéer fra beboerne kan bære en aktivitet.",
        expected_output="En kort opsamling med gode greb, som deles i netværkets gruppe.",
        starts_at=_at(day, 13, 0),
        ends_at=_at(day, 16, 0),
        registration_deadline=_at(day - dt.timedelta(days=7), 23, 59),
        venue=tingbjerg_venue,
        host_organisation=tingbjerg,
        host_activity="Rundvisning hos kulturhusets ungeråd",
        capacity=30,
        show_seats_left=True,
        **common,
    )
    day = _weekday_after(today, 75, weekday=1)
    _meeting(
        None,
        [
            P((9, 0), (9, 10), K.WELCOME, "Velkommen og tjek ind"),
            P((9, 10), (9, 35), K.ONLINE_TALK, "Oplæg: Digitale fællesskaber i boligområdet"),
            P((9, 35), (10, 15), K.GROUP_WORK, "Drøftelser i breakout-rum"),
            P((10, 15), (10, 30), K.WRAP_UP, "Opsamling"),
        ],
        network=lokal,
        kind=MeetingKind.NETWORK_MEETING,
        format=MeetingFormat.ONLINE,
        title="Virtuelt netværksmøde: Digitale fællesskaber",
        teaser="Halvanden time på Teams om, hvordan digitale fællesskaber kan styrke naboskabet.",
        starts_at=_at(day, 9, 0),
        ends_at=_at(day, 10, 30),
        registration_deadline=_at(day - dt.timedelta(days=2), 12, 0),
        venue=teams,
        online_url="https://teams.example/meet/digitale-faellesskaber",
        **common,
    )

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
    _meeting(
        None,
        abc_programme,
        workshops=workshops,
        network=None,
        organiser=abc,
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
        starts_at=_at(old_day, 16, 30),
        ends_at=_at(old_day, 19, 30),
        registration_deadline=_at(dt.date(2020, 9, 21), 23, 59),
        venue=abc_venue,
        capacity=80,
    )
    day = _weekday_after(today, 22, weekday=1)
    _meeting(
        None,
        abc_programme,
        workshops=workshops,
        network=None,
        organiser=abc,
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
        target_groups=[groups["bestyrelser"], groups["kommune"], groups["frivillige"]],
        target_group_note="Afdelingsbestyrelser og andre aktive borgere, ansatte i kommunen og boligselskaberne, foreninger og andre lokale aktører.",
        starts_at=_at(day, 16, 30),
        ends_at=_at(day, 19, 30),
        registration_deadline=_at(day - dt.timedelta(days=8), 23, 59),
        venue=abc_venue,
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
        day = _weekday_after(today, offset, weekday=2)
        _meeting(
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
            network=resource[key],
            organiser=abc,
            status=MeetingStatus.PUBLISHED,
            title=title,
            teaser=purpose,
            purpose=purpose,
            expected_output=output,
            starts_at=_at(day, 15, 0),
            ends_at=_at(day, 17, 30),
            registration_deadline=_at(day - dt.timedelta(days=3), 12, 0),
            venue=abc_venue,
            capacity=40,
        )

    # A theme day that stands alone, with a price.
    day = _weekday_after(today, 55, weekday=4)
    _meeting(
        None,
        [
            P((9, 0), (9, 30), K.ARRIVAL, "Morgenkaffe"),
            P((9, 30), (10, 30), K.TALK, "Den almene kultur og beboerdemokratiet", speakers="Kim Tverskov"),
            P((10, 30), (10, 45), K.BREAK, "Pause"),
            P((10, 45), (12, 0), K.GROUP_WORK, "Dialog: Barrierer i mødet mellem kommune og beboere"),
            P((12, 0), (12, 45), K.MEAL, "Frokost"),
            P((12, 45), (14, 0), K.GROUP_WORK, "Sådan etablerer vi bedre samarbejdsrelationer"),
            P((14, 0), (14, 30), K.WRAP_UP, "Opsamling og næste skridt"),
        ],
        network=None,
        kind=MeetingKind.THEME_DAY,
        title="Dialog i udsatte boligområder",
        teaser="Kultur, normer, uskrevne regler og beboerdemokrati - en temadag for kommunale ledere og medarbejdere.",
        description=(
            "Når kommunalt ansatte skal samarbejde med boligorganisationer, afdelingsbestyrelser og varmemestre, "
            "træder de ind i en kultur, der kan være svær at afkode. På temadagen ser vi på den almene kultur og de "
            "mange aktører i boligområderne, og deltagerne deler deres egne erfaringer."
        ),
        target_groups=[groups["kommune"], groups["ledere"]],
        starts_at=_at(day, 9, 0),
        ends_at=_at(day, 14, 30),
        registration_deadline=_at(day - dt.timedelta(days=14), 23, 59),
        venue=abc_venue,
        capacity=25,
        price=1250,
        waiting_list_enabled=True,
        **common,
    )

    # A cancelled and a draft meeting, to show those states.
    day = _weekday_after(today, 12)
    _meeting(
        None,
        [P((10, 0), (12, 0), K.GROUP_WORK, "Erfaringsudveksling")],
        network=vicevaerter,
        title="Erfaringsudveksling om affaldssortering",
        teaser="Har I også udfordringer med affaldssortering? Vi deler greb, der virker.",
        starts_at=_at(day, 10, 0),
        ends_at=_at(day, 12, 0),
        registration_deadline=_at(day - dt.timedelta(days=2), 12, 0),
        venue=rosenhoj,
        organiser=bsn,
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Mødet er aflyst på grund af for få tilmeldte. Emnet tages op igen på forårets netværksmøde.",
    )
    day = _weekday_after(today, 120)
    _meeting(
        None,
        [P((13, 0), (15, 30), K.OTHER, "Program følger")],
        network=lokal,
        title="Forårsmøde (kladde)",
        starts_at=_at(day, 13, 0),
        ends_at=_at(day, 15, 30),
        registration_deadline=_at(day - dt.timedelta(days=7), 12, 0),
        organiser=bsn,
        status=MeetingStatus.DRAFT,
    )

    load_members_area(
        nils=nils,
        lokal=lokal,
        past_meeting=gladsaxe_meeting,
        organisations={
            "gladsaxe": gladsaxe,
            "tingbjerg": tingbjerg,
            "albertslund": albertslund_k,
            "vibysyd": vibysyd,
            "ribe": ribe,
        },
        work_areas=work_areas,
    )
    load_demo_registrations()
    # Meeting craft: terms of reference, host history, ideas, proposals, evaluations (craft/demo.py).
    from craft.demo import load_craft_demo

    load_craft_demo(today=today)
    _minutes_attendance(gladsaxe_meeting)
    # The blog and the catalogue of offers live in the content app, which builds on this app.
    from content.demo import load_content_demo

    load_content_demo(today=today)

    return DemoResult(
        admin_email=ADMIN_EMAIL,
        admin_password=ADMIN_PASSWORD,
        consultant_email=CONSULTANT_EMAIL,
        consultant_password=CONSULTANT_PASSWORD,
        secretariat_email=SECRETARIAT_EMAIL,
        secretariat_password=SECRETARIAT_PASSWORD,
        member_email=MEMBER_EMAIL,
        member_password=MEMBER_PASSWORD,
        networks=Network.objects.count(),
        meetings=Meeting.objects.count(),
    )


# --- Members' area --------------------------------------------------------------

DEMO_PDF_TITLE = "Dagsorden og deltagerliste (demo)"


def _demo_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(
        string=(
            "<h1>Unge, fritid og demokrati</h1><p>Netværksmøde i Høje Gladsaxe, 14.10.2021, kl. 13.00-16.00.</p>"
            "<ol><li>Velkommen</li><li>Oplæg: Demokratiforståelse blandt unge</li><li>Erfaringsudveksling</li>"
            "<li>Rundvisning i ungdomsklubben</li><li>Opsamling</li></ol>"
        )
    ).write_pdf()


def _minutes_attendance(meeting: Meeting) -> None:
    """Let the demo minutes name the attendance the check-ins show (several loaders add participants)."""
    from registration.models import Registration

    from .models import Minutes

    present = Registration.objects.filter(meeting=meeting, attended=True)
    people = present.count()
    organisations = present.exclude(organisation="").values("organisation").distinct().count()
    minutes = Minutes.objects.get(meeting=meeting)
    first, _newline, rest = minutes.text.partition("\n")
    line = f"Til stede: {people} deltagere fra {organisations} organisationer."
    if first != line:
        minutes.text = f"{line}\n{rest}"
        minutes.save(update_fields=["text"])


def load_members_area(*, nils, lokal, past_meeting, organisations, work_areas) -> None:
    """A demo member with a profile, memberships, posts, shared material and minutes (idempotent)."""
    from django.core.files.base import ContentFile

    from meetings.models import Meeting
    from registration.enums import RegistrationStatus
    from registration.models import Registration
    from registration.services import RegistrationError, registration_create

    from .enums import MaterialKind, MembershipRole, MembershipStatus
    from .models import Material, Membership, Minutes, Post, Profile

    def member(email, first, last, *, organisation, job_title, areas, intro, consent=True, password=None):
        user = _user(email, first, last, password=password)
        if not user.phone:
            user.phone = {"medlem@netvaerk.example": "22 33 44 55"}.get(email, "33 76 20 00")
            user.save(update_fields=["phone"])
        profile, _c = Profile.objects.update_or_create(
            user=user,
            defaults={
                "organisation": organisation,
                "job_title": job_title,
                "introduction": intro,
                "directory_consent": consent,
                "directory_consent_at": timezone.now() if consent else None,
            },
        )
        profile.work_areas.set([work_areas[key] for key in areas])
        return user

    maja = member(
        MEMBER_EMAIL,
        "Maja",
        "Nørgaard",
        organisation=organisations["gladsaxe"],
        job_title="Boligsocial medarbejder",
        areas=["bsi", "beboerdemokrati", "frivillig"],
        intro="Jeg arbejder med beboerdemokrati og frivillige i Høje Gladsaxe og vil gerne høre, hvordan andre får nye beboere med.",
        password=MEMBER_PASSWORD,
    )
    ahmad = member(
        "ahmad.rahimi@tingbjerg.example",
        "Ahmad",
        "Rahimi",
        organisation=organisations["tingbjerg"],
        job_title="Projektleder, unge og fritid",
        areas=["ungeraad", "kultur", "bsi"],
        intro="Står for ungerådet i Tingbjerg. Spørg mig gerne om, hvordan vi fik de unge til at stille op.",
    )
    line = member(
        "line.kjaer@albertslund.example",
        "Line",
        "Kjær",
        organisation=organisations["albertslund"],
        job_title="Kultur- og fritidskonsulent",
        areas=["kultur", "forening"],
        intro="Kobler foreninger og boligområder i Albertslund.",
    )
    member(
        "soeren.holt@ribe.example",
        "Søren",
        "Holt",
        organisation=organisations["ribe"],
        job_title="Områdesekretær",
        areas=["udvikling"],
        intro="",
        consent=False,
    )
    fatima = member(
        "fatima.ali@vibysyd.example",
        "Fatima",
        "Ali",
        organisation=organisations["vibysyd"],
        job_title="Frivilligkoordinator",
        areas=["frivillig"],
        intro="",
    )

    now = timezone.now()

    def membership(user, status, role=MembershipRole.MEMBER, **extra):
        Membership.objects.update_or_create(
            network=lokal,
            user=user,
            defaults={
                "status": status,
                "role": role,
                "requested_at": now - dt.timedelta(days=40),
                "decided_at": now - dt.timedelta(days=39) if status == MembershipStatus.ACTIVE else None,
                "decided_by": nils if status == MembershipStatus.ACTIVE else None,
                **extra,
            },
        )

    membership(maja, MembershipStatus.ACTIVE, notify_new_posts=True)
    membership(ahmad, MembershipStatus.ACTIVE, MembershipRole.WORKING_GROUP)
    membership(line, MembershipStatus.ACTIVE)
    membership(get_user_model().objects.get(email="soeren.holt@ribe.example"), MembershipStatus.ACTIVE)
    membership(
        fatima,
        MembershipStatus.REQUESTED,
        message="Jeg koordinerer frivillige i VibySyd og vil gerne dele erfaringer med jer.",
    )

    def post(author, title, body, *, pinned=False, parent=None, days_ago=1):
        existing = Post.objects.filter(network=lokal, author=author, title=title, body=body, parent=parent).first()
        if existing:
            return existing
        created = Post.objects.create(
            network=lokal, author=author, title=title, body=body, is_pinned=pinned, parent=parent
        )
        Post.objects.filter(pk=created.pk).update(created_at=now - dt.timedelta(days=days_ago))
        return created

    post(
        nils,
        "Velkommen til netværkets gruppe",
        "Her kan I finde hinandens kontaktoplysninger, skrive beskeder og dele materiale. "
        "Husk at udfylde jeres profil, så de andre kan se, hvad I arbejder med.",
        pinned=True,
        days_ago=30,
    )
    question = post(
        ahmad,
        "Erfaringer med ungeråd?",
        "Vi vil gerne have flere unge med i ungerådet. Hvordan har I fået de unge til at stille op - "
        "og hvordan holder I fast i dem?",
        days_ago=6,
    )
    post(
        line,
        "",
        "Vi har god erfaring med at lade de unge selv stå for et budget. Jeg deler gerne vores skabelon.",
        parent=question,
        days_ago=5,
    )
    post(
        maja, "", "Det vil jeg også gerne høre mere om. Kan vi tage det op på næste møde?", parent=question, days_ago=4
    )
    post(
        maja,
        "Rundvisning hos os til foråret?",
        "Vi vil gerne være værter for et af de fysiske møder og vise vores nye beboerhus frem.",
        days_ago=2,
    )

    if not Material.objects.filter(network=lokal, title="CFBU: Medborgerskab og social integration").exists():
        Material.objects.create(
            network=lokal,
            meeting=None,
            kind=MaterialKind.LINK,
            title="CFBU: Medborgerskab og social integration",
            description="Rapporten, som oplægget på mødet byggede på.",
            url="https://cfbu.example/medborgerskab-og-social-integration",
            uploaded_by=nils,
        )
    if not Material.objects.filter(network=lokal, title=DEMO_PDF_TITLE).exists():
        content = _demo_pdf()
        material = Material(
            network=lokal,
            meeting=past_meeting,
            kind=MaterialKind.FILE,
            title=DEMO_PDF_TITLE,
            description="Programmet fra mødet i Høje Gladsaxe.",
            original_name="dagsorden-hoeje-gladsaxe.pdf",
            content_type="application/pdf",
            size=len(content),
            uploaded_by=ahmad,
        )
        material.file.save("dagsorden.pdf", ContentFile(content), save=False)
        material.save()

    Minutes.objects.update_or_create(
        meeting=past_meeting,
        defaults={
            "written_by": nils,
            "text": (
                "Til stede: 14 deltagere fra 9 organisationer.\n\n"
                "1. Oplæg om demokratiforståelse blandt unge: De unge engagerer sig, når de får et konkret "
                "ansvar og et budget.\n"
                "2. Erfaringsudveksling: Flere har gode erfaringer med ungeråd; det svære er at holde fast i de "
                "unge, når de starter på en uddannelse.\n"
                "3. Rundvisning i ungdomsklubben ved værten.\n\n"
                "Næste møde: Tingbjerg står for værtskabet. Arbejdsgruppen sender dagsorden ud."
            ),
        },
    )

    # The member's own registration for the network's next meeting, so "My registrations" has a row.
    upcoming = (
        Meeting.objects.filter(network=lokal, status=MeetingStatus.PUBLISHED, registration_deadline__gt=now)
        .order_by("starts_at")
        .first()
    )
    if (
        upcoming
        and not Registration.objects.filter(meeting=upcoming, email__iexact=maja.email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        try:
            registration_create(
                meeting=upcoming,
                data={
                    "name": maja.get_full_name(),
                    "phone": maja.phone,
                    "organisation": organisations["gladsaxe"].name,
                    "job_title": "Boligsocial medarbejder",
                },
                email=maja.email,
                user=maja,
            )
        except RegistrationError:
            pass  # Not open for sign-up yet: the page simply shows no upcoming registration.
