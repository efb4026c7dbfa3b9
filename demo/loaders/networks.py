"""The networks: "Lokalsamfund & medborgerskab", "Sociale viceværter" and Albertslund's three resource networks."""

from __future__ import annotations

from netvaerk.models import Network

from ..site import Site


def load(site: Site) -> None:
    bsn, abc = site.organisers["bsn"], site.organisers["abc"]
    nils, mette, trine = site.users["nils"], site.users["mette"], site.users["trine"]

    def network(slug, **fields):
        target_groups = fields.pop("target_groups")
        areas = fields.pop("work_areas")
        working_group = fields.pop("working_group", [])
        net, _c = Network.objects.update_or_create(slug=slug, defaults=fields)
        net.target_groups.set(target_groups)
        net.work_areas.set(areas)
        net.working_group.set(working_group)
        return net

    site.networks["lokal"] = network(
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
        theme=site.themes["lokal"],
        target_groups=[site.target_groups["ansatte"]],
        work_areas=[
            site.work_areas[k]
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
    site.networks["vicevaerter"] = network(
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
        theme=site.themes["drift"],
        target_groups=[site.target_groups["vicevaerter"]],
        target_group_note="Sociale viceværter ansat i en boligorganisation eller en boligsocial helhedsplan.",
        work_areas=[site.work_areas["drift"], site.work_areas["bsi"], site.work_areas["frivillig"]],
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
        site.networks[key] = network(
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
            theme=site.themes[theme],
            target_groups=[
                site.target_groups["kommune"],
                site.target_groups["bestyrelser"],
                site.target_groups["ansatte"],
                site.target_groups["frivillige"],
            ],
            work_areas=[site.work_areas[k] for k in area_keys],
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
