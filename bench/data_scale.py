"""Data scale: every admin, staff, members' and public page on ten years of data (PostgreSQL).

Builds (or reuses) a database with ten years of a secretariat's history - 65
networks, 3,017 meetings, 300,000 registrations, 5,000 members, 600,000
outgoing emails and what goes with them - and a database with the demo data,
then requests every page in-process with Django's test client against both
(DEBUG off, page cache off, several runs per page, the median) and prints one
row per page: demo time and SQL queries, ten-year time and queries, growth,
target and result.

Pages are found, not listed: every ModelAdmin in ``admin.site`` (its
changelist by default, with a search on its search fields, with each choice
of each list filter - first, middle and last of a long list - and drilled into
its date hierarchy; its change form and its autocomplete fields), every URL
pattern under ``personale/`` (with every list and format of a meeting), the
members' area (``mine-sider/`` and the group space) and the public pages. A
pattern whose parameters the benchmark cannot fill is listed as not timed.

Who asks: the admin and staff pages a secretariat user (group "Sekretariat");
an admin the secretariat may not see, a superuser. My pages: the member with
the most registrations; the group space: the coordinator of the network with
the most members; public pages: an anonymous visitor.

Targets (issue 19): admin, staff and members' pages under 300 ms median,
public pages under 50 ms uncached, query counts equal to the demo's; the
uncached meeting page under 8 ms of CPU per render; the participant XLSX of a
meeting with 20,000 registrations under 3 s. The script exits 1 when a target
is missed (so it can be run before a release), 0 with --report-only.

The ten-year database: registrations follow each meeting's capacity (waiting
list, cancellations, attendance and no-shows of past meetings, workshops,
dietary needs only where the 30-day retention has not removed them yet);
personal data is kept for all ten years, the worst case for the pages (with
the default retention of 365 days older registrations and their emails would
be anonymised, which makes the tables smaller). Rows go in with COPY; the
build is reused while the database carries this script's marker (version,
scale, seed); --rebuild builds it again. New migrations are applied to a
reused database, so an index added later is measured without a rebuild.

Run:  .venv/bin/python bench/data_scale.py [--rebuild] [--runs 5] [--only TEXT] [--report-only]
      [--explain 10] [--json FILE] [--markdown FILE] [--scale 1.0]
Needs PostgreSQL at 127.0.0.1:5432 (BENCH_PG overrides the server URL); the
databases are bench_scale (ten years) and bench_scale_demo.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from _common import PG_BASE, PYTHON, ROOT, bench_env, manage  # noqa: E402

BUILD_VERSION = 1
DEFAULT_SEED = 2026
BIG_DB = "bench_scale"
DEMO_DB = "bench_scale_demo"

# The ten-year database at scale 1 (issue 19).
FULL = {
    "networks": 65,
    "meetings": 3_017,
    "registrations": 300_000,
    "members": 5_000,
    "emails": 600_000,
    # The largest meeting: the participant XLSX of 20,000 rows.
    "huge_meeting": 20_000,
    # Active members of the largest network (the members' directory).
    "big_network_members": 1_622,
}

TARGET_MS = {"admin": 300.0, "staff": 300.0, "members": 300.0, "public": 50.0}
TARGET_MEETING_PAGE_CPU_MS = 8.0
TARGET_XLSX_S = 3.0
# The largest "ordinary" meeting is the big object of the admin change form and
# the per-meeting lists; the huge one only serves the 20,000-row XLSX.
ORDINARY_MEETING_MAX = 2_000


def scaled_counts(scale: float) -> dict[str, int]:
    n = {key: max(1, round(value * scale)) for key, value in FULL.items()}
    n["networks"] = max(3, n["networks"])
    n["meetings"] = max(n["networks"] * 3, n["meetings"])
    n["members"] = max(30, n["members"])
    n["registrations"] = max(200, n["registrations"])
    n["huge_meeting"] = min(n["huge_meeting"], n["registrations"] // 4)
    n["big_network_members"] = min(max(10, n["big_network_members"]), n["members"] // 2)
    n["emails"] = max(2 * n["registrations"], n["emails"])
    return n


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Danish vocabulary ---------------------------------------------------------------

FIRST_NAMES = (
    "Anne Mette Kirsten Hanne Helle Susanne Lene Marianne Camilla Louise Maria Charlotte Pia Tina Line Julie "
    "Sofie Emma Ida Signe Maja Karen Birgitte Lone Trine Sanne Dorthe Rikke Nanna Cecilie Mathilde Fatima Aisha "
    "Amina Leyla Zeynep Sara Yasmin Mariam Hiba Noor Peter Jens Lars Henrik Søren Thomas Michael Martin Jesper "
    "Anders Niels Rasmus Mads Morten Christian Jakob Kasper Frederik Mikkel Jonas Simon Ole Poul Kim Jan Torben "
    "Bo Steen Ahmad Mohammed Ali Omar Hassan Yusuf Ibrahim Emre Mustafa Karim Bilal Tariq Asger Esben Vibeke "
    "Inge Jette Bente Gitte Malene Dorte Heidi Stine Mie Astrid Freja Karoline"
).split()
LAST_NAMES = (
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen "
    "Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen Mikkelsen Olesen "
    "Frederiksen Laursen Henriksen Lund Holm Schmidt Eriksen Kristiansen Nørgaard Østergaard Vestergaard Kjær "
    "Bach Dahl Friis Bruun Lauridsen Svendsen Thygesen Damgaard Iversen Jeppesen Berg Clausen Winther Skov "
    "Ahmed Ali Hussein Mohamed Yilmaz Demir Özdemir Khan Rahimi Haddad Abdi Nguyen Toft Brandt Gregersen Juhl"
).split()
MUNICIPALITIES = [
    ("København", "2300", "København S"),
    ("Aarhus", "8220", "Brabrand"),
    ("Odense", "5240", "Odense NØ"),
    ("Aalborg", "9220", "Aalborg Øst"),
    ("Esbjerg", "6700", "Esbjerg"),
    ("Randers", "8900", "Randers C"),
    ("Kolding", "6000", "Kolding"),
    ("Horsens", "8700", "Horsens"),
    ("Vejle", "7100", "Vejle"),
    ("Roskilde", "4000", "Roskilde"),
    ("Herning", "7400", "Herning"),
    ("Albertslund", "2620", "Albertslund"),
    ("Brøndby", "2605", "Brøndby"),
    ("Gladsaxe", "2860", "Søborg"),
    ("Høje-Taastrup", "2630", "Taastrup"),
    ("Ishøj", "2635", "Ishøj"),
    ("Hvidovre", "2650", "Hvidovre"),
    ("Rødovre", "2610", "Rødovre"),
    ("Ballerup", "2750", "Ballerup"),
    ("Herlev", "2730", "Herlev"),
    ("Frederiksberg", "2000", "Frederiksberg"),
    ("Køge", "4600", "Køge"),
    ("Holbæk", "4300", "Holbæk"),
    ("Slagelse", "4200", "Slagelse"),
    ("Næstved", "4700", "Næstved"),
    ("Helsingør", "3000", "Helsingør"),
    ("Hillerød", "3400", "Hillerød"),
    ("Fredericia", "7000", "Fredericia"),
    ("Svendborg", "5700", "Svendborg"),
    ("Sønderborg", "6400", "Sønderborg"),
    ("Viborg", "8800", "Viborg"),
    ("Silkeborg", "8600", "Silkeborg"),
    ("Holstebro", "7500", "Holstebro"),
    ("Frederikshavn", "9900", "Frederikshavn"),
    ("Hjørring", "9800", "Hjørring"),
    ("Guldborgsund", "4800", "Nykøbing F"),
    ("Kalundborg", "4400", "Kalundborg"),
    ("Ringsted", "4100", "Ringsted"),
]
AREAS = (
    "Gellerup|Bispehaven|Tingbjerg|Mjølnerparken|Vollsmose|Korsløkken|Skovparken|Rosenhøj|Urbanplanen|"
    "Hørgården|Askerød|Gadehavegård|Ishøj Strand|Hedemarken|Høje Gladsaxe|Charlotteager|Lindholm|"
    "Stengårdsvej|Værebro Park|Finlandsparken|Sundparken|Tåstrupgård|Vapnagaard|Agervang|Nøjsomhed|"
    "Ringparken|Munkebo|Motalavej|Skovvejen|Tarup|Solbakken|Kildeparken|Skovgårdsparken|Sønderbro|"
    "Vejlby Vest|Søndermarken|Tjørnehøj|Præstebro|Sydhavnen|Akacieparken|Bellahøj|Lundtoftegade|"
    "Aldersrogade|Folehaven|Husum|Kokkedal|Bøgelunden|Albertslund Syd|Galgebakken|Hyldespjældet"
).split("|")
HOUSING = (
    "AAB|KAB|fsb|3B|Lejerbo|Domea.dk|Boligkontoret Danmark|DAB|Boligselskabet Sjælland|Brabrand Boligforening|"
    "Østjysk Bolig|Civica|Himmerland Boligforening|Fyns Almennyttige Boligselskab|Vejle Boligforening|"
    "Ringgården|Bo-Vest|Frederiksberg Forenede Boligselskaber|AL2bolig|Boligforeningen VIBO|Alabu Bolig"
).split("|")
NGOS = (
    "Red Barnet|Mødrehjælpen|Settlementet|Dansk Flygtningehjælp|Ungdommens Røde Kors|Foreningen Nydansker|"
    "Headspace|Bydelsmødrene|Lektiehjælpen|DGI|Dansk Folkeoplysnings Samråd|Kræftens Bekæmpelse|"
    "Center for Boligsocial Udvikling (CFBU)|Landsbyggefonden|BL - Danmarks Almene Boliger|Als Research|"
    "Rambøll Management Consulting|Oxford Research|Tverskov Kommunikation & Udvikling"
).split("|")
JOB_TITLES = (
    "Boligsocial medarbejder|Projektleder|Social vicevært|Områdesekretær|Frivilligkoordinator|Beboerrådgiver|"
    "Kultur- og fritidskonsulent|Ungekoordinator|Driftschef|Afdelingsformand|Jobkonsulent|Familiekonsulent|"
    "Sundhedsplejerske|SSP-konsulent|Lektiecafékoordinator|Leder af boligsocial helhedsplan|Fritidsjobkonsulent|"
    "Kommunikationsmedarbejder|Evalueringskonsulent|Udviklingskonsulent|Bestyrelsesmedlem|Skoleleder"
).split("|")
PHRASES = (
    "unges vej til uddannelse og job|frivillige i boligområdet|tryghed i hverdagen|beboerdemokrati i praksis|"
    "ensomhed blandt ældre|den sociale vicevært som brobygger|samarbejdet med kommunen|børns trivsel i skolen|"
    "forældresamarbejde|sundhed og bevægelse|digital inklusion|fællesspisning og naboskab|"
    "forebyggelse af kriminalitet|nye beboere i afdelingen|fritidsjob til unge|lektiecaféer der virker|"
    "mental sundhed blandt unge|gældsrådgivning|kultur som løftestang|evaluering af helhedsplanen|"
    "data i det boligsociale arbejde|renovering og genhusning|beboerinddragelse i byudvikling|"
    "foreningslivet i boligområdet|bydelsmødre|sprog og dagtilbud|partnerskaber med erhvervslivet|"
    "ungeråd og medindflydelse|at holde fast i de frivillige|trivsel i afdelingsbestyrelsen|konflikthåndtering|"
    "misbrug og netværk|grønne fællesskaber|byhaver og udeliv|kommunikation til beboerne|"
    "sociale medier i det boligsociale arbejde|overgangen fra folkeskole til ungdomsuddannelse|"
    "mødet med myndighederne|økonomisk trivsel i familien|idræt for piger"
).split("|")
NETWORK_TOPICS = [
    ("Lokalsamfund og medborgerskab", 0),
    ("Sociale viceværter", 1),
    ("Beboerdemokrati", 0),
    ("Unge og fritid", 3),
    ("Frivillighed", 4),
    ("Uddannelse og beskæftigelse", 3),
    ("Familier og forebyggelse", 2),
    ("Sundhed og trivsel", 4),
    ("Tryghed og kriminalitetsforebyggelse", 4),
    ("Helhedsplanledere", 5),
    ("Kommunikation og formidling", 5),
    ("Børn og læring", 2),
    ("Ældre og fællesskaber", 4),
]
REGIONS = ["Hovedstaden", "Sjælland", "Fyn", "Østjylland", "Nord- og Vestjylland"]
THEMES = [
    "Lokalsamfund og medborgerskab",
    "Drift og sociale viceværter",
    "Familier og forebyggelse",
    "Uddannelse og beskæftigelse",
    "Naboskab og trivsel",
    "Samarbejde mellem kommune og boligorganisation",
]
WORK_AREAS = (
    "Boligsociale indsatser|Kultur og fritid (kommune)|Foreningsunderstøttelse|Udvikling (boligorganisation)|"
    "Frivillighed|Beboerdemokrati|Ungeråd|NGO'er og lignende|Drift og ejendomskontor|Beskæftigelse|"
    "Skole og uddannelse|Sundhed"
).split("|")
TARGET_GROUPS = (
    "Medarbejdere|Sociale viceværter|Afdelingsbestyrelser|Kommunale medarbejdere|Frivillige og aktive beboere|Ledere"
).split("|")
COMMENTS = [
    "Jeg kommer lidt senere, da jeg har et andet møde til kl. 10.",
    "Glæder mig!",
    "Kan jeg tage en kollega med?",
    "Jeg har brug for en parkeringsplads tæt på indgangen.",
    "Vi er to fra afdelingen, den anden tilmelder sig selv.",
]
EVALUATION_COMMENTS = [
    "Rigtig godt møde med gode oplæg.",
    "For lidt tid til erfaringsudveksling.",
    "Tak for en inspirerende dag - vi tager idéerne med hjem.",
    "Oplægget var godt, men lokalet var for lille.",
    "Dejligt at møde kolleger fra andre boligområder.",
    "Jeg savnede konkrete værktøjer.",
]
POST_TITLES = [
    "Erfaringer med {p}?",
    "Deler gerne vores materiale om {p}",
    "Kender nogen en god oplægsholder om {p}?",
    "Invitation: åbent hus om {p}",
    "Spørgsmål til næste møde: {p}",
]
POST_BODIES = [
    "Vi er i gang med at se på {p} i vores område og vil meget gerne høre, hvad I andre har gjort. "
    "Hvad virkede, og hvad ville I gøre anderledes?",
    "Vi har lavet en lille guide om {p}, som jeg gerne deler. Skriv til mig, så sender jeg den.",
    "På sidste møde talte vi om {p}. Jeg har samlet noterne her, så vi kan arbejde videre til næste gang.",
]
REPLIES = [
    "Godt spørgsmål - vi har gode erfaringer med at inddrage beboerne fra starten.",
    "Det vil jeg også gerne høre mere om. Kan vi tage det op på næste møde?",
    "Vi prøvede det sidste år; skriv til mig, så fortæller jeg mere.",
    "Tak for at dele!",
]
IDEA_TAGS = ["unge", "frivillige", "beboerdemokrati", "tryghed", "sundhed", "kultur", "job", "familier", "ældre"]
DIETS = ["vegetarian", "vegan", "no_pork", "halal", "gluten_free", "lactose_free", "nut_allergy", "fish_allergy"]
TZ_NAME = "Europe/Copenhagen"

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae", "Ö": "oe"})


def ascii_slug(text: str) -> str:
    text = text.lower().translate(_ASCII)
    out = []
    for char in text:
        if char.isalnum() and char.isascii():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


# --- COPY into PostgreSQL --------------------------------------------------------------


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


class Copier:
    """Writes rows (dicts keyed by attname) of one model into its table with COPY.

    Missing keys take the field's default (auto_now fields take ``now``); ids
    are given by the caller, so rows can refer to each other before they exist.
    """

    CHUNK = 5_000

    def __init__(self, model, now):
        from django.db import models

        self.model = model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.now = now
        self.converters = []
        for f in self.fields:
            if isinstance(f, models.JSONField):
                self.converters.append(lambda v: _escape(json.dumps(v, ensure_ascii=False)))
            elif isinstance(f, models.BooleanField):
                self.converters.append(lambda v: "t" if v else "f")
            elif isinstance(f, (models.DateTimeField, models.DateField, models.TimeField)):
                self.converters.append(lambda v: v.isoformat())
            else:
                self.converters.append(lambda v: _escape(str(v)))
        columns = ", ".join(f'"{f.column}"' for f in self.fields)
        self.sql = f'COPY "{self.table}" ({columns}) FROM STDIN'
        self.count = 0
        self._lines: list[str] = []

    def _default(self, f):
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return self.now
        return f.get_default()

    def add(self, row: dict) -> None:
        values = []
        for f, convert in zip(self.fields, self.converters):
            value = row[f.attname] if f.attname in row else self._default(f)
            values.append("\\N" if value is None else convert(value))
        self._lines.append("\t".join(values))
        self.count += 1
        if len(self._lines) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._lines:
            return
        from django.db import connection

        data = io.StringIO("\n".join(self._lines) + "\n")
        self._lines = []
        with connection.cursor() as cursor:
            cursor.copy_expert(self.sql, data, 1 << 20)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()


@contextlib.contextmanager
def indexes_set_aside(model):
    """Drop a table's secondary indexes, unique and foreign-key constraints for a bulk load, then restore them.

    Building an index once is much faster than updating it row by row. Inside
    a transaction (the tests) nothing is dropped: PostgreSQL refuses to alter
    tables with pending deferred checks.
    """
    from django.db import connection

    if connection.in_atomic_block:
        yield
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')


def copy_rows(model, rows, now) -> int:
    with Copier(model, now) as copier:
        for row in rows:
            copier.add(row)
    return copier.count


# --- The builder ---------------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str
    email: str
    phone: str
    organisation: str
    organisation_id: int
    job_title: str
    user_id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class MeetingRow:
    id: int
    code: str
    title: str
    kind: str
    network: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    deadline: dt.datetime
    created_at: dt.datetime
    status: str
    capacity: int | None
    waiting_list: bool
    venue: str
    workshops: list[int] = field(default_factory=list)
    allocation: str = "first_come"
    registrations: int = 0
    programme: str = ""


class Builder:
    """Fills an empty, migrated database with ten years of data (or a fraction of it)."""

    def __init__(self, *, scale: float, seed: int):
        from django.utils import timezone

        self.rng = random.Random(seed)
        self.n = scaled_counts(scale)
        self.now = timezone.now().replace(microsecond=0)
        self.tz = timezone.get_default_timezone()
        self.first_day = (self.now - dt.timedelta(days=round(365.25 * 9.5))).date()
        self.last_day = (self.now + dt.timedelta(days=183)).date()
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()

    def _log(self, what: str) -> None:
        log(f"  {time.perf_counter() - self.started:6.1f} s  {what}")

    def _copy(self, model, rows) -> int:
        n = copy_rows(model, rows, self.now)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + n
        return n

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def _past(self, moment: dt.datetime) -> dt.datetime:
        return min(moment, self.now)

    def build(self) -> dict[str, int]:
        from django.db import connection

        self._check_empty()
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        self._reference_data()
        self._users()
        self._networks()
        self._meetings()
        self._registrations()
        self._members_area()
        self._craft()
        self._content()
        self._export_logs()
        self._emails()
        self._history()
        self._reset_sequences()
        self._search_index()
        self._log("done")
        return self.counts

    def _search_index(self) -> None:
        # Rows went in with COPY, past the signals that keep the site search's index.
        from search.services import search_index_rebuild

        self.counts["search.SearchDocument"] = search_index_rebuild()
        self._log("search index")

    def _check_empty(self) -> None:
        from meetings.models import Meeting
        from members.models import User
        from registration.models import Registration

        for model in (User, Meeting, Registration):
            if model.objects.exists():
                raise RuntimeError(f"{model._meta.label} is not empty: the builder needs a freshly migrated database")

    # Organisers, organisations, tags, venues.
    def _reference_data(self) -> None:
        from meetings.models import Venue
        from netvaerk.models import Organisation, Organiser, TargetGroup, Theme, WorkArea

        rng = self.rng
        created = self._at(self.first_day, 9)
        self.organisers = {
            1: "Boligsocialnet",
            2: "Albertslund Boligsociale Center (ABC)",
            3: "Boligsocialt Netværkssekretariat Jylland",
        }
        self._copy(
            Organiser,
            (
                {
                    "id": pk,
                    "name": name,
                    "phone": "33 76 20 00",
                    "email": f"{ascii_slug(name)[:20]}@netvaerk.example",
                    "created_at": created,
                    "updated_at": created,
                }
                for pk, name in self.organisers.items()
            ),
        )
        for model, names in ((Theme, THEMES), (WorkArea, WORK_AREAS), (TargetGroup, TARGET_GROUPS)):
            self._copy(model, ({"id": i, "name": n, "slug": ascii_slug(n)} for i, n in enumerate(names, 1)))

        orgs: list[tuple[str, str, str]] = []  # (name, kind, municipality)
        for municipality, _postal, _city in MUNICIPALITIES:
            orgs.append((f"{municipality} Kommune", "municipality", municipality))
            orgs.append((f"Frivilligcenter {municipality}", "association", municipality))
            for housing in rng.sample(HOUSING, 4):
                orgs.append((housing, "housing_association", municipality))
        for area in AREAS:
            municipality = rng.choice(MUNICIPALITIES)[0]
            orgs.append((f"Helhedsplanen {area}", "housing_association", municipality))
            orgs.append((f"Boligsocial indsats {area}", "housing_association", municipality))
            orgs.append((f"Ungdomsklubben {area}", "association", municipality))
        for ngo in NGOS:
            kind = "consultancy" if any(w in ngo for w in ("Research", "Rambøll", "CFBU", "Tverskov")) else "ngo"
            orgs.append((ngo, kind, ""))
        self.organisations = list(dict.fromkeys(orgs))
        self._copy(
            Organisation,
            (
                {"id": i, "name": name, "kind": kind, "municipality": mun, "created_at": created, "updated_at": created}
                for i, (name, kind, mun) in enumerate(self.organisations, 1)
            ),
        )
        venues = []
        for municipality, postal, city in MUNICIPALITIES:
            local_orgs = [i for i, o in enumerate(self.organisations, 1) if o[2] == municipality]
            for name in (f"Beboerhuset {rng.choice(AREAS)}", f"Kulturhuset {city}", f"{city} Bibliotek"):
                venues.append(
                    {
                        "name": name,
                        "address": f"{rng.choice(['Torvet', 'Skolevej', 'Parkvej', 'Centervej', 'Byvej'])} {rng.randint(1, 80)}",
                        "postal_code": postal,
                        "city": city,
                        "room_capacity": rng.choice([40, 60, 80, 120, 200]),
                        "host_organisation_id": rng.choice(local_orgs) if local_orgs else None,
                        "accessibility": "Niveaufri adgang og handicaptoilet." if rng.random() < 0.5 else "",
                    }
                )
        venues.append({"name": "Microsoft Teams", "is_online": True})
        venues.append({"name": "Zoom", "is_online": True})
        self.online_venues = [len(venues) - 1, len(venues)]
        self.venues = venues
        self._copy(
            Venue,
            ({"id": i, "created_at": created, "updated_at": created, **v} for i, v in enumerate(venues, 1)),
        )
        self._log(f"reference data: {len(self.organisations)} organisations, {len(venues)} venues")

    def _people(self) -> None:
        """Everyone who signs up: the members first, then people without an account."""
        rng = self.rng
        n_people = max(self.n["members"] * 10, self.n["huge_meeting"] * 2, 2000)
        seen: set[str] = set()
        people = []
        for _ in range(n_people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            org_id = rng.randrange(1, len(self.organisations) + 1)
            org_name = self.organisations[org_id - 1][0]
            domain = ascii_slug(org_name)[:30].strip("-") + ".example"
            local = f"{ascii_slug(first)}.{ascii_slug(last)}".replace("-", "")
            email = f"{local}@{domain}"
            k = 2
            while email in seen:
                email = f"{local}{k}@{domain}"
                k += 1
            seen.add(email)
            people.append(
                Person(
                    first=first,
                    last=last,
                    email=email,
                    phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    organisation=org_name,
                    organisation_id=org_id,
                    job_title=rng.choice(JOB_TITLES),
                )
            )
        self.people = people

    def _users(self) -> None:
        from allauth.account.models import EmailAddress
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from demo.logins import ADMIN_EMAIL, ADMIN_PASSWORD, SECRETARIAT_EMAIL, SECRETARIAT_PASSWORD
        from members.models import Profile, User
        from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync

        rng = self.rng
        roles_sync()
        groups = dict(Group.objects.filter(name__in=[CONSULTANT, SECRETARIAT]).values_list("name", "id"))
        self._people()
        joined = self._at(self.first_day, 9)
        staff = [
            (ADMIN_EMAIL, "Demo", "Administrator", True, make_password(ADMIN_PASSWORD), None),
            (SECRETARIAT_EMAIL, "Sanne", "Holm", False, make_password(SECRETARIAT_PASSWORD), SECRETARIAT),
            ("sekretariat2@netvaerk.example", "Bente", "Lauridsen", False, None, SECRETARIAT),
            ("sekretariat3@netvaerk.example", "Ulla", "Toft", False, None, SECRETARIAT),
        ]
        consultants = max(3, round(12 * min(1.0, self.n["networks"] / 65)))
        for i in range(consultants):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            staff.append(
                (f"{ascii_slug(first)}.{ascii_slug(last)}{i}@netvaerk.example", first, last, False, None, CONSULTANT)
            )
        users, user_groups, addresses = [], [], []
        for pk, (email, first, last, superuser, password, group) in enumerate(staff, 1):
            users.append(
                {
                    "id": pk,
                    "email": email,
                    "first_name": first,
                    "last_name": last,
                    "is_staff": True,
                    "is_superuser": superuser,
                    "password": password or "!" + "x" * 40,
                    "date_joined": joined,
                    "phone": "33 76 20 00",
                }
            )
            if group:
                user_groups.append({"id": len(user_groups) + 1, "user_id": pk, "group_id": groups[group]})
            addresses.append({"id": pk, "user_id": pk, "email": email, "verified": True, "primary": True})
        self.secretariat_ids = [pk for pk, s in enumerate(staff, 1) if s[5] == SECRETARIAT]
        self.consultant_ids = [pk for pk, s in enumerate(staff, 1) if s[5] == CONSULTANT]
        first_member = len(staff) + 1
        self.first_member = first_member
        profiles, profile_areas = [], []
        span = (self.now - joined).total_seconds()
        for i in range(self.n["members"]):
            person = self.people[i]
            pk = first_member + i
            person.user_id = pk
            since = joined + dt.timedelta(seconds=rng.random() * span * 0.95)
            users.append(
                {
                    "id": pk,
                    "email": person.email,
                    "first_name": person.first,
                    "last_name": person.last,
                    "password": "!" + f"{rng.getrandbits(160):040x}",
                    "date_joined": since,
                    "last_login": since + dt.timedelta(days=rng.randint(0, 600)) if rng.random() < 0.7 else None,
                    "phone": person.phone if rng.random() < 0.6 else "",
                }
            )
            addresses.append({"id": pk, "user_id": pk, "email": person.email, "verified": True, "primary": True})
            consent = rng.random() < 0.65
            profiles.append(
                {
                    "id": i + 1,
                    "user_id": pk,
                    "organisation_id": person.organisation_id,
                    "job_title": person.job_title,
                    "introduction": f"Jeg arbejder med {rng.choice(PHRASES)} og vil gerne dele erfaringer."
                    if rng.random() < 0.35
                    else "",
                    "directory_consent": consent,
                    "directory_consent_at": since if consent else None,
                    "created_at": since,
                    "updated_at": since,
                }
            )
            for area in rng.sample(range(1, len(WORK_AREAS) + 1), rng.randint(1, 3)):
                profile_areas.append({"id": len(profile_areas) + 1, "profile_id": i + 1, "workarea_id": area})
        self.member_ids = list(range(first_member, first_member + self.n["members"]))
        self._copy(User, users)
        self._copy(User.groups.through, user_groups)
        self._copy(EmailAddress, addresses)
        self._copy(Profile, profiles)
        self._copy(Profile.work_areas.through, profile_areas)
        self._log(f"users: {len(users)} ({self.n['members']} members with profiles)")

    def _networks(self) -> None:
        from members.models import Membership
        from netvaerk.models import Network

        rng = self.rng
        n = self.n["networks"]
        names = [(f"{topic} - {region}", theme) for region in REGIONS for topic, theme in NETWORK_TOPICS]
        names = names[:n] + [(f"Netværk {k}", k % len(THEMES)) for k in range(len(names), n)]
        rows, tgs, was, wgs = [], [], [], []
        self.networks = []
        for pk, (name, theme) in enumerate(names, 1):
            started = self.first_day + dt.timedelta(days=0 if pk <= n * 0.6 else rng.randint(0, 365 * 7))
            status = rng.choices(["active", "starting", "paused", "closed"], [52, 3, 4, 6])[0]
            if pk == 1:
                status = "active"
            coordinator = self.consultant_ids[pk % len(self.consultant_ids)]
            created = self._at(started, 9)
            topic = name.split(" - ")[0].lower()
            rows.append(
                {
                    "id": pk,
                    "name": name,
                    "slug": ascii_slug(name),
                    "teaser": f"Et netværk for dig, der arbejder med {topic} i de almene boligområder.",
                    "description": (
                        f"Netværket samler medarbejdere, der arbejder med {topic}. Vi deler erfaringer, "
                        "inviterer oplægsholdere og besøger hinandens boligområder.\n\n"
                        "Medlemmerne bestemmer selv, hvilke emner møderne tager op."
                    ),
                    "form": "Et møde har et eller to faglige oplæg og god tid til erfaringsudveksling.",
                    "theme_id": theme + 1,
                    "virtual_meetings_per_year": rng.choice([0, 1, 2]),
                    "physical_meetings_per_year": rng.choice([2, 3, 4]),
                    "organiser_id": rng.choice(list(self.organisers)),
                    "coordinator_id": coordinator,
                    "contact_name": "Netværkskonsulent",
                    "contact_email": "netvaerk@netvaerk.example",
                    "status": status,
                    "is_public": rng.random() < 0.95 or pk == 1,
                    "terms_tasks": "Udveksle erfaringer\nRådgive helhedsplanerne\nUdvikle nye metoder"
                    if rng.random() < 0.5
                    else "",
                    "created_at": created,
                    "updated_at": created,
                }
            )
            self.networks.append({"id": pk, "started": started, "status": status, "coordinator": coordinator})
            for tg in rng.sample(range(1, len(TARGET_GROUPS) + 1), rng.randint(1, 3)):
                tgs.append({"id": len(tgs) + 1, "network_id": pk, "targetgroup_id": tg})
            for wa in rng.sample(range(1, len(WORK_AREAS) + 1), rng.randint(2, 5)):
                was.append({"id": len(was) + 1, "network_id": pk, "workarea_id": wa})
            wgs.append({"id": len(wgs) + 1, "network_id": pk, "user_id": coordinator})
        self._copy(Network, rows)
        self._copy(Network.target_groups.through, tgs)
        self._copy(Network.work_areas.through, was)

        # Memberships: the first network is the big one; the rest share the remaining places.
        memberships = []
        total = round(self.n["members"] * 2.4)
        rest = max(0, total - self.n["big_network_members"])
        weights = [rng.uniform(0.3, 1.0) for _ in range(n - 1)]
        sizes = [self.n["big_network_members"]] + [
            min(self.n["big_network_members"] - 1, max(3, round(rest * w / sum(weights)))) for w in weights
        ]
        self.network_members: dict[int, list[int]] = {}
        for network, size in zip(self.networks, sizes):
            pk = network["id"]
            # The big network's active members must number exactly big_network_members.
            chosen = rng.sample(self.member_ids, min(len(self.member_ids), round(size * 1.18) if pk == 1 else size))
            active = []
            for k, user_id in enumerate(chosen):
                if pk == 1:
                    status = "active" if k < size else rng.choice(["requested", "left", "left", "declined"])
                else:
                    status = rng.choices(["active", "requested", "left", "declined"], [85, 3, 9, 3])[0]
                role = "member"
                if status == "active" and len(active) == 0:
                    role = "coordinator"
                elif status == "active" and len(active) <= 2:
                    role = "working_group"
                asked = self._at(network["started"], 10) + dt.timedelta(days=rng.randint(0, 3000))
                asked = self._past(asked)
                decided = asked + dt.timedelta(days=rng.randint(1, 10)) if status != "requested" else None
                memberships.append(
                    {
                        "id": len(memberships) + 1,
                        "network_id": pk,
                        "user_id": user_id,
                        "role": role,
                        "status": status,
                        "message": "Jeg vil gerne være med i netværket." if rng.random() < 0.3 else "",
                        "notify_new_posts": rng.random() < 0.12,
                        "requested_at": asked,
                        "decided_at": self._past(decided) if decided else None,
                        "decided_by_id": network["coordinator"] if decided else None,
                        "left_at": self._past(decided + dt.timedelta(days=400)) if status == "left" else None,
                        "created_at": asked,
                        "updated_at": asked,
                    }
                )
                if status == "active":
                    active.append(user_id)
                    if role == "working_group":
                        wgs.append({"id": len(wgs) + 1, "network_id": pk, "user_id": user_id})
            self.network_members[pk] = active
        self.memberships = memberships
        self._copy(Membership, memberships)
        self._copy(Network.working_group.through, wgs)
        self._log(f"networks: {n}, memberships: {len(memberships)} ({sizes[0]} active in the largest)")

    def _meetings(self) -> None:
        from meetings.models import AgendaItem, Meeting, MeetingCodeSequence, Workshop

        rng = self.rng
        n = self.n["meetings"]
        days = (self.last_day - self.first_day).days
        plans = []
        # The huge meeting: a national conference two months ahead, no seat limit.
        huge_day = (self.now + dt.timedelta(days=60)).date()
        plans.append((huge_day, None, "conference", True))
        network_weights = [
            (2.5 if net["id"] == 1 else 1.0) * (0.2 if net["status"] == "closed" else 1.0) for net in self.networks
        ]
        for _ in range(n - 1):
            if rng.random() < 0.1:
                kind = rng.choices(["theme_day", "conference", "workshop_evening", "webinar"], [50, 15, 20, 15])[0]
                network = None
                day = self.first_day + dt.timedelta(days=rng.randrange(days))
            else:
                kind = "network_meeting"
                network = rng.choices(self.networks, network_weights)[0]
                start = max(self.first_day, network["started"])
                day = start + dt.timedelta(days=rng.randrange(max(1, (self.last_day - start).days)))
                network = network["id"]
            plans.append((day, network, kind, False))
        plans.sort(key=lambda plan: plan[0])
        meetings, items, workshops, tgs, sequences = [], [], [], [], {}
        self.meetings: list[MeetingRow] = []
        venue_count = len(self.venues)
        for pk, (day, network, kind, huge) in enumerate(plans, 1):
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            hour = {"network_meeting": rng.choice([9, 10, 13]), "workshop_evening": 17, "webinar": 10}.get(kind, 9)
            starts = self._at(day, hour)
            length = {"network_meeting": 150, "theme_day": 390, "conference": 420, "workshop_evening": 180}.get(
                kind, 90
            )
            ends = starts + dt.timedelta(minutes=length)
            past = ends < self.now
            if huge:
                status = "published"
            elif past:
                status = rng.choices(["published", "cancelled", "draft"], [93, 5, 2])[0]
            else:
                status = rng.choices(["published", "draft", "cancelled"], [72, 25, 3])[0]
            capacity = {
                "network_meeting": rng.randint(25, 60),
                "theme_day": rng.randint(60, 150),
                "conference": rng.randint(150, 600),
                "workshop_evening": rng.randint(30, 50),
                "webinar": rng.choice([None, 100, 200, 300]),
            }[kind]
            if huge:
                capacity = None
            fmt = "online" if kind == "webinar" else rng.choices(["in_person", "online", "hybrid"], [75, 15, 10])[0]
            venue = (
                rng.choice(self.online_venues)
                if fmt == "online"
                else rng.randrange(1, venue_count - len(self.online_venues) + 1)
            )
            year = starts.astimezone(self.tz).year
            sequences[year] = sequences.get(year, 0) + 1
            code = f"{year % 100:02d}-{sequences[year]:03d}"
            phrase = rng.choice(PHRASES)
            title = {
                "network_meeting": rng.choice(
                    ["Netværksmøde: {p}", "Forårsmøde om {p}", "Efterårsmøde om {p}", "Erfaringsudveksling om {p}"]
                ),
                "theme_day": "Temadag om {p}",
                "conference": f"Boligsocial konference {year}: {{p}}",
                "workshop_evening": "Workshopaften: {p}",
                "webinar": "Webinar: {p}",
            }[kind].format(p=phrase)
            if huge:
                title = f"Landskonference om boligsocialt arbejde {year}"
            created = max(self._at(self.first_day, 8), starts - dt.timedelta(days=rng.randint(30, 150)))
            created = self._past(created)
            deadline = self._at(day - dt.timedelta(days=rng.randint(3, 10)), 23, 59)
            with_workshops = (
                huge or kind in ("conference", "workshop_evening") or (kind == "theme_day" and rng.random() < 0.7)
            )
            allocation = "after_deadline" if with_workshops and rng.random() < 0.2 else "first_come"
            meetings.append(
                {
                    "id": pk,
                    "code": code,
                    "network_id": network,
                    "organiser_id": 1 if network is None else rng.choice(list(self.organisers)),
                    "kind": kind,
                    "format": fmt,
                    "title": title,
                    "teaser": f"Vi ser nærmere på {phrase} - med oplæg, cases og god tid til erfaringsudveksling.",
                    "description": (
                        f"Hvordan arbejder vi med {phrase}? Mødet samler erfaringer fra boligområder i hele landet.\n\n"
                        "Vi starter med et oplæg og arbejder derefter i grupper med jeres egne cases. "
                        "Til sidst samler vi op og aftaler, hvad vi tager med videre."
                    ),
                    "purpose": f"At blive klogere på {phrase} og tage konkrete idéer med hjem.",
                    "starts_at": starts,
                    "ends_at": ends,
                    "venue_id": venue,
                    "online_url": "https://teams.example/meet/" + code if fmt != "in_person" else "",
                    "price": 0 if kind in ("network_meeting", "webinar") else rng.choice([0, 0, 450, 1200]),
                    "registration_deadline": deadline,
                    "capacity": capacity,
                    "waiting_list_enabled": huge is False and rng.random() < 0.9,
                    "show_seats_left": rng.random() < 0.3,
                    "status": status,
                    "cancellation_reason": "For få tilmeldte." if status == "cancelled" else "",
                    "workshop_allocation": allocation,
                    "workshop_allocation_state": "final" if allocation == "after_deadline" and past else "open",
                    "created_at": created,
                    "updated_at": self._past(created + dt.timedelta(days=rng.randint(0, 20))),
                }
            )
            row = MeetingRow(
                id=pk,
                code=code,
                title=title,
                kind=kind,
                network=network,
                starts_at=starts,
                ends_at=ends,
                deadline=deadline,
                created_at=created,
                status=status,
                capacity=capacity,
                waiting_list=meetings[-1]["waiting_list_enabled"],
                venue=self.venues[venue - 1]["name"],
                allocation=allocation,
            )
            self.meetings.append(row)
            if huge:
                self.huge_meeting = row
            for tg in rng.sample(range(1, len(TARGET_GROUPS) + 1), rng.randint(0, 2)):
                tgs.append({"id": len(tgs) + 1, "meeting_id": pk, "targetgroup_id": tg})
            if with_workshops:
                for k in range(6 if huge else rng.randint(3, 6)):
                    workshops.append(
                        {
                            "id": len(workshops) + 1,
                            "meeting_id": pk,
                            "title": f"Workshop {k + 1}: {PHRASES[(PHRASES.index(phrase) + k + 1) % len(PHRASES)]}",
                            "description": "Vi arbejder med konkrete cases fra deltagernes egne områder.",
                            "capacity": None if capacity is None else capacity // 3 + 5,
                            "room": f"Lokale {k + 1}",
                            "order": k,
                        }
                    )
                    row.workshops.append(len(workshops))
            if status != "draft" or rng.random() < 0.5:
                clock = dt.datetime.combine(day, dt.time(hour))
                programme = [("arrival", "Ankomst og kaffe", 15), ("welcome", "Velkommen og dagens program", 15)]
                programme += [("talk", f"Oplæg: {phrase}", 45), ("break", "Pause", 15)]
                programme += rng.sample(
                    [
                        ("case", f"Case fra {rng.choice(AREAS)}", 30),
                        ("group_work", "Gruppearbejde", 40),
                        ("meal", "Frokost", 30),
                        ("workshop", "Workshops", 60),
                    ],
                    rng.randint(1, 3),
                )
                programme += [("plenary", "Opsamling i plenum", 20), ("wrap_up", "Tak for i dag", 0)]
                for order, (item_kind, item_title, minutes) in enumerate(programme):
                    end = clock + dt.timedelta(minutes=minutes)
                    if end.date() != clock.date():
                        break
                    row.programme += f"{clock:%H.%M} {item_title}\n"
                    items.append(
                        {
                            "id": len(items) + 1,
                            "meeting_id": pk,
                            "start_time": clock.time(),
                            "end_time": end.time() if minutes else None,
                            "kind": item_kind,
                            "title": item_title,
                            "speakers": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                            if item_kind in ("talk", "case")
                            else "",
                            "bullet_points": "Hvad virker?\nHvad gør vi anderledes?" if item_kind == "talk" else "",
                            "order": order,
                        }
                    )
                    clock = end
        self._allocate_registrations()
        for row, meeting in zip(meetings, self.meetings):
            if meeting.capacity is not None and meeting.registrations:
                # Seats are planned from the expected turnout; about a third of the meetings fill up.
                meeting.capacity = row["capacity"] = max(10, round(meeting.registrations / rng.uniform(0.75, 1.35)))
            # A meeting that got more sign-ups than seats had its waiting list open.
            if meeting.capacity is not None and meeting.registrations > meeting.capacity:
                row["waiting_list_enabled"] = meeting.waiting_list = True
        capacities = {meeting.id: meeting.capacity for meeting in self.meetings}
        for workshop in workshops:
            capacity = capacities[workshop["meeting_id"]]
            workshop["capacity"] = None if capacity is None else capacity // 3 + 5
        self._copy(Meeting, meetings)
        self._copy(Meeting.target_groups.through, tgs)
        self._copy(Workshop, workshops)
        self._copy(AgendaItem, items)
        self._copy(MeetingCodeSequence, ({"year": y, "last_number": last} for y, last in sequences.items()))
        self._log(f"meetings: {len(meetings)}, agenda items: {len(items)}, workshops: {len(workshops)}")

    def _allocate_registrations(self) -> None:
        """How many sign-ups each meeting got: by its kind's size, exactly the target in total."""
        rng = self.rng
        huge = self.huge_meeting
        others = [m for m in self.meetings if m.status != "draft" and m is not huge and m.created_at < self.now]
        # The planned capacity stands for the kind's usual size here; the seats are set from the turnout after.
        weights = [(m.capacity or 150) * rng.uniform(0.5, 1.3) for m in others]
        budget = self.n["registrations"] - self.n["huge_meeting"]
        factor = budget / sum(weights)
        sizes = [int(w * factor) for w in weights]
        for k in rng.sample(range(len(others)), budget - sum(sizes)):
            sizes[k] += 1
        huge.registrations = self.n["huge_meeting"]
        for meeting, size in zip(others, sizes):
            meeting.registrations = size
        self.signed_up = [huge, *others]

    def _pool(self, size: int, star: int | None) -> list[int]:
        """Distinct people (indexes) for one meeting; members sign up more often than their share."""
        rng = self.rng
        n_people = len(self.people)
        size = min(size, n_people)
        chosen = dict.fromkeys(rng.sample(range(self.n["members"]), min(self.n["members"], round(size * 0.2))))
        while len(chosen) > size:
            chosen.popitem()
        while len(chosen) < size:
            chosen[rng.randrange(n_people)] = None
        if star is not None and star not in chosen:
            chosen.popitem()
            chosen[star] = None
        pool = list(chosen)
        rng.shuffle(pool)
        return pool

    def _registrations(self) -> None:
        from craft.models import Evaluation
        from registration.models import Registration

        rng = self.rng
        huge = self.huge_meeting
        # One member signs up for every meeting of the big network: My pages with a long history.
        big = self.network_members[1]
        star = big[min(3, len(big) - 1)] - self.first_member
        self.email_plan: list[tuple] = []
        evaluations = []
        statuses: dict[str, int] = {}
        attended = 0
        sensitive_before = self.now - dt.timedelta(days=30)
        pk = 0
        copier = Copier(Registration, self.now)
        set_aside = indexes_set_aside(Registration)
        set_aside.__enter__()
        for meeting in self.signed_up:
            size = meeting.registrations
            if not size:
                continue
            pool = self._pool(size, star if meeting.network == 1 else None)
            opened = meeting.created_at + dt.timedelta(days=1)
            closes = self._past(min(meeting.deadline, meeting.starts_at))
            window = max(60.0, (closes - opened).total_seconds())
            times = sorted(opened + dt.timedelta(seconds=rng.random() * window) for _ in pool)
            past = meeting.ends_at < self.now
            cancelled_meeting = meeting.status == "cancelled"
            seats = meeting.capacity if meeting.capacity is not None else 10**9
            confirmed = 0
            waiting = []
            rows = []
            for person_index, created in zip(pool, times):
                person = self.people[person_index]
                pk += 1
                # Nobody cancels the huge meeting: its participant list has exactly huge_meeting rows.
                cancelled = cancelled_meeting or (meeting is not huge and rng.random() < 0.08)
                status = "confirmed" if confirmed < seats or not meeting.waiting_list else "waiting"
                if status == "confirmed":
                    confirmed += 1
                else:
                    waiting.append(len(rows))
                row = {
                    "id": pk,
                    "token": f"{rng.getrandbits(192):048x}",
                    "meeting_id": meeting.id,
                    "user_id": person.user_id if person.user_id and rng.random() < 0.7 else None,
                    "status": status,
                    "name": person.name,
                    "email": person.email,
                    "phone": person.phone,
                    "organisation": person.organisation,
                    "job_title": person.job_title,
                    "privacy_accepted_at": created,
                    "language": "en" if rng.random() < 0.03 else "da",
                    "confirmed_at": created if status == "confirmed" else None,
                    "waiting_since": created if status == "waiting" else None,
                    "created_at": created,
                    "updated_at": created,
                    "comment": rng.choice(COMMENTS) if rng.random() < 0.05 else "",
                    "_person": person_index,
                    "_first": status,
                    "_cancelled": cancelled,
                }
                if meeting.workshops:
                    first, second = rng.sample(meeting.workshops, 2)
                    row["workshop_first_id"] = first
                    row["workshop_second_id"] = second
                if meeting.ends_at > sensitive_before and rng.random() < 0.2:
                    row["sensitive_consent_at"] = created
                    row["diets"] = [rng.choice(DIETS)]
                    if rng.random() < 0.2:
                        row["diet_note"] = "Ingen koriander, tak."
                rows.append(row)
            # Cancellations free seats; the first on the waiting list moves up.
            for row in rows:
                if not row["_cancelled"]:
                    continue
                was_confirmed = row["status"] == "confirmed"
                row["status"] = "cancelled"
                row["cancelled_at"] = self._past(row["created_at"] + dt.timedelta(days=rng.randint(0, 20)))
                row["updated_at"] = row["cancelled_at"]
                if was_confirmed and waiting and not cancelled_meeting:
                    promoted = rows[waiting.pop(0)]
                    if promoted["status"] == "waiting":
                        promoted["status"] = "confirmed"
                        promoted["confirmed_at"] = row["cancelled_at"]
                        promoted["_promoted"] = True
            for row in rows:
                if row["status"] == "confirmed" and meeting.workshops:
                    row["workshop_id"] = row["workshop_first_id"] if rng.random() < 0.8 else row["workshop_second_id"]
                if past and row["status"] == "confirmed" and meeting.status == "published":
                    row["attended"] = rng.random() < 0.82
                    if row["attended"] and rng.random() < 0.6:
                        row["checked_in_at"] = meeting.starts_at + dt.timedelta(minutes=rng.randint(-20, 30))
                self._plan_emails(row, meeting)
                copier.add(row)
                statuses[row["status"]] = statuses.get(row["status"], 0) + 1
                attended += bool(row.get("attended"))
                if row.get("attended") and rng.random() < 0.25 and meeting.ends_at + dt.timedelta(days=1) < self.now:
                    answered = self._past(meeting.ends_at + dt.timedelta(days=rng.randint(1, 6)))
                    evaluations.append(
                        {
                            "id": len(evaluations) + 1,
                            "registration_id": row["id"],
                            "rating": rng.choices([1, 2, 3, 4, 5], [2, 5, 20, 45, 28])[0],
                            "comment": rng.choice(EVALUATION_COMMENTS) if rng.random() < 0.4 else "",
                            "created_at": answered,
                        }
                    )
        copier.flush()
        set_aside.__exit__(None, None, None)
        self.counts[Registration._meta.label] = copier.count
        self._copy(Evaluation, evaluations)
        self._log(
            f"registrations: {copier.count} {statuses}, attended {attended}, evaluations {len(evaluations)}"
            f" (largest meeting {huge.code}: {huge.registrations})"
        )

    def _plan_emails(self, row: dict, meeting: MeetingRow) -> None:
        """The emails a registration caused, as (time, template, key, registration id, meeting)."""
        plan = self.email_plan
        rid = row["id"]
        created = row["created_at"]
        ref = (rid, row["email"], row["name"], row["token"])
        if row["_first"] == "confirmed":
            plan.append((created, "registration_confirmed", f"confirmation:{rid}", ref, meeting))
        else:
            plan.append((created, "registration_waiting", f"waiting:{rid}", ref, meeting))
            if row.get("_promoted"):
                plan.append((row["confirmed_at"], "registration_promoted", f"promoted:{rid}", ref, meeting))
        if row["status"] == "cancelled":
            template = "meeting_cancelled" if meeting.status == "cancelled" else "registration_cancelled"
            plan.append((row["cancelled_at"], template, f"{template}:{rid}", ref, meeting))
            return
        reminder = meeting.starts_at - dt.timedelta(days=2)
        if row["status"] == "confirmed" and reminder < self.now:
            plan.append((max(reminder, created), "meeting_reminder", f"reminder:{rid}", ref, meeting))
        if row.get("workshop_id") and meeting.allocation == "after_deadline" and meeting.deadline < self.now:
            plan.append(
                (meeting.deadline + dt.timedelta(hours=20), "workshop_assigned", f"workshop:{rid}", ref, meeting)
            )
        if row.get("attended") and meeting.ends_at + dt.timedelta(days=1) < self.now:
            plan.append(
                (
                    meeting.ends_at + dt.timedelta(days=1),
                    "evaluation_request",
                    f"evaluation-request:{rid}",
                    ref,
                    meeting,
                )
            )

    def _members_area(self) -> None:
        from members.models import Material, Minutes, Post

        rng = self.rng
        posts, materials, minutes = [], [], []
        self.member_emails: list[tuple] = []
        for network in self.networks:
            active = self.network_members.get(network["id"]) or self.member_ids[:3]
            months = max(1, ((self.now.date() - network["started"]).days) // 30)
            for _ in range(round(months * 0.6 * (3 if network["id"] == 1 else 1))):
                created = self._at(network["started"], 10) + dt.timedelta(minutes=rng.randrange(months * 30 * 24 * 60))
                created = self._past(created)
                phrase = rng.choice(PHRASES)
                parent = len(posts) + 1
                posts.append(
                    {
                        "id": parent,
                        "network_id": network["id"],
                        "author_id": rng.choice(active),
                        "title": rng.choice(POST_TITLES).format(p=phrase),
                        "body": rng.choice(POST_BODIES).format(p=phrase),
                        "is_pinned": rng.random() < 0.01,
                        "removed_at": created if rng.random() < 0.01 else None,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
                self.member_emails.append((created, "members_new_post", f"new-post:{parent}", network["id"]))
                for k in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
                    when = self._past(created + dt.timedelta(hours=rng.randint(1, 200)))
                    posts.append(
                        {
                            "id": len(posts) + 1,
                            "network_id": network["id"],
                            "author_id": rng.choice(active),
                            "parent_id": parent,
                            "body": REPLIES[k % len(REPLIES)],
                            "created_at": when,
                            "updated_at": when,
                        }
                    )
            for _ in range(2):
                materials.append(
                    {
                        "id": self._uuid(),
                        "network_id": network["id"],
                        "kind": "link",
                        "title": f"Rapport om {rng.choice(PHRASES)}",
                        "url": f"https://cfbu.example/rapport/{rng.randint(100, 999)}",
                        "uploaded_by_id": network["coordinator"],
                        "created_at": self._at(network["started"], 12),
                    }
                )
        for meeting in self.meetings:
            if meeting.network is None or meeting.status != "published" or meeting.ends_at > self.now:
                continue
            coordinator = self.networks[meeting.network - 1]["coordinator"]
            written = self._past(meeting.ends_at + dt.timedelta(days=rng.randint(1, 14)))
            if rng.random() < 0.75:
                minutes.append(
                    {
                        "id": self._uuid(),
                        "meeting_id": meeting.id,
                        "text": f"Til stede: {meeting.registrations} tilmeldte.\n\n1. Oplæg og drøftelse.\n"
                        "2. Erfaringsudveksling i grupper.\n\nNæste møde: arbejdsgruppen sender dagsorden ud.",
                        "outputs": "Idékatalog og aftale om næste møde." if rng.random() < 0.5 else "",
                        "written_by_id": coordinator,
                        "created_at": written,
                        "updated_at": written,
                    }
                )
            else:
                self.member_emails.append(
                    (meeting.ends_at + dt.timedelta(days=2), "minutes_reminder", f"minutes-reminder:{meeting.id}", None)
                )
            if rng.random() < 0.4:
                materials.append(
                    {
                        "id": self._uuid(),
                        "network_id": meeting.network,
                        "meeting_id": meeting.id,
                        "kind": "link",
                        "title": f"Oplæg fra {meeting.code}",
                        "url": f"https://slides.example/{meeting.code}",
                        "uploaded_by_id": coordinator,
                        "created_at": written,
                    }
                )
        for membership in self.memberships:
            key = f"membership:{membership['id']}"
            self.member_emails.append(
                (membership["requested_at"], "members_membership_requested", key + ":asked", None)
            )
            if membership["status"] in ("active", "left"):
                self.member_emails.append(
                    (membership["decided_at"], "members_membership_approved", key + ":approved", None)
                )
            elif membership["status"] == "declined":
                self.member_emails.append(
                    (membership["decided_at"], "members_membership_declined", key + ":declined", None)
                )
        self.board_posts = posts
        self._copy(Post, posts)
        self._copy(Material, materials)
        self._copy(Minutes, minutes)
        self._log(f"group spaces: {len(posts)} board posts, {len(materials)} links, {len(minutes)} minutes")

    def _uuid(self) -> str:
        value = f"{self.rng.getrandbits(128):032x}"
        return f"{value[:8]}-{value[8:12]}-4{value[13:16]}-a{value[17:20]}-{value[20:]}"

    def _craft(self) -> None:
        from craft.models import AgendaProposal, Idea, IdeaComment

        rng = self.rng
        ideas, comments, proposals = [], [], []
        for meeting in self.meetings:
            if meeting.network is None or meeting.status != "published" or meeting.ends_at > self.now:
                continue
            active = self.network_members.get(meeting.network) or self.member_ids[:3]
            for _ in range(rng.choice([0, 1, 1, 2, 2])):
                when = self._past(meeting.ends_at + dt.timedelta(days=rng.randint(0, 5)))
                ideas.append(
                    {
                        "id": len(ideas) + 1,
                        "network_id": meeting.network,
                        "meeting_id": meeting.id,
                        "title": f"Prøv {rng.choice(PHRASES)} i lille skala",
                        "description": "Idéen kom op i gruppearbejdet: start småt, inddrag beboerne og evaluer.",
                        "tags": ", ".join(rng.sample(IDEA_TAGS, 2)),
                        "author_id": rng.choice(active),
                        "created_at": when,
                        "updated_at": when,
                    }
                )
                for _ in range(rng.choice([0, 1, 1, 2, 3])):
                    comments.append(
                        {
                            "id": len(comments) + 1,
                            "idea_id": len(ideas),
                            "author_id": rng.choice(active),
                            "body": rng.choice(REPLIES),
                            "created_at": self._past(when + dt.timedelta(days=rng.randint(1, 30))),
                        }
                    )
            if rng.random() < 0.5:
                when = self._past(meeting.starts_at - dt.timedelta(days=rng.randint(10, 40)))
                status = rng.choices(["planned", "declined", "open"], [60, 25, 15])[0]
                proposals.append(
                    {
                        "id": len(proposals) + 1,
                        "network_id": meeting.network,
                        "author_id": rng.choice(active),
                        "title": f"Kan vi tale om {rng.choice(PHRASES)}?",
                        "description": "Det fylder meget hos os lige nu.",
                        "status": status,
                        "meeting_id": meeting.id if status == "planned" else None,
                        "decided_by_id": self.networks[meeting.network - 1]["coordinator"]
                        if status != "open"
                        else None,
                        "decided_at": when + dt.timedelta(days=3) if status != "open" else None,
                        "created_at": when,
                    }
                )
        self._copy(Idea, ideas)
        self._copy(IdeaComment, comments)
        self._copy(AgendaProposal, proposals)
        self._log(f"craft: {len(ideas)} ideas, {len(comments)} comments, {len(proposals)} agenda proposals")

    def _content(self) -> None:
        from content.models import Author, Comment, Offer, OfferRequest, Post, Provider, Tag

        rng = self.rng
        tags = [{"id": i, "name": t, "slug": ascii_slug(t)} for i, t in enumerate(IDEA_TAGS, 1)]
        self._copy(Tag, tags)
        authors = [
            {"id": i, "user_id": user_id, "presentation": "Konsulent i Boligsocialnet", "created_at": self.now}
            for i, user_id in enumerate(self.consultant_ids[:8], 1)
        ]
        self._copy(Author, authors)
        n_posts = max(5, round(480 * self.n["meetings"] / FULL["meetings"]))
        days = (self.now.date() - self.first_day).days
        posts, post_tags, comments = [], [], []
        self.content_emails: list[tuple] = []
        for pk in range(1, n_posts + 1):
            phrase = rng.choice(PHRASES)
            published = self._at(self.first_day, 8) + dt.timedelta(days=days * pk / (n_posts + 1))
            title = f"{phrase[0].upper()}{phrase[1:]}: {rng.choice(['erfaringer fra', 'nyt fra', 'fem råd fra'])} {rng.choice(AREAS)}"
            status = "draft" if pk > n_posts - 3 else "published"
            posts.append(
                {
                    "id": pk,
                    "title": title,
                    "slug": f"{ascii_slug(title)[:180]}-{pk}",
                    "author_id": rng.randint(1, len(authors)),
                    "teaser": f"Hvad har vi lært om {phrase}? Et blik på erfaringerne.",
                    "body": "\n\n".join(
                        [
                            f"## {phrase[0].upper()}{phrase[1:]}",
                            f"I {rng.choice(AREAS)} har medarbejderne arbejdet med {phrase} i tre år. "
                            "Her er, hvad de har lært - og hvad de ville gøre anderledes.",
                            "- Start med beboernes egne ønsker\n- Giv de frivillige et tydeligt ansvar\n"
                            "- Evaluer undervejs, ikke kun til sidst",
                            "Læs mere i netværkets materiale, eller skriv til os.",
                        ]
                    ),
                    "status": status,
                    "published_at": published,
                    "network_id": rng.choice(self.networks)["id"] if rng.random() < 0.4 else None,
                    "created_at": published,
                    "updated_at": published,
                }
            )
            for tag in rng.sample(range(1, len(tags) + 1), rng.randint(1, 3)):
                post_tags.append({"id": len(post_tags) + 1, "post_id": pk, "tag_id": tag})
            if status == "draft":
                continue
            for _ in range(rng.choice([0, 2, 4, 5, 8])):
                member = rng.random() < 0.6
                person = self.people[rng.randrange(len(self.people))]
                status_c = rng.choices(["published", "pending", "hidden"], [85, 5, 10])[0]
                written = self._past(published + dt.timedelta(hours=rng.randint(1, 500)))
                comments.append(
                    {
                        "id": len(comments) + 1,
                        "post_id": pk,
                        "user_id": rng.choice(self.member_ids) if member else None,
                        "name": "" if member else person.name,
                        "email": "" if member else person.email,
                        "body": rng.choice(REPLIES),
                        "status": status_c,
                        "created_at": written,
                        "moderated_at": written if status_c != "pending" and not member else None,
                    }
                )
                self.content_emails.append((written, "content_comment_new", f"blog-comment:{len(comments)}", None))
        self._copy(Post, posts)
        self._copy(Post.tags.through, post_tags)
        self._copy(Comment, comments)

        providers, offers, requests = [], [], []
        ngo_ids = [i for i, o in enumerate(self.organisations, 1) if o[2] == ""][:10]
        for pk, org_id in enumerate(ngo_ids, 1):
            providers.append(
                {
                    "id": pk,
                    "organisation_id": org_id,
                    "presentation": "Vi holder temadage og kurser for boligsociale medarbejdere.",
                    "contact_name": "Kursusafdelingen",
                    "email": f"kurser{pk}@udbyder.example",
                    "created_at": self.now,
                }
            )
        for pk in range(1, 15):
            phrase = PHRASES[pk]
            offers.append(
                {
                    "id": pk,
                    "title": f"Temadag: {phrase}",
                    "slug": f"temadag-{ascii_slug(phrase)}",
                    "kind": rng.choice(["theme_day", "course", "workshop"]),
                    "teaser": f"En dag om {phrase} for hele medarbejdergruppen.",
                    "audience": "Boligsociale medarbejdere og ledere",
                    "introduction": f"Dagen giver jer et fælles sprog om {phrase}.",
                    "points": "Viden og forskning\nCases fra andre områder\nJeres næste skridt",
                    "formats": ["half_day", "whole_day"],
                    "price_note": "Prisen aftales ud fra antal deltagere.",
                    "provider_id": rng.randint(1, len(providers)),
                    "organiser_id": 1,
                    "status": "archived" if pk > 11 else ("draft" if pk > 9 else "published"),
                    "order": pk,
                    "created_at": self.now,
                }
            )
        n_requests = max(5, round(400 * self.n["meetings"] / FULL["meetings"]))
        for pk in range(1, n_requests + 1):
            asked = self._at(self.first_day, 10) + dt.timedelta(days=days * pk / (n_requests + 1))
            person = self.people[rng.randrange(len(self.people))]
            status = rng.choices(["new", "in_dialogue", "agreed", "declined"], [5, 10, 55, 30])[0]
            requests.append(
                {
                    "id": pk,
                    "offer_id": rng.randint(1, len(offers)),
                    "organisation_name": person.organisation,
                    "organisation_id": person.organisation_id,
                    "contact_name": person.name,
                    "email": person.email,
                    "format": "whole_day",
                    "participants": rng.randint(8, 60),
                    "wishes": "Vi vil gerne have dagen i foråret.",
                    "status": status,
                    "status_changed_at": asked + dt.timedelta(days=5) if status != "new" else None,
                    "created_at": asked,
                    "updated_at": asked,
                }
            )
            for role in ("staff", "provider", "receipt"):
                self.content_emails.append((asked, "content_offer_request", f"offer-request:{pk}:{role}", None))
        self._copy(Provider, providers)
        self._copy(Offer, offers)
        self._copy(OfferRequest, requests)
        self._log(f"content: {len(posts)} blog posts, {len(comments)} comments, {len(requests)} offer requests")

    def _export_logs(self) -> None:
        from registration.models import ExportLog

        rng = self.rng
        staff = self.secretariat_ids + self.consultant_ids
        emails = {pk: f"staff{pk}@netvaerk.example" for pk in staff}
        logs = []
        for meeting in self.meetings:
            if meeting.status != "published" or meeting.deadline > self.now or not meeting.registrations:
                continue
            for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
                kind, fmt = rng.choice(
                    [
                        ("participants", "xlsx"),
                        ("participants", "csv"),
                        ("sign_in_sheet", "pdf"),
                        ("badges", "pdf"),
                        ("catering", "pdf"),
                        ("waiting_list", "xlsx"),
                    ]
                )
                user = rng.choice(staff)
                logs.append(
                    {
                        "created_at": self._past(meeting.deadline + dt.timedelta(hours=rng.randint(1, 100))),
                        "user_id": user,
                        "user_email": emails[user],
                        "kind": kind,
                        "format": fmt,
                        "meeting_id": meeting.id,
                        "row_count": meeting.registrations,
                        "columns": ["name", "email", "organisation", "job_title", "status"],
                        "sensitive": kind == "catering",
                        "parameters": {"scope": "confirmed"} if kind == "participants" else {},
                    }
                )
        for network in self.networks:
            for year in range(self.first_day.year, self.now.year + 1):
                if rng.random() < 0.5:
                    logs.append(
                        {
                            "created_at": self._past(self._at(dt.date(year, 12, 1), 10)),
                            "user_id": self.secretariat_ids[0],
                            "user_email": emails[self.secretariat_ids[0]],
                            "kind": "network_registrations",
                            "format": "xlsx",
                            "network_id": network["id"],
                            "row_count": rng.randint(50, 600),
                            "parameters": {"fra": f"{year}-01-01", "til": f"{year}-12-31"},
                        }
                    )
        logs.sort(key=lambda row: row["created_at"])
        self._copy(ExportLog, ({"id": pk, **row} for pk, row in enumerate(logs, 1)))
        self._log(f"export log: {len(logs)} downloads")

    def _emails(self) -> None:
        """The outbox: what the registrations and the members' area sent, trimmed or topped up to the target."""
        from outbox.models import OutgoingEmail

        rng = self.rng
        target = self.n["emails"]
        plan = self.email_plan
        others = self.member_emails + self.content_emails
        over = len(plan) + len(others) - target
        if over > 0:
            # Fewer reminders (some meetings have them switched off) until the total fits.
            reminders = [k for k, item in enumerate(plan) if item[1] == "meeting_reminder"]
            drop = set(rng.sample(reminders, min(over, len(reminders))))
            plan = [item for k, item in enumerate(plan) if k not in drop]
            over = len(plan) + len(others) - target
            if over > 0:
                others = others[: max(0, len(others) - over)]
                over = len(plan) + len(others) - target
            if over > 0:  # only at odd scales: fewer registration emails
                drop = set(rng.sample(range(len(plan)), over))
                plan = [item for k, item in enumerate(plan) if k not in drop]
        else:
            # Staff wrote to the participants of some meetings (the admin's "write to participants").
            confirmed = [item for item in plan if item[1] == "registration_confirmed"]
            for k in range(-over):
                _created, _t, _k, ref, meeting = confirmed[k % len(confirmed)]
                when = self._past(meeting.starts_at - dt.timedelta(days=7 + k // len(confirmed)))
                plan.append((when, "participants_message", f"message:{meeting.id}:{ref[0]}:{k}", ref, meeting))
        items = [(item[0], 0, k) for k, item in enumerate(plan)] + [(item[0], 1, k) for k, item in enumerate(others)]
        items.sort()
        signature = "\n\nVenlig hilsen\nBoligsocialnet\nTelefon 33 76 20 00 · boligsocialnet@netvaerk.example"
        html_head = (
            '<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" '
            'content="width=device-width, initial-scale=1"><title>Boligsocialnet</title><style>'
            "body{margin:0;padding:0;background:#f4f4f2;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;"
            "line-height:1.5;font-size:16px}.wrapper{width:100%;background:#f4f4f2;padding:24px 0}"
            ".container{max-width:640px;margin:0 auto;background:#ffffff;border-radius:6px;overflow:hidden}"
            ".header{background:#00594f;color:#ffffff;padding:20px 28px;font-size:18px;font-weight:bold}"
            ".content{padding:24px 28px}h1{font-size:22px;line-height:1.3;margin:0 0 16px}p{margin:0 0 14px}"
            "table.facts{border-collapse:collapse;width:100%;margin:8px 0 18px}table.facts td{padding:6px 8px;"
            "border-bottom:1px solid #e3e3df;vertical-align:top}table.facts td.label{color:#5b5b57;width:30%}"
            ".button{display:inline-block;background:#00594f;color:#ffffff!important;text-decoration:none;"
            "padding:12px 20px;border-radius:4px;font-weight:bold}.programme td{padding:4px 8px;"
            "border-bottom:1px solid #eee}.footer{color:#6b6b66;font-size:12px;padding:18px 28px;"
            "border-top:1px solid #e3e3df}a{color:#00594f}@media (max-width:480px){.content{padding:18px}"
            'h1{font-size:20px}}</style></head><body><div class="wrapper"><div class="container">'
            '<div class="header">Boligsocialnet</div><div class="content">'
        )
        html_foot = (
            '</div><div class="footer">Du får denne mail, fordi du har tilmeldt dig et møde hos Boligsocialnet. '
            "Vi behandler dine oplysninger efter vores privatlivspolitik.<br>Boligsocialnet · Telefon 33 76 20 00 · "
            '<a href="https://boligsocialnet.example">boligsocialnet.example</a></div></div></div></body></html>'
        )
        subjects = {
            "registration_confirmed": "Din plads er bekræftet: {title}",
            "registration_waiting": "Du er på ventelisten: {title}",
            "registration_promoted": "Du har fået en plads: {title}",
            "registration_cancelled": "Din afmelding er modtaget: {title}",
            "meeting_cancelled": "Aflyst: {title}",
            "meeting_reminder": "Påmindelse: {title} den {date}",
            "workshop_assigned": "Din workshop til {title}",
            "evaluation_request": "Hvordan var {title}?",
            "participants_message": "Praktisk information om {title}",
        }
        ics_cache: dict[int, list] = {}
        base = "https://netvaerk.example"
        sent_until = self.now - dt.timedelta(minutes=30)

        def rows():
            for created, source, k in items:
                if source == 0:
                    _c, template, key, reg, meeting = plan[k]
                    local = meeting.starts_at.astimezone(self.tz)
                    date = f"{local:%d.%m.%Y} kl. {local:%H.%M}"
                    _rid, recipient, name, token = reg
                    ref = ("meetings.meeting", str(meeting.id))
                    subject = subjects[template].format(title=meeting.title, date=f"{local:%d.%m.%Y}")
                    lines = [
                        f"Kære {name}",
                        f"{subject}.",
                        f"Tid: {date}\nSted: {meeting.venue}\nTilmeldingsfrist: {meeting.deadline.astimezone(self.tz):%d.%m.%Y}",
                        f"Program:\n{meeting.programme}",
                        f"Se programmet og din tilmelding her:\n{base}/tilmelding/{token}/",
                        "Kan du ikke komme alligevel, så meld fra via linket, så din plads kan gå til en på "
                        "ventelisten. Har du spørgsmål til mødet, så svar på denne mail.",
                    ]
                    attachments = []
                    if template == "registration_confirmed":
                        if meeting.id not in ics_cache:
                            ics = (
                                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Netvaerk//DA\r\nBEGIN:VEVENT\r\n"
                                f"UID:{meeting.code}@netvaerk.example\r\nDTSTART:{meeting.starts_at:%Y%m%dT%H%M%SZ}\r\n"
                                f"DTEND:{meeting.ends_at:%Y%m%dT%H%M%SZ}\r\nSUMMARY:{meeting.title}\r\n"
                                f"LOCATION:{meeting.venue}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                            )
                            ics_cache[meeting.id] = [
                                {
                                    "filename": f"{meeting.code}.ics",
                                    "content_type": "text/calendar; method=PUBLISH; charset=utf-8",
                                    "content": base64.b64encode(ics.encode()).decode(),
                                }
                            ]
                        attachments = ics_cache[meeting.id]
                else:
                    _c, template, key, _network = others[k]
                    person = self.people[rng.randrange(self.n["members"])]
                    recipient, name, ref = person.email, person.name, ("", "")
                    subject = {
                        "members_new_post": "Nyt opslag i netværkets gruppe",
                        "minutes_reminder": "Husk referatet fra mødet",
                        "members_membership_requested": "Ny anmodning om medlemskab",
                        "members_membership_approved": "Du er nu medlem af netværket",
                        "members_membership_declined": "Om din anmodning om medlemskab",
                        "content_comment_new": "Ny kommentar på bloggen",
                        "content_offer_request": "Forespørgsel på et tilbud",
                    }[template]
                    lines = [f"Kære {name}", f"{subject}.", f"Se mere her:\n{base}/mine-sider/"]
                    attachments = []
                text = "\n\n".join(lines) + signature
                html = (
                    html_head
                    + f"<h1>{subject}</h1>"
                    + "".join(f"<p>{line}</p>" for line in lines).replace("\n", "<br>")
                    + html_foot
                )
                status = "sent"
                if created > sent_until:
                    status = rng.choice(["queued", "queued", "sending"])
                elif rng.random() < 0.01:
                    status = "failed"
                row = {
                    "idempotency_key": key,
                    "message_id": f"<{rng.getrandbits(128):032x}@netvaerk.example>",
                    "recipient": recipient,
                    "from_email": "Boligsocialnet <noreply@netvaerk.example>",
                    "reply_to": "netvaerk@netvaerk.example",
                    "template": template,
                    "language": "da",
                    "subject": subject,
                    "text_body": text,
                    "html_body": html,
                    "attachments": attachments,
                    "status": status,
                    "attempts": {"sent": 1, "failed": 8, "queued": 0, "sending": 1}[status],
                    "last_error": "550 5.1.1 Mailbox unavailable" if status == "failed" else "",
                    "ref_type": ref[0],
                    "ref_id": ref[1],
                    "next_attempt_at": created,
                    "last_attempt_at": created + dt.timedelta(seconds=3) if status != "queued" else None,
                    "sent_at": created + dt.timedelta(seconds=3) if status == "sent" else None,
                    "created_at": created,
                    "updated_at": created,
                }
                yield row

        with indexes_set_aside(OutgoingEmail):
            n = self._copy(OutgoingEmail, ({"id": pk, **row} for pk, row in enumerate(rows(), 1)))
        self._log(f"outbox: {n} emails")

    def _history(self) -> None:
        """One "created" and one "changed" history row per meeting (django-simple-history), by SQL."""
        from django.db import connection

        from meetings.models import Meeting

        history = Meeting.history.model
        own = {f.column for f in Meeting._meta.concrete_fields}
        columns = [f.column for f in history._meta.concrete_fields if f.column in own and f.column != "updated_at"]
        column_list = ", ".join(f'"{c}"' for c in columns)
        table = history._meta.db_table
        with connection.cursor() as cursor:
            for kind, when in (("+", "created_at"), ("~", "updated_at")):
                cursor.execute(
                    f'INSERT INTO "{table}" ({column_list}, history_date, history_type, history_change_reason, '
                    f"history_user_id) SELECT {column_list}, {when}, %s, NULL, NULL FROM {Meeting._meta.db_table}",
                    [kind],
                )
        self._log("meeting history")

    def _reset_sequences(self) -> None:
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection

        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def build(*, scale: float, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Fill the default database (freshly migrated, empty) with the ten-year data at ``scale``."""
    return Builder(scale=scale, seed=seed).build()


# --- Finding the pages -------------------------------------------------------------------------


@dataclass
class Page:
    section: str  # admin | staff | members | public
    label: str  # the same in both databases, so the rows can be compared
    url: str
    who: str  # secretariat | superuser | member | coordinator | anonymous
    optional: bool = False  # a guessed format: left out when the page answers 404


@dataclass
class Context:
    """The users and objects the pages are about, chosen the same way in the demo and the ten-year database."""

    users: dict
    network: object  # the network with the most active members
    staff_meeting: object  # the largest meeting of ordinary size (at most ORDINARY_MEETING_MAX registrations)
    huge_meeting: object  # the largest meeting
    huge_registrations: int
    public_meeting: object  # the coming public meeting with the most registrations (ordinary size)
    past_group_meeting: object | None
    evaluated_meeting: object | None
    board_post: object | None
    idea: object | None
    proposal: object | None
    blog_post: object | None
    blog_tag: object | None
    offer: object | None
    registration: object | None  # a confirmed registration of the public meeting (the participant's page)
    evaluation_registration: object | None
    not_found: list = field(default_factory=list)


def select_context() -> Context:
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.utils import timezone

    from content.models import Offer
    from content.models import Post as BlogPost
    from craft.models import AgendaProposal, Evaluation, Idea
    from demo.logins import ADMIN_EMAIL, SECRETARIAT_EMAIL
    from meetings.models import Meeting
    from members.models import Post
    from netvaerk.models import Network
    from registration.models import Registration

    user_model = get_user_model()
    now = timezone.now()
    counts = list(Registration.objects.values("meeting").annotate(n=Count("id")).order_by("-n", "meeting")[:500])
    sizes = {row["meeting"]: row["n"] for row in counts}
    huge = Meeting.objects.get(pk=counts[0]["meeting"])
    ordinary = next(row["meeting"] for row in counts if row["n"] <= ORDINARY_MEETING_MAX)
    public = [
        pk
        for pk in Meeting.objects.public().upcoming(now).values_list("pk", flat=True)
        if sizes.get(pk, 0) <= ORDINARY_MEETING_MAX
    ]
    public_meeting = Meeting.objects.get(pk=max(public, key=lambda pk: (sizes.get(pk, 0), -pk)))
    network = (
        Network.objects.annotate(n=Count("memberships", filter=Q(memberships__status="active")))
        .order_by("-n", "pk")
        .first()
    )
    member_row = (
        Registration.objects.filter(user__is_staff=False, user__isnull=False)
        .values("user")
        .annotate(n=Count("id"))
        .order_by("-n", "user")
        .first()
    )
    users = {
        "secretariat": user_model.objects.get(email__iexact=SECRETARIAT_EMAIL),
        "superuser": user_model.objects.get(email__iexact=ADMIN_EMAIL),
        "member": user_model.objects.get(pk=member_row["user"]),
        "coordinator": network.coordinator,
        "anonymous": None,
    }
    past = Meeting.objects.filter(network=network, status="published", ends_at__lt=now).order_by("-starts_at")
    evaluated = (
        Evaluation.objects.filter(registration__meeting__network=network)
        .order_by("-registration__meeting__starts_at")
        .values_list("registration__meeting", flat=True)
        .first()
    )
    blog_post = BlogPost.objects.public().annotate(n=Count("comments")).order_by("-n", "-published_at").first()
    return Context(
        users=users,
        network=network,
        staff_meeting=Meeting.objects.get(pk=ordinary),
        huge_meeting=huge,
        huge_registrations=counts[0]["n"],
        public_meeting=public_meeting,
        past_group_meeting=past.first(),
        evaluated_meeting=Meeting.objects.filter(pk=evaluated).first(),
        board_post=Post.objects.filter(network=network, parent=None, removed_at=None).order_by("-created_at").first(),
        idea=Idea.objects.filter(network=network).order_by("-created_at").first(),
        proposal=AgendaProposal.objects.filter(network=network).order_by("-created_at").first(),
        blog_post=blog_post,
        blog_tag=blog_post.tags.first() if blog_post else None,
        offer=Offer.objects.public().first(),
        registration=Registration.objects.filter(meeting=public_meeting, status="confirmed").first(),
        evaluation_registration=Registration.objects.filter(meeting_id=evaluated, attended=True).first(),
    )


def _follow(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def _search_terms(model_admin, request) -> list[tuple[str, str]]:
    """What a person types into the search box: a whole email address, or one word of a name or title."""
    fields = [name.lstrip("=^@") for name in model_admin.get_search_fields(request)]
    if not fields:
        return []
    queryset = model_admin.get_queryset(request).order_by("pk")
    count = queryset.count()
    if not count:
        return []
    sample = queryset[count // 2]
    wanted = fields[:1] + [name for name in fields[1:] if "email" in name or "recipient" in name][:1]
    terms = []
    for name in wanted:
        value = _follow(sample, name)
        if value in (None, ""):
            continue
        value = str(value)
        if "@" in value:
            terms.append((f"{name} (whole address)", value))
        else:
            words = [word.strip(".,:;()-") for word in value.split()]
            terms.append((f"{name} (one word)", max(words, key=len)))
    return terms


def _sample_choices(choices: list[dict]) -> list[tuple[str, dict]]:
    """First, middle and last of a filter's data-dependent choices, and the empty choice."""
    empty = [choice for choice in choices if "__isnull" in choice["query_string"]]
    values = [choice for choice in choices if choice not in empty]
    picks, seen = [], set()
    for tag, index in (("first", 0), ("middle", len(values) // 2), ("last", len(values) - 1)):
        if values and index not in seen:
            seen.add(index)
            picks.append((f"#{tag}", values[index]))
    picks += [("(empty)", choice) for choice in empty[:1]]
    return picks


def _big_object(label: str, model_admin, request, ctx: Context):
    """The object of a change form: the big one where there is one, else the newest."""
    from registration.models import Registration

    big = {
        "meetings.meeting": (ctx.staff_meeting, "meeting with most registrations"),
        "netvaerk.network": (ctx.network, "network with most members"),
        "members.user": (ctx.users["member"], "member with most registrations"),
        "registration.registration": (
            Registration.objects.filter(meeting=ctx.staff_meeting).order_by("pk").first(),
            "registration of that meeting",
        ),
    }
    if label in big:
        return big[label]
    return model_admin.get_queryset(request).order_by("-pk").first(), "newest"


def admin_pages(ctx: Context) -> list[Page]:
    from django.contrib import admin
    from django.contrib.admin.filters import AllValuesFieldListFilter, RelatedFieldListFilter
    from django.contrib.admin.utils import quote
    from django.test import RequestFactory
    from django.urls import reverse
    from django.utils import timezone

    pages = [Page("admin", "admin index", reverse("admin:index"), "secretariat")]
    factory = RequestFactory()
    # admin.site._registry is the only list of every registered ModelAdmin: new admins are covered by themselves.
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower):
        opts = model._meta
        name = opts.label_lower
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        request = factory.get(url)
        request.user = ctx.users["secretariat"]
        who = "secretariat" if model_admin.has_view_or_change_permission(request) else "superuser"
        request.user = ctx.users[who]
        pages.append(Page("admin", f"{name}: list", url, who))
        try:
            for tag, term in _search_terms(model_admin, request):
                pages.append(Page("admin", f"{name}: list, search {tag}", f"{url}?{_qs({'q': term})}", who))
            changelist = model_admin.get_changelist_instance(request)
            for spec in changelist.filter_specs:
                choices = [choice for choice in spec.choices(changelist) if not choice["selected"]]
                data_dependent = isinstance(spec, (RelatedFieldListFilter, AllValuesFieldListFilter))
                picks = _sample_choices(choices) if data_dependent else [(str(c["display"]), c) for c in choices]
                for tag, choice in picks:
                    pages.append(
                        Page("admin", f"{name}: list, filter {spec.title} = {tag}", url + choice["query_string"], who)
                    )
            if model_admin.date_hierarchy:
                hierarchy = model_admin.date_hierarchy
                latest = (
                    model_admin.get_queryset(request)
                    .order_by(f"-{hierarchy}")
                    .values_list(hierarchy, flat=True)
                    .first()
                )
                if latest is not None:
                    if isinstance(latest, dt.datetime):
                        latest = timezone.localtime(latest)
                    year = f"{url}?{hierarchy}__year={latest.year}"
                    pages.append(Page("admin", f"{name}: list, date hierarchy: latest year", year, who))
                    pages.append(
                        Page(
                            "admin",
                            f"{name}: list, date hierarchy: latest month",
                            f"{year}&{hierarchy}__month={latest.month}",
                            who,
                        )
                    )
            obj, what = _big_object(name, model_admin, request, ctx)
            if obj is not None:
                obj_who = "secretariat"
                request.user = ctx.users["secretariat"]
                if not model_admin.has_view_or_change_permission(request, obj):
                    obj_who = "superuser"
                change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
                pages.append(Page("admin", f"{name}: change form ({what})", change, obj_who))
            request.user = ctx.users[who]
            for field_name in model_admin.get_autocomplete_fields(request):
                query = _qs({"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field_name})
                pages.append(
                    Page("admin", f"{name}: autocomplete {field_name}", f"{reverse('admin:autocomplete')}?{query}", who)
                )
        except Exception as error:  # a broken admin is a finding, not the end of the run
            ctx.not_found.append(f"{name}: could not list its pages ({type(error).__name__}: {error})")
    return pages


def _qs(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _url_patterns():
    """(route, namespace, name) of every named URL pattern, following includes."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + str(pattern.pattern), namespace, pattern.name

    yield from walk(get_resolver().url_patterns, "", "")


SKIPPED_PREFIXES = ("admin/", "konto/", "i18n/", "health/", "^")


def _section(route: str, namespace: str) -> str | None:
    if route.startswith(SKIPPED_PREFIXES):
        return None
    if route.startswith("personale/"):
        return "staff"
    if namespace in ("members", "craft") and "<token>" not in route and "<str:token>" not in route:
        return "members"
    return "public"


def _parameters(section: str, namespace: str, name: str, params: list[str], ctx: Context) -> list[dict]:
    """Values for a pattern's parameters (one dict per page); [] when the benchmark cannot fill them."""
    from craft.services import evaluation_token
    from registration.exports.lists import MEETING_EXPORTERS

    full = f"{namespace}:{name}"
    values: dict = {}
    for param in params:
        if param == "code":
            meeting = {
                "staff": ctx.staff_meeting,
                "public": ctx.public_meeting,
            }.get(section) or (ctx.evaluated_meeting if "evaluation" in name else ctx.past_group_meeting)
            if meeting is None:
                return []
            values["code"] = meeting.code
        elif param == "slug":
            if namespace == "content" and name.startswith("post_tag"):
                obj = ctx.blog_tag
            elif namespace == "content" and name.startswith(("post", "comment")):
                obj = ctx.blog_post
            elif namespace == "content" and name.startswith("offer"):
                obj = ctx.offer
            else:
                obj = ctx.network
            if obj is None:
                return []
            values["slug"] = obj.slug
        elif param == "token":
            if full == "craft:evaluation":
                if ctx.evaluation_registration is None:
                    return []
                values["token"] = evaluation_token(registration=ctx.evaluation_registration)
            elif ctx.registration is not None:
                values["token"] = ctx.registration.token
            else:
                return []
        elif param == "pk":
            obj = {
                "members:post_detail": ctx.board_post,
                "members:post_pin": ctx.board_post,
                "members:post_remove": ctx.board_post,
                "craft:idea_detail": ctx.idea,
                "craft:proposal_plan": ctx.proposal,
                "craft:proposal_decline": ctx.proposal,
            }.get(full)
            if obj is None:
                return []
            values["pk"] = obj.pk
        elif param in ("kind", "fmt"):
            continue
        else:
            return []
    if "kind" in params and "fmt" in params:
        # Every list of the meeting in every format it offers.
        return [
            {**values, "kind": kind, "fmt": fmt}
            for kind, exporter in MEETING_EXPORTERS.items()
            for fmt in exporter.formats
        ]
    if "fmt" in params:
        return [{**values, "fmt": fmt} for fmt in ("csv", "xlsx", "pdf")]
    return [values]


# The site search is opened with queries that take each of its paths: a common word, part of compounds
# (trigrams), a typo, several words, a word that matches nothing, and the second page of many results.
SEARCH_QUERIES = [
    ("q=beboerdemokrati", "a word"),
    ("q=demokrati", "part of compounds"),
    ("q=beboerdemokarti", "a typo"),
    ("q=trivsel+i+afdelingsbestyrelsen", "three words"),
    ("q=flodhest", "no match"),
    ("q=m%C3%B8de&side=2", "many matches, page 2"),
]


# Query strings a page is also opened with: the network export for this year (the form's default) and for
# all years; the search with its queries.
def _variants(full_name: str) -> list[tuple[str, str]]:
    if full_name == "search:search":
        return [("", "")] + [(f"?{query}", label) for query, label in SEARCH_QUERIES]
    if full_name != "registration:staff_network_export":
        return [("", "")]
    from django.utils import timezone

    today = timezone.localdate()
    return [
        (f"?fra={today.year}-01-01&til={today.year}-12-31", "this year"),
        (f"?fra={today.year - 10}-01-01&til={today.year + 1}-12-31", "all years"),
    ]


def url_pages(ctx: Context) -> list[Page]:
    from django.urls import reverse

    pages = []
    for route, namespace, name in _url_patterns():
        section = _section(route, namespace)
        if section is None:
            continue
        params = [part.split(":")[-1] for part in re.findall(r"<([^>]+)>", route)]
        full = f"{namespace}:{name}" if namespace else name
        choices = _parameters(section, namespace, name, params, ctx)
        if not choices:
            ctx.not_found.append(f"/{route}: no value for {', '.join(params)}")
            continue
        who = {"staff": "secretariat", "public": "anonymous"}.get(section) or (
            "member" if route.startswith("mine-sider/") else "coordinator"
        )
        for kwargs in choices:
            url = reverse(full, kwargs=kwargs)
            label = "/" + route
            for param in params:
                label = re.sub(rf"<(\w+:)?{param}>", kwargs[param] if param in ("kind", "fmt") else f"<{param}>", label)
            for query, variant in _variants(full):
                optional = "fmt" in params and "kind" not in params
                pages.append(Page(section, label + (f" ({variant})" if variant else ""), url + query, who, optional))
    return pages


def collect_pages(ctx: Context) -> list[Page]:
    return admin_pages(ctx) + url_pages(ctx)


# --- Measuring ---------------------------------------------------------------------------------


def _fetch(client, url: str) -> tuple[int, int]:
    response = client.get(url)
    # The test client closes the response itself (a streaming one once it is read through).
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return response.status_code, size


def _clients(ctx: Context) -> dict:
    from django.test import Client

    clients = {}
    for who, user in ctx.users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[who] = client
    return clients


def measure_page(client, page: Page, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = asdict(page)
    started = time.perf_counter()
    try:
        status, size = _fetch(client, page.url)
    except Exception as error:
        result.update(status=f"error: {type(error).__name__}: {error}")
        return result
    warm = time.perf_counter() - started
    result.update(status=status, bytes=size)
    if status >= 400 or runs == 0:
        return result
    n = runs if warm < 1 else (3 if warm < 5 else 1)
    times = []
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        _fetch(client, page.url)
        times.append(time.perf_counter() - started)
    # Read now: the log is emptied by the next request.
    queries = list(captured.captured_queries)
    for _ in range(n - 1):
        started = time.perf_counter()
        _fetch(client, page.url)
        times.append(time.perf_counter() - started)
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:3]
    result.update(
        ms=statistics.median(times) * 1000,
        runs=len(times),
        queries=len(queries),
        sql_ms=sum(float(q["time"]) for q in queries) * 1000,
        slow_sql=[(float(q["time"]) * 1000, q["sql"]) for q in slowest],
    )
    return result


def measure_companions(ctx: Context, clients: dict) -> dict:
    """The meeting page's CPU time per uncached render, and the participant XLSX of the largest meeting."""
    from django.urls import reverse

    out = {}
    for key, url in (("meeting_page", ctx.public_meeting.get_absolute_url()), ("trivial_view", reverse("robots"))):
        client = clients["anonymous"]
        for _ in range(3):
            _fetch(client, url)
        n = 40
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(n):
            _fetch(client, url)
        out[key] = {
            "cpu_ms": (time.process_time() - cpu) / n * 1000,
            "wall_ms": (time.perf_counter() - wall) / n * 1000,
        }
    url = reverse(
        "registration:staff_meeting_export", kwargs={"code": ctx.huge_meeting.code, "kind": "deltagere", "fmt": "xlsx"}
    )
    walls, cpus = [], []
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        status, size = _fetch(clients["secretariat"], url)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if walls[-1] > 20:
            break
    out["xlsx"] = {
        "registrations": ctx.huge_registrations,
        "status": status,
        "bytes": size,
        "s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
        "runs": len(walls),
    }
    return out


def explain(results: list[dict], n: int) -> list[dict]:
    """EXPLAIN ANALYZE of the slowest SELECT of the n pages that spend the most time in SQL."""
    from django.db import connection

    timed = sorted((r for r in results if "ms" in r), key=lambda r: r["sql_ms"], reverse=True)[:n]
    plans = []
    for result in timed:
        for ms, sql in result["slow_sql"]:
            statement = sql
            if statement.startswith("DECLARE"):
                statement = statement.split(" FOR ", 1)[1]
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(
                {
                    "page": result["label"],
                    "page_ms": result["ms"],
                    "page_sql_ms": result["sql_ms"],
                    "query_ms": ms,
                    "sql": sql,
                    "plan": plan,
                }
            )
            break
    return plans


def table_counts() -> dict[str, int]:
    from meetings.models import Meeting
    from members.models import Membership, User
    from netvaerk.models import Network
    from outbox.models import OutgoingEmail
    from registration.models import Registration

    return {
        "networks": Network.objects.count(),
        "meetings": Meeting.objects.count(),
        "registrations": Registration.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "emails": OutgoingEmail.objects.count(),
    }


def run_measure(*, name: str, out: str, runs: int, only: list[str], explain_n: int, companions: bool) -> None:
    """In a process set up for one database: find the pages, time them, write the results as JSON."""
    import logging

    # "Not Found" and "Method Not Allowed" of the pages that are then left out would fill the screen.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    ctx = select_context()
    pages = collect_pages(ctx)
    if only:
        pages = [p for p in pages if any(text.lower() in p.label.lower() for text in only)]
    clients = _clients(ctx)
    log(f"{name}: {len(pages)} pages")
    load_before = os.getloadavg()[0]
    results = []
    for k, page in enumerate(pages, 1):
        result = measure_page(clients[page.who], page, runs)
        if page.optional and result["status"] == 404:
            continue
        results.append(result)
        figure = f"{result['ms']:8.1f} ms {result['queries']:4d} q" if "ms" in result else f"{result['status']!s:>17}"
        log(f"  [{name} {k}/{len(pages)}] {figure}  {page.section:7} {page.label}")
    data = {
        "name": name,
        "load": [load_before, os.getloadavg()[0]],
        "counts": table_counts(),
        "pages": results,
        "not_found": ctx.not_found,
        "companions": measure_companions(ctx, clients) if companions else {},
        "explain": explain(results, explain_n) if explain_n else [],
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))


# --- Databases and the report ------------------------------------------------------------------


def _psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", f"{PG_BASE}/{database}", "-v", "ON_ERROR_STOP=1", "-tAq", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def big_database_name(scale: float) -> str:
    return BIG_DB if scale == 1 else f"{BIG_DB}_{str(scale).replace('.', '_')}"


def _marker(scale: float, seed: int) -> str:
    return f"netvaerk data_scale v{BUILD_VERSION} scale={scale:g} seed={seed}"


def _env(url: str, **extra: str) -> dict[str, str]:
    # Uncached (the page cache off), no Redis (tasks eager, local-memory cache), DEBUG off.
    return {"DATABASE_URL": url, "REDIS_URL": "", "PAGE_CACHE_SECONDS": "0", "MFA_REQUIRED_FOR_STAFF": "0", **extra}


def _script(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, str(Path(__file__).resolve()), *args], cwd=ROOT, env=bench_env(env), check=True)


def ensure_big_database(*, scale: float, seed: int, rebuild: bool) -> tuple[str, float | None]:
    """The ten-year database's URL, and the build time in seconds when it was (re)built now."""
    name = big_database_name(scale)
    url = f"{PG_BASE}/{name}"
    marker = _marker(scale, seed)
    found = _psql(f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'")
    if found.split(" built=")[0] == marker and not rebuild:
        log(f"reusing {name} ({found}); applying new migrations")
        manage("migrate", "--noinput", "-v0", env=_env(url))
        return url, None
    log(f"building {name} at scale {scale:g} (seed {seed})")
    started = time.perf_counter()
    _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _psql(f"CREATE DATABASE {name}")
    manage("migrate", "--noinput", "-v0", env=_env(url))
    _script("--build-into", url, "--scale", str(scale), "--seed", str(seed), env=_env(url))
    log("  VACUUM ANALYZE")
    _psql("VACUUM ANALYZE", name)
    seconds = time.perf_counter() - started
    _psql(f"COMMENT ON DATABASE {name} IS '{marker} built={dt.datetime.now():%Y-%m-%dT%H:%M} in {seconds:.0f}s'")
    size = _psql(f"SELECT pg_size_pretty(pg_database_size('{name}'))")
    log(f"built {name} in {seconds:.0f} s ({size})")
    return url, seconds


def ensure_demo_database() -> str:
    url = f"{PG_BASE}/{DEMO_DB}"
    _psql(f"DROP DATABASE IF EXISTS {DEMO_DB} WITH (FORCE)")
    _psql(f"CREATE DATABASE {DEMO_DB}")
    manage("migrate", "--noinput", "-v0", env=_env(url))
    manage("load_demo", env=_env(url))
    return url


def _measure(url: str, name: str, args, *, companions: bool) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    command = ["--measure-from", url, "--name", name, "--out", out, "--runs", str(args.runs)]
    command += ["--explain", str(args.explain if companions else 0)]
    command += [f"--only={text}" for text in args.only]
    if companions:
        command.append("--companions")
    _script(*command, env=_env(url, LOG_LEVEL="ERROR"))
    data = json.loads(Path(out).read_text())
    os.unlink(out)
    return data


def _fmt_ms(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _broken(side: dict | None) -> bool:
    return side is not None and (str(side["status"]).startswith("error") or str(side["status"]).startswith("5"))


def compare(demo: dict, big: dict) -> tuple[list[dict], list[str]]:
    """Table rows (pages timed on the ten-year database, and errors), and the pages not timed with why."""
    demo_pages = {(p["section"], p["label"]): p for p in demo["pages"]}
    big_pages = {(p["section"], p["label"]): p for p in big["pages"]}
    rows, skipped = [], []
    for key in list(big_pages) + [key for key in demo_pages if key not in big_pages]:
        d, b = demo_pages.get(key), big_pages.get(key)
        section, label = key
        row = {"section": section, "label": label, "target": TARGET_MS[section], "demo": d, "big": b}
        errors = [f"ERROR {side['status']}"[:80] for side in (d, b) if _broken(side)]
        if b is None or "ms" not in b:
            if errors:
                rows.append({**row, "result": " + ".join(errors), "failed": True})
            else:
                why = f"ten years: {b['status'] if b else 'no such page'}, demo: {d['status'] if d else 'no such page'}"
                skipped.append(f"{section}: {label} ({why})")
            continue
        problems = errors
        if b["ms"] >= row["target"]:
            problems.append("SLOW")
        if d is not None and "queries" in d and d["queries"] != b["queries"]:
            problems.append("QUERIES")
        result = " + ".join(problems) if problems else "ok"
        if b["status"] != 200:
            result += f" ({b['status']})"
        if d is None or "ms" not in d:
            result += " (no demo figure)"
        rows.append({**row, "result": result, "failed": bool(problems)})
    order = {"admin": 0, "staff": 1, "members": 2, "public": 3}
    rows.sort(key=lambda row: order[row["section"]])
    return rows, skipped


def render_table(rows: list[dict]) -> str:
    lines = [
        "| page | demo ms | demo queries | ten-year ms | ten-year queries | growth | target | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        d, b = row["demo"] or {}, row["big"] or {}
        growth = f"{b['ms'] / d['ms']:.1f}x" if "ms" in d and "ms" in b and d["ms"] > 0 else "-"
        lines.append(
            f"| {row['section']}: {row['label']} | {_fmt_ms(d.get('ms'))} | {d.get('queries', '-')} "
            f"| {_fmt_ms(b.get('ms'))} | {b.get('queries', '-')} | {growth} | < {row['target']:g} ms | {row['result']} |"
        )
    return "\n".join(lines)


def render_companions(big: dict) -> tuple[str, bool]:
    c = big["companions"]
    page, trivial, xlsx = c["meeting_page"], c["trivial_view"], c["xlsx"]
    page_ok = page["cpu_ms"] < TARGET_MEETING_PAGE_CPU_MS
    xlsx_ok = xlsx["status"] == 200 and xlsx["s"] < TARGET_XLSX_S
    text = "\n".join(
        [
            "| measure | ten years | target | result |",
            "|---|---:|---:|---|",
            f"| uncached meeting page, CPU per render (wall {page['wall_ms']:.1f} ms) | {page['cpu_ms']:.1f} ms "
            f"| < {TARGET_MEETING_PAGE_CPU_MS:g} ms | {'ok' if page_ok else 'SLOW'} |",
            f"| trivial view (/robots.txt), CPU per request, for scale | {trivial['cpu_ms']:.1f} ms | - | - |",
            f"| participant XLSX of the largest meeting, {xlsx['registrations']:,} registrations "
            f"({xlsx['bytes'] / 1e6:.1f} MB, CPU {xlsx['cpu_s']:.1f} s, median of {xlsx['runs']}) | {xlsx['s']:.1f} s "
            f"| < {TARGET_XLSX_S:g} s | {'ok' if xlsx_ok else 'SLOW'} |",
        ]
    )
    return text, page_ok and xlsx_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the ten-year data (default 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rebuild", action="store_true", help="build the ten-year database again")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (3 over 1 s, 1 over 5 s)")
    parser.add_argument("--only", action="append", default=[], help="only pages whose label contains this text")
    parser.add_argument("--explain", type=int, default=0, help="EXPLAIN ANALYZE the slowest query of the N slowest")
    parser.add_argument("--report-only", action="store_true", help="exit 0 even when a target is missed")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--markdown", help="also write the tables to this file")
    # Internal: the build and the measuring run in their own process, set up for one database.
    parser.add_argument("--build-into", help=argparse.SUPPRESS)
    parser.add_argument("--measure-from", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--companions", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.build_into or args.measure_from:
        import django

        django.setup()
        if args.build_into:
            build(scale=args.scale, seed=args.seed)
        else:
            run_measure(
                name=args.name,
                out=args.out,
                runs=args.runs,
                only=args.only,
                explain_n=args.explain,
                companions=args.companions,
            )
        return 0

    big_url, built_s = ensure_big_database(scale=args.scale, seed=args.seed, rebuild=args.rebuild)
    demo_url = ensure_demo_database()
    manage("collectstatic", "--noinput", "-v0", env=_env(demo_url))
    demo = _measure(demo_url, "demo", args, companions=False)
    big = _measure(big_url, "ten-year", args, companions=True)

    rows, skipped = compare(demo, big)
    table = render_table(rows)
    companions, companions_ok = render_companions(big)
    counts = " · ".join(f"{key} {value:,}" for key, value in big["counts"].items())
    demo_counts = " · ".join(f"{key} {value:,}" for key, value in demo["counts"].items())
    failed = [row for row in rows if row["failed"]]
    timed = [row for row in rows if row["big"] and "ms" in row["big"]]
    summary = [
        f"ten-year database: {counts}" + (f" (built in {built_s:.0f} s)" if built_s else ""),
        f"demo database: {demo_counts}",
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, load average (1 min) at the start and end of the "
        f"demo run {demo['load'][0]:.1f}/{demo['load'][1]:.1f}, of the ten-year run {big['load'][0]:.1f}/{big['load'][1]:.1f}",
        f"{len(timed)} pages timed, {len(failed)} missed a target "
        f"({sum('SLOW' in r['result'] for r in rows)} slow, {sum('QUERIES' in r['result'] for r in rows)} with "
        f"other query counts than the demo, {sum('ERROR' in r['result'] for r in rows)} errors)",
    ]
    not_found = sorted(set(big["not_found"]) | set(demo["not_found"])) + skipped
    print()
    print(table)
    print()
    print(companions)
    print()
    print("\n".join(summary))
    if not_found:
        print("\nnot timed:\n" + "\n".join(f"  {line}" for line in not_found))
    for plan in big["explain"]:
        print(
            f"\n--- {plan['page']}: page {plan['page_ms']:.0f} ms, SQL {plan['page_sql_ms']:.0f} ms, "
            f"slowest query {plan['query_ms']:.0f} ms"
        )
        print(plan["sql"][:2000])
        print(plan["plan"])
    ok = not failed and companions_ok
    print(f"\ntargets {'MET' if ok else 'NOT MET'}")
    if args.markdown:
        Path(args.markdown).write_text(
            f"{table}\n\n{companions}\n\n" + "\n".join(f"- {line}" for line in summary) + "\n"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"demo": demo, "ten_year": big, "built_s": built_s}, ensure_ascii=False, indent=1, default=str)
        )
    return 0 if ok or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
