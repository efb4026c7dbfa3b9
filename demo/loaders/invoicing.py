"""Priced meetings with invoice details: the theme day's terms and payers, and a held course with EAN payers.

Runs after the registrations. The course was held three weeks ago, so its
invoice basis (Personale > Fakturagrundlag) shows who came and who did not;
the theme day is upcoming, so its page asks who pays. Municipalities pay by
EAN number, housing organisations by CVR number, one participant privately.
"""

from __future__ import annotations

import datetime as dt
import random

from stdnum import ean

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingKind, MeetingStatus
from meetings.models import Meeting
from registration.enums import RegistrationStatus
from registration.invoicing import invoice_details_store
from registration.models import Registration

from ..helpers import P, at, meeting, weekday_after
from ..participants import DOMAIN, people, registration_row
from ..site import Site

TERMS = (
    "Afmelding er gratis indtil 14 dage før kurset. Ved senere afmelding eller udeblivelse opkræves fuld pris. "
    "Du kan altid sende en kollega i dit sted."
)
COURSE_TITLE = "Kursus: Konflikthåndtering i boligområdet"
# The course's participants: (organisation, how they pay). EAN for municipalities, CVR for housing organisations.
COURSE_PAYERS = [
    ("Aarhus Kommune, Borgerservice og Biblioteker", "ean"),
    ("Albertslund Kommune", "ean"),
    ("Esbjerg Kommune, Social og Arbejdsmarked", "ean"),
    ("Aarhus Kommune, Borgerservice og Biblioteker", "ean"),
    ("Albertslund Kommune", "ean"),
    ("KAB", "cvr"),
    ("FSB", "cvr"),
    ("Boligforeningen Rosenhøj", "cvr"),
    ("Fællesrådet i Mjølnerparken", "private"),
    ("Esbjerg Kommune, Social og Arbejdsmarked", "ean"),
    ("Lejerbo Brøndby", "cvr"),
    ("Albertslund Kommune", "ean"),
]
# Valid CVR numbers (modulus 11) for the demo's housing organisations.
CVR_NUMBERS = ["13585628", "25313763", "10150817"]


def ean_for(organisation: str) -> str:
    """A stable, valid EAN location number per organisation (GS1 check digit), in the 5798 range."""
    body = f"5798000{sum(map(ord, organisation)) % 100000:05d}"
    return body + ean.calc_check_digit(body)


def payer_details(rng: random.Random, *, name: str, organisation: str, how: str) -> dict:
    """Who pays for a participant (the invoice details' fields): by EAN, by CVR, or privately.

    The ten-year benchmark's build (bench/scale/build_invoices.py) makes its payers with it too.
    """
    if how == "ean":
        return {
            "payer": "organisation",
            "ean": ean_for(organisation),
            "reference": f"REK-{rng.randint(10000, 99999)}",
            "contact_person": "Bogholderiet" if rng.random() < 0.5 else name,
        }
    if how == "cvr":
        return {
            "payer": "organisation",
            "cvr": rng.choice(CVR_NUMBERS),
            "reference": f"PO {rng.randint(1000, 9999)}",
            "contact_person": name,
        }
    return {
        "payer": "private",
        "private_name": name,
        "street": "Mjølnerparken 12, st. tv.",
        "postal_code": "2200",
        "city": "København N",
    }


def _payer_of(rng: random.Random, registration: Registration, how: str) -> dict:
    return payer_details(rng, name=registration.name, organisation=registration.organisation, how=how)


def _course(site: Site) -> Meeting:
    day = weekday_after(site.today - dt.timedelta(days=28), 0, weekday=1)
    return meeting(
        None,
        [
            P((9, 0), (9, 30), K.ARRIVAL, "Morgenkaffe"),
            P((9, 30), (11, 30), K.TALK, "Konflikttrappen og de første tegn", speakers="Kim Tverskov"),
            P((11, 30), (12, 15), K.MEAL, "Frokost"),
            P((12, 15), (14, 30), K.GROUP_WORK, "Øvelser: den svære samtale i opgangen"),
            P((14, 30), (15, 0), K.WRAP_UP, "Opsamling"),
        ],
        network=None,
        kind=MeetingKind.THEME_DAY,
        title=COURSE_TITLE,
        teaser="Et kursus for viceværter og boligsociale medarbejdere om at forebygge og nedtrappe konflikter.",
        starts_at=at(day, 9, 0),
        ends_at=at(day, 15, 0),
        registration_deadline=at(day - dt.timedelta(days=14), 23, 59),
        venue=site.venues["abc"],
        organiser=site.organisers["bsn"],
        capacity=14,
        price=2400,
        cancellation_terms=TERMS,
        free_cancellation_days=14,
        status=MeetingStatus.PUBLISHED,
    )


def load(site: Site) -> None:
    theme_day = site.meetings["theme_day"]
    Meeting.objects.filter(pk=theme_day.pk).update(cancellation_terms=TERMS, free_cancellation_days=14)
    course = site.meetings["course"] = _course(site)
    rng = random.Random(COURSE_TITLE)
    payers = people(rng, len(COURSE_PAYERS) + 2)
    start = course.starts_at
    rows = []
    for index, ((name, email), (organisation, how)) in enumerate(zip(payers, COURSE_PAYERS)):
        when = start - dt.timedelta(days=40 - index)
        registration = registration_row(rng, course, name, email, RegistrationStatus.CONFIRMED, when)
        registration.organisation = organisation
        # Two no-shows; the rest were checked in at the door.
        if index not in (3, 7):
            registration.attended = True
            registration.checked_in_at = start - dt.timedelta(minutes=rng.randint(0, 25))
        rows.append((registration, how))
    # One cancelled in time (free) and one too late (the terms' fee applies).
    for (name, email), days_before in zip(payers[len(COURSE_PAYERS) :], (30, 5)):
        registration = registration_row(
            rng, course, name, email, RegistrationStatus.CANCELLED, start - dt.timedelta(days=45)
        )
        registration.organisation = "Albertslund Kommune"
        registration.cancelled_at = start - dt.timedelta(days=days_before)
        rows.append((registration, "ean"))
    Registration.objects.bulk_create([registration for registration, _how in rows])
    for registration, how in rows:
        invoice_details_store(registration=registration, data=_payer_of(rng, registration, how))
    # The theme day's demo participants (registrations.py) pay too: by EAN, CVR or privately.
    for registration in Registration.objects.filter(meeting=theme_day, email__endswith=f"@{DOMAIN}").order_by("id"):
        how = "ean" if "Kommune" in registration.organisation else "cvr" if rng.random() < 0.85 else "private"
        invoice_details_store(registration=registration, data=_payer_of(rng, registration, how))
