"""The themes, work areas and target groups that networks, meetings and profiles are tagged with."""

from __future__ import annotations

from netvaerk.models import TargetGroup, Theme, WorkArea

from ..helpers import tags
from ..site import Site

THEMES = {
    "lokal": "Lokalsamfund og medborgerskab",
    "drift": "Drift og sociale viceværter",
    "fam": "Familier og forebyggelse",
    "udd": "Uddannelse og beskæftigelse",
    "nabo": "Naboskab og trivsel",
    "samarb": "Samarbejde mellem kommune og boligorganisation",
}
WORK_AREAS = {
    "bsi": "Boligsociale indsatser",
    "kultur": "Kultur og fritid (kommune)",
    "forening": "Foreningsunderstøttelse",
    "udvikling": "Udvikling (boligorganisation)",
    "frivillig": "Frivillighed",
    "beboerdemokrati": "Beboerdemokrati",
    "ungeraad": "Ungeråd",
    "ngo": "NGO'er og lignende",
    "drift": "Drift og ejendomskontor",
    "job": "Beskæftigelse",
    "skole": "Skole og uddannelse",
    "sundhed": "Sundhed",
}
TARGET_GROUPS = {
    "ansatte": "Medarbejdere",
    "vicevaerter": "Sociale viceværter",
    "bestyrelser": "Afdelingsbestyrelser",
    "kommune": "Kommunale medarbejdere",
    "frivillige": "Frivillige og aktive beboere",
    "ledere": "Ledere",
}


def load(site: Site) -> None:
    for names, model, into in [
        (THEMES, Theme, site.themes),
        (WORK_AREAS, WorkArea, site.work_areas),
        (TARGET_GROUPS, TargetGroup, site.target_groups),
    ]:
        into.update(zip(names, tags(model, names.values()), strict=True))
