"""Real-shaped programmes and the warnings each must get; every other warning it must not get.

The two seeds' programmes as published, and programmes written from the
seeds' practice: network meetings by day and after work, the resource
networks' 2½-hour meetings, a theme day with a long lunch, webinars, a
conference with parallel workshops, a workshop evening, and consultants who
left every kind at "Other". Read by test_programme_cases.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingFormat, MeetingKind

ALL_CODES = frozenset(
    {"no_purpose", "too_long", "too_many_items", "no_break", "talk_heavy", "no_role", "outside", "overlap"}
)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    start: str  # "HH.MM" on the meeting's day
    end: str
    # (start, end or None, kind, title) as the consultant typed them
    items: tuple[tuple[str, str | None, str, str], ...]
    must: tuple[str, ...] = ()  # the warnings it must get (a code twice when it must come twice)
    workshops: tuple[str, ...] = ()
    purpose: str = "At dele erfaringer og tage nye greb med hjem."
    participant_roles: str = ""
    format: str = MeetingFormat.IN_PERSON
    note: str = field(default="", compare=False)

    @property
    def must_not(self) -> frozenset[str]:
        return ALL_CODES - set(self.must)


CASES = [
    Case(
        "seed_sociale_vicevaerter_21_april_2022",
        MeetingKind.NETWORK_MEETING,
        "09.30",
        "15.00",
        (
            ("09.30", "10.00", K.ARRIVAL, "Drop-in med morgenbrød, kaffe og the"),
            ("10.00", "10.30", K.WELCOME, "Velkommen"),
            ("10.30", "11.15", K.CASE, "Case: ”Aktive fællesskaber som løftestang for området”"),
            ("11.15", "12.15", K.GROUP_WORK, "Gruppedrøftelser – hvor langt skal man gå for den enkelte beboer?"),
            ("12.15", "13.15", K.MEAL, "Frokost"),
            ("13.15", "13.45", K.ONLINE_TALK, "Medborgerskab, sammenhængskraft og social integration"),
            ("13.45", "14.15", K.GROUP_WORK, "Gruppedrøftelser med udgangspunkt i CFBU’s oplæg"),
            ("14.15", "14.45", K.TALK, "Deltagelse, frivillighed og borgere – Har vi passende forventninger?"),
            ("14.40", "14.50", K.PLENARY, "Næste møde"),
            ("14.50", "15.00", K.WRAP_UP, "Afrunding og evt."),
            ("15.00", None, K.OTHER, "Tak for i dag"),
        ),
        must=("too_long", "too_many_items", "overlap"),
        note="5½ hours for a network meeting, 8 points, and 14.40 inside 14.15-14.45: all true of the page.",
    ),
    Case(
        "seed_sociale_vicevaerter_kinds_left_at_other",
        MeetingKind.NETWORK_MEETING,
        "09.30",
        "15.00",
        (
            ("09.30", "10.00", K.OTHER, "Drop-in med morgenbrød, kaffe og the"),
            ("10.00", "10.30", K.OTHER, "Velkommen"),
            ("10.30", "11.15", K.OTHER, "Case: ”Aktive fællesskaber som løftestang for området”"),
            ("11.15", "12.15", K.OTHER, "Gruppedrøftelser – hvor langt skal man gå for den enkelte beboer?"),
            ("12.15", "13.15", K.OTHER, "Frokost"),
            ("13.15", "13.45", K.OTHER, "Medborgerskab, sammenhængskraft og social integration v. CFBU"),
            ("13.45", "14.15", K.OTHER, "Gruppedrøftelser med udgangspunkt i CFBU’s oplæg"),
            ("14.15", "14.45", K.OTHER, "Deltagelse, frivillighed og borgere – Har vi passende forventninger?"),
            ("14.40", "14.50", K.OTHER, "Næste møde"),
            ("14.50", "15.00", K.OTHER, "Afrunding og evt."),
            ("15.00", None, K.OTHER, "Tak for i dag"),
        ),
        must=("too_long", "too_many_items", "overlap"),
        note="The same facts whatever the kinds: no 'no break' for Frokost, no 'no role' with group discussions.",
    ),
    Case(
        "seed_albertslund_workshop_evening_2020",
        MeetingKind.WORKSHOP_EVENING,
        "16.30",
        "19.30",
        (
            ("16.30", "16.45", K.ARRIVAL, "Ankomst & velkomst"),
            ("16.45", "17.30", K.PLENARY, "Paneldebat om boligsocialt arbejde og merværdien ved at samarbejde i byen"),
            ("17.30", "18.00", K.MEAL, "Spisning"),
            ("18.00", "19.20", K.OTHER, "Workshops"),
            ("19.20", "19.30", K.OTHER, "Opsamling & tak for i dag"),
        ),
        workshops=(
            "Naboskab, netværk & tryghed",
            "Sundhed & trivsel",
            "Uddannelse & livschancer",
            "Beskæftigelse & opkvalificering",
        ),
        note="Three hours after work is a workshop evening's own limit, with dinner and four workshops.",
    ),
    Case(
        "resource_network_after_work_two_and_a_half_hours",
        MeetingKind.NETWORK_MEETING,
        "15.00",
        "17.30",
        (
            ("15.00", "15.10", K.WELCOME, "Velkommen"),
            ("15.10", "15.35", K.TALK, "Oplæg: Produktforslag til den socialøkonomiske virksomhed"),
            ("15.35", "15.50", K.BREAK, "Pause med kaffe og kage"),
            ("15.50", "16.50", K.WORKSHOP, "Workshop: Fra idé til produkt"),
            ("16.50", "17.30", K.WRAP_UP, "Opsamling og næste skridt"),
        ),
    ),
    Case(
        "resource_network_after_work_three_hours",
        MeetingKind.NETWORK_MEETING,
        "15.00",
        "18.00",
        (
            ("15.00", "15.10", K.WELCOME, "Velkommen"),
            ("15.10", "15.35", K.TALK, "Oplæg: Hvordan designer vi en familieindsats?"),
            ("15.35", "15.50", K.MEAL, "Sandwich og netværk"),
            ("15.50", "17.20", K.WORKSHOP, "Workshop i tre grupper"),
            ("17.20", "18.00", K.WRAP_UP, "Opsamling"),
        ),
        must=("too_long",),
        note="The resource networks hold their meetings to 2½ hours.",
    ),
    Case(
        "theme_day_with_a_long_lunch",
        MeetingKind.THEME_DAY,
        "09.00",
        "15.30",
        (
            ("09.00", "09.30", K.ARRIVAL, "Ankomst, morgenbrød og kaffe"),
            ("09.30", "09.45", K.WELCOME, "Velkommen og dagens program"),
            ("09.45", "10.30", K.TALK, "Oplæg: Dialog i udsatte boligområder"),
            ("10.30", "10.45", K.BREAK, "Pause"),
            ("10.45", "11.45", K.GROUP_WORK, "Gruppedrøftelser: Hvor opstår konflikterne?"),
            ("11.45", "13.00", K.MEAL, "Frokost og gåtur i området"),
            ("13.00", "13.45", K.TALK, "Oplæg v. konfliktmægler Anne Holm"),
            ("13.45", "14.45", K.GROUP_WORK, "Øvelser i dialog i små grupper"),
            ("14.45", "15.00", K.BREAK, "Kaffe"),
            ("15.00", "15.30", K.WRAP_UP, "Opsamling: Hvad tager vi med hjem?"),
        ),
    ),
    Case(
        "full_theme_day",
        MeetingKind.THEME_DAY,
        "09.00",
        "16.00",
        (
            ("09.00", "09.30", K.ARRIVAL, "Ankomst og morgenbrød"),
            ("09.30", "09.45", K.WELCOME, "Velkommen"),
            ("09.45", "10.45", K.TALK, "Oplæg: Den svære samtale"),
            ("10.45", "11.00", K.BREAK, "Pause"),
            ("11.00", "12.00", K.GROUP_WORK, "Øvelser i par"),
            ("12.00", "12.45", K.MEAL, "Frokost"),
            ("12.45", "14.15", K.WORKSHOP, "Workshop: Samtaler med unge"),
            ("14.15", "14.30", K.BREAK, "Kaffepause"),
            ("14.30", "15.30", K.GROUP_WORK, "Cases fra deltagernes hverdag"),
            ("15.30", "16.00", K.WRAP_UP, "Opsamling og evaluering"),
        ),
        must=("too_long",),
        note="Seven hours: the consultant knows, a full theme day (considered in test_programme_cases).",
    ),
    Case(
        "webinar_with_breakout_rooms",
        MeetingKind.WEBINAR,
        "09.00",
        "10.30",
        (
            ("09.00", "09.10", K.WELCOME, "Velkommen og tjek ind"),
            ("09.10", "09.35", K.ONLINE_TALK, "Oplæg via Teams: Ny viden om ensomhed"),
            ("09.35", "10.10", K.GROUP_WORK, "Drøftelse i breakout-rum"),
            ("10.10", "10.30", K.WRAP_UP, "Opsamling i plenum"),
        ),
        format=MeetingFormat.ONLINE,
        note="1½ hours online needs no break.",
    ),
    Case(
        "webinar_lecture",
        MeetingKind.WEBINAR,
        "13.00",
        "14.00",
        (
            ("13.00", "13.40", K.ONLINE_TALK, "Oplæg: Lovændringer på det boligsociale område"),
            ("13.40", "14.00", K.PLENARY, "Spørgsmål og svar"),
        ),
        must=("talk_heavy", "no_role"),
        format=MeetingFormat.ONLINE,
        note="A lecture: 40 minutes of talk, nothing for the participants to do.",
    ),
    Case(
        "conference_with_parallel_workshops",
        MeetingKind.CONFERENCE,
        "09.00",
        "16.00",
        (
            ("09.00", "09.30", K.ARRIVAL, "Registrering og morgenbrød"),
            ("09.30", "09.45", K.WELCOME, "Velkommen"),
            ("09.45", "10.30", K.TALK, "Keynote: Boligområder i forandring"),
            ("10.30", "10.45", K.BREAK, "Pause"),
            ("10.45", "12.00", K.WORKSHOP, "Workshop 1: Naboskab"),
            ("10.45", "12.00", K.WORKSHOP, "Workshop 2: Sundhed og trivsel"),
            ("10.45", "12.00", K.WORKSHOP, "Workshop 3: Uddannelse"),
            ("10.45", "12.00", K.WORKSHOP, "Workshop 4: Beskæftigelse"),
            ("12.00", "13.00", K.MEAL, "Frokost"),
            ("13.00", "13.45", K.PLENARY, "Paneldebat"),
            ("13.45", "14.45", K.GROUP_WORK, "Gruppedrøftelser på tværs af boligområder"),
            ("14.45", "15.00", K.BREAK, "Kaffepause"),
            ("15.00", "15.40", K.TALK, "Oplæg: Fremtidens boligsociale arbejde"),
            ("15.40", "16.00", K.WRAP_UP, "Afrunding"),
        ),
        note="Workshops side by side are one point of the day and do not overlap each other.",
    ),
    Case(
        "network_meeting_with_every_kind_left_at_other",
        MeetingKind.NETWORK_MEETING,
        "10.00",
        "14.00",
        (
            ("10.00", "10.15", K.OTHER, "Velkommen"),
            ("10.15", "10.45", K.OTHER, "Oplæg om frivillighed"),
            ("10.45", "11.45", K.OTHER, "Gruppedrøftelser"),
            ("11.45", "12.30", K.OTHER, "Frokost"),
            ("12.30", "13.30", K.OTHER, "Erfaringsudveksling i grupper"),
            ("13.30", "14.00", K.OTHER, "Opsamling og næste møde"),
        ),
        note="The issue's case: 'Frokost' left at Other is a meal.",
    ),
    Case(
        "network_meeting_whose_workshops_give_the_role",
        MeetingKind.NETWORK_MEETING,
        "13.00",
        "16.00",
        (
            ("13.00", "13.15", K.WELCOME, "Velkommen"),
            ("13.15", "13.45", K.TALK, "Oplæg: Unge og fritidsjob"),
            ("13.45", "14.00", K.BREAK, "Pause"),
            ("14.00", "15.30", K.OTHER, "To spor: vælg ved tilmeldingen"),
            ("15.30", "16.00", K.WRAP_UP, "Afrunding"),
        ),
        workshops=("Fritidsjob i boligområdet", "Foreninger og frivillige"),
        note="The issue's case: a meeting with two workshops gives its participants a role.",
    ),
    Case(
        "after_work_network_meeting_with_food_first",
        MeetingKind.NETWORK_MEETING,
        "16.00",
        "18.30",
        (
            ("16.00", "16.30", K.OTHER, "Spisning og netværk"),
            ("16.30", "17.00", K.OTHER, "Oplæg v. Trine fra VibySyd"),
            ("17.00", "18.00", K.OTHER, "Gruppedrøftelser"),
            ("18.00", "18.30", K.OTHER, "Opsamling"),
        ),
    ),
    Case(
        "online_network_meeting_without_purpose_or_break",
        MeetingKind.NETWORK_MEETING,
        "09.30",
        "11.30",
        (
            ("09.30", "09.45", K.WELCOME, "Velkommen og tjek ind"),
            ("09.45", "10.15", K.CASE, "Case fra Gellerup"),
            ("10.15", "11.00", K.GROUP_WORK, "Gruppedrøftelser"),
            ("11.00", "11.30", K.WRAP_UP, "Opsamling"),
        ),
        must=("no_purpose", "no_break"),
        purpose="",
        format=MeetingFormat.ONLINE,
        note="Two hours on a screen without a break, and no why.",
    ),
    Case(
        "plenary_meeting_with_described_roles",
        MeetingKind.NETWORK_MEETING,
        "13.00",
        "15.00",
        (
            ("13.00", "13.10", K.WELCOME, "Velkommen"),
            ("13.10", "14.00", K.PLENARY, "Runde: Hvad rører sig i jeres område?"),
            ("14.00", "14.15", K.BREAK, "Pause"),
            ("14.15", "14.45", K.PLENARY, "Fælles prioritering af næste års temaer"),
            ("14.45", "15.00", K.WRAP_UP, "Afrunding"),
        ),
        participant_roles="Hver boligorganisation fremlægger et tema; to deltagere er ordstyrere.",
    ),
    Case(
        "network_meeting_with_too_many_points",
        MeetingKind.NETWORK_MEETING,
        "09.00",
        "13.00",
        (
            ("09.00", "09.10", K.WELCOME, "Velkommen"),
            ("09.10", "09.30", K.TALK, "Oplæg: Nyt fra Landsbyggefonden"),
            ("09.30", "10.00", K.CASE, "Case: Lektiecafé i Tingbjerg"),
            ("10.00", "10.30", K.GROUP_WORK, "Gruppedrøftelser"),
            ("10.30", "10.45", K.BREAK, "Pause"),
            ("10.45", "11.05", K.TALK, "Oplæg: Frivillige i boligområdet"),
            ("11.05", "11.45", K.GROUP_WORK, "Gruppedrøftelser"),
            ("11.45", "12.15", K.PLENARY, "Erfaringer i plenum"),
            ("12.15", "12.30", K.OTHER, "Nyt fra sekretariatet"),
            ("12.30", "13.00", K.MEAL, "Frokost"),
        ),
        must=("too_many_items",),
    ),
    Case(
        "network_meeting_with_a_tour_after_the_end",
        MeetingKind.NETWORK_MEETING,
        "13.00",
        "15.30",
        (
            ("13.00", "13.15", K.WELCOME, "Velkommen"),
            ("13.15", "14.15", K.GROUP_WORK, "Gruppedrøftelser"),
            ("14.15", "14.30", K.BREAK, "Pause"),
            ("14.30", "15.15", K.CASE, "Case fra værten"),
            ("15.15", "15.30", K.WRAP_UP, "Opsamling"),
            ("15.30", "16.00", K.OTHER, "Rundvisning v. værten"),
        ),
        must=("outside",),
    ),
]
