"""The terms of reference of Albertslund's three resource networks (composition, responsibility, tasks)."""

from __future__ import annotations

from netvaerk.models import Network

from ..site import Site

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


def load(site: Site) -> None:
    for key, municipal in RESOURCE_MUNICIPAL_MEMBERS.items():
        Network.objects.filter(pk=site.networks[key].pk).update(
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
