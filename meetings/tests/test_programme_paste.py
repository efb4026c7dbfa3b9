"""Reading a pasted programme: the seeds' programmes, real-world variants, and text of any kind."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.enums import AgendaItemKind as K
from meetings.programme_kinds import guess_kind, meal_label
from meetings.programme_paste import PastedItem, parse_programme, render_programme

DATA = Path(__file__).parent / "data"


def t(value: str) -> dt.time:
    hour, minute = value.split(".")
    return dt.time(int(hour), int(minute))


def item(start, end, title, kind, speakers="", bullets=(), description=""):
    return PastedItem(
        start_time=t(start),
        end_time=t(end) if end else None,
        title=title,
        kind=kind,
        speakers=speakers,
        bullets=tuple(bullets),
        description=description,
    )


# The programme of 21 April 2022 as the seed meeting page prints it.
SEED_21_374 = [
    item("09.30", "10.00", "Drop-in med morgenbrød, kaffe og the", K.ARRIVAL),
    item("10.00", "10.30", "Velkommen", K.WELCOME, bullets=["Dagens program og tjek ind"]),
    item(
        "10.30",
        "11.15",
        "Case: ”Aktive fællesskaber som løftestang for området”",
        K.CASE,
        bullets=[
            "Trine (Viby J) deler et eksempel på, hvordan de i VibySyd arbejder på at styrke samarbejdet med "
            "områdets aktive foreninger og fællesskaber med henblik på at integrere flere af lokalområdets udsatte "
            "beboere.",
            "Hvordan samarbejder I med lokalområdets frivillige aktører ift. at koble dem med udsatte beboere? "
            "Og hvis ikke - hvorfor?",
        ],
        description="Der er plads til spørgsmål mm. undervejs.",
    ),
    item(
        "11.15",
        "12.15",
        "Gruppedrøftelser – hvor langt skal man gå for den enkelte beboere/aktivitet?",
        K.GROUP_WORK,
        bullets=[
            "En håndholdt indsats kan kræve store mængder ressourcer, men kan samtidigt også være den indsats, der "
            "skal til for at skabe de bedste vilkår for varige forandringer – men hvilke krav kan man sætte til "
            "beboere? Hvornår bør man give slip? Hvordan sikrer man, at man ikke bruger al sin tid på enkelte "
            "beboere? Hvor lang tid skal man holde liv i aktiviteter, der har begrænset deltagelse?"
        ],
        description="Drøftelser i mindre grupper – en fra hver gruppe præsenterer pointer i plenum",
    ),
    item("12.15", "13.15", "Frokost", K.MEAL),
    item(
        "13.15",
        "13.45",
        "Medborgerskab, sammenhængskraft og social integration",
        K.ONLINE_TALK,
        speakers="CFBU",
        bullets=[
            "Sarah Lunar og Siff Monrad Langkilde giver os et inspirationsoplæg via Teams, hvor de med udgangspunkt "
            "i rapporten ”Medborgerskab, sammenhængskraft og social integration” sætter fokus på relevante metoder "
            "til at styrke beboeres deltagelse i lokalområdet."
        ],
    ),
    item(
        "13.45",
        "14.15",
        "Gruppedrøftelser med udgangspunkt i CFBU’s oplæg",
        K.GROUP_WORK,
        bullets=[
            "Kan I genkende metoderne i jeres arbejde – hvis ja, hvilke gode erfaringer har og hvor har i set "
            "særlige udfordringer?",
            "Hvor kan metoderne komme til gavn i jeres arbejde?",
        ],
    ),
    item(
        "14.15",
        "14.45",
        "Deltagelse, frivillighed og borgere – Har vi passende forventninger?",
        K.TALK,
        speakers="Nils",
        bullets=[
            "Kort inspirationsoplæg v. Nils om inddragelse, engagement og forankring. Hvad kan vores tilgang og ord "
            "betyde for det forventelige output? Hvornår snakker vi om beboerinddragelse? Hvornår rekrutterer vi og "
            "hvorfor?"
        ],
        description="Refleksion omkring egen praksis og åben drøftelse i plenum",
    ),
    item(
        "14.40",
        "14.50",
        "Næste møde",
        K.PLENARY,
        bullets=["Torsdag d. 13. oktober i Ribe/Bramming – forslag til dagsorden."],
    ),
    item(
        "14.50",
        "15.00",
        "Afrunding og evt.",
        K.WRAP_UP,
        bullets=["Hvad har jeg fået med mig fra dagen, og hvad vil jeg arbejde videre med, når jeg kommer hjem?"],
    ),
    item("15.00", None, "Tak for i dag", K.WRAP_UP),
]


def test_paste_seed_programme_21_374_gives_its_eleven_items_exactly():
    parsed = parse_programme((DATA / "programme-21-374.txt").read_text())
    assert len(parsed.items) == 11
    for index, (got, expected) in enumerate(zip(parsed.items, SEED_21_374, strict=True), start=1):
        assert got == expected, f"item {index}"
    # The date line above the programme is not an item, and says so.
    assert [(w.line, w.text) for w in parsed.warnings] == [(1, "Torsdag d. 21. april 2022")]


def test_paste_albertslund_invitation_reads_start_times_and_titles_over_several_lines():
    parsed = parse_programme((DATA / "programme-albertslund-2020.txt").read_text())
    assert [(i.start_time, i.end_time, i.title, i.kind) for i in parsed.items] == [
        (t("16.30"), t("16.45"), "Ankomst & velkomst", K.ARRIVAL),
        (
            t("16.45"),
            t("17.30"),
            "Paneldebat om boligsocialt arbejde og merværdien ved at samarbejde i byen",
            K.PLENARY,
        ),
        (t("17.30"), t("18.00"), "Spisning", K.MEAL),
        (t("18.00"), t("19.20"), "Workshops", K.WORKSHOP),
        (t("19.20"), None, "Opsamling & tak for i dag", K.WRAP_UP),
    ]
    workshops = parsed.items[3].description.splitlines()
    assert workshops[:2] == ["Naboskab, netværk & tryghed", "Sundhed & trivsel"]
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    ("line", "start", "end", "title"),
    [
        ("09:30-10:00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("09.30-10.00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("9.30 - 10.00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("9.30 – 10.00: Velkommen", "09.30", "10.00", "Velkommen"),
        ("09.30—10.00 | Velkommen", "09.30", "10.00", "Velkommen"),
        ("kl. 9.30-10.00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("Kl. 09.30 – kl. 10.00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("9.30 til 10.00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("16.30: Ankomst & velkomst", "16.30", None, "Ankomst & velkomst"),
        ("09.30\tVelkommen", "09.30", None, "Velkommen"),
        ("• 09.30-10.00 Velkommen", "09.30", "10.00", "Velkommen"),
        ("09.30-10.00 Afrunding og evt.", "09.30", "10.00", "Afrunding og evt."),
        ("\u00a009.30\u00a0-\u00a010.00\u00a0Velkommen", "09.30", "10.00", "Velkommen"),
    ],
)
def test_paste_reads_the_time_line_variants(line, start, end, title):
    parsed = parse_programme(line)
    assert [(i.start_time, i.end_time, i.title) for i in parsed.items] == [(t(start), t(end) if end else None, title)]


def test_paste_time_alone_on_a_line_takes_the_title_from_the_next():
    parsed = parse_programme("09.30 - 10.00\nVelkommen\n\n15:00\n\nTak for i dag\n")
    assert [(i.start_time, i.end_time, i.title) for i in parsed.items] == [
        (t("09.30"), t("10.00"), "Velkommen"),
        (t("15.00"), None, "Tak for i dag"),
    ]


def test_paste_bullets_speakers_and_description():
    text = """
10.00-10.45 Oplæg om naboskab v/ Sarah Lunar, CFBU
- Hvad virker?
* Hvad virker ikke?
  ▪ Eksempler fra Gellerup

Spørgsmål undervejs.
11.00-12.00 Gruppedrøftelse
v. Nils Thylander og Trine Holm
• Hvad tager I med hjem?
12.00-12.30 Workshop om drift (v. Driftschefen)
"""
    parsed = parse_programme(text)
    talk, groups, workshop = parsed.items
    assert (talk.title, talk.speakers, talk.kind) == ("Oplæg om naboskab", "Sarah Lunar, CFBU", K.TALK)
    assert talk.bullets == ("Hvad virker?", "Hvad virker ikke?", "Eksempler fra Gellerup")
    assert talk.description == "Spørgsmål undervejs."
    assert (groups.title, groups.speakers, groups.kind) == (
        "Gruppedrøftelse",
        "Nils Thylander og Trine Holm",
        K.GROUP_WORK,
    )
    assert groups.bullets == ("Hvad tager I med hjem?",)
    assert (workshop.title, workshop.speakers, workshop.kind) == ("Workshop om drift", "Driftschefen", K.WORKSHOP)


def test_paste_an_item_without_end_runs_until_the_next_starts():
    parsed = parse_programme("16.30 Ankomst\n16.45 Paneldebat\n17.30 Spisning")
    assert [(i.start_time, i.end_time) for i in parsed.items] == [
        (t("16.30"), t("16.45")),
        (t("16.45"), t("17.30")),
        (t("17.30"), None),
    ]


def test_paste_warns_about_lines_it_cannot_read():
    text = "Program\n10.00-10.30\n• kun et punkt\n10.30-10.00 Omvendt\n\n\nMålgruppe: alle\n11.00 Frokost"
    parsed = parse_programme(text)
    assert [(i.start_time, i.end_time, i.title) for i in parsed.items] == [
        (t("10.30"), t("11.00"), "Omvendt"),
        (t("11.00"), None, "Frokost"),
    ]
    assert [(w.line, w.text) for w in parsed.warnings] == [
        (1, "Program"),
        (2, "10.00-10.30"),  # a time without a title
        (3, "• kun et punkt"),
        (4, "10.30-10.00 Omvendt"),  # ends before it starts: the end is dropped (and taken from the next item)
        (7, "Målgruppe: alle"),  # after two empty lines: no longer part of "Omvendt"
    ]
    assert all(w.message for w in parsed.warnings)


def test_paste_a_date_is_not_a_time():
    parsed = parse_programme("21.04.2022\n10.000 kr.\n09.30 Velkommen")
    assert [i.title for i in parsed.items] == ["Velkommen"]
    assert [w.text for w in parsed.warnings] == ["21.04.2022", "10.000 kr."]


def test_paste_the_meetings_time_span_above_the_programme_is_not_an_item():
    text = "09.30-15.00 Netværksmøde i Viby J\n\n09.30-10.00 Drop-in\n10.00-14.50 Arbejde\n15.00 Tak for i dag"
    parsed = parse_programme(text)
    assert [i.title for i in parsed.items] == ["Drop-in", "Arbejde", "Tak for i dag"]
    assert [(w.line, w.text) for w in parsed.warnings] == [(1, "09.30-15.00 Netværksmøde i Viby J")]
    # Without an item around it, a time span stays an item.
    assert [i.title for i in parse_programme("09.30-15.00 Temadag\n15.00 Tak for i dag").items] == [
        "Temadag",
        "Tak for i dag",
    ]


def test_paste_empty_text_gives_nothing():
    assert parse_programme("") == parse_programme("   \n\n") == parse_programme(None)
    assert parse_programme("").items == ()


def test_render_then_parse_gives_the_seed_items_again():
    assert parse_programme(render_programme(SEED_21_374)).items == tuple(SEED_21_374)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Frokost", K.MEAL),
        ("Spisning", K.MEAL),
        ("Fællesspisning", K.MEAL),
        ("Pause", K.BREAK),
        ("Kaffepause", K.BREAK),
        ("Frokostpause", K.MEAL),
        ("Velkommen", K.WELCOME),
        ("Velkomst og dagens program", K.WELCOME),
        ("Oplæg: Unge og fritidsjob", K.TALK),
        ("Inspirationsoplæg via Teams", K.ONLINE_TALK),
        ("Gruppedrøftelser", K.GROUP_WORK),
        ("Workshop: Fra idé til produkt", K.WORKSHOP),
        ("Workshops", K.WORKSHOP),
        ("Opsamling", K.WRAP_UP),
        ("Afrunding og evt.", K.WRAP_UP),
        ("Drop-in med morgenbrød, kaffe og the", K.ARRIVAL),
        ("Ankomst & velkomst", K.ARRIVAL),
        ("Case: Beboerrådgivning", K.CASE),
        ("Paneldebat om samarbejde", K.PLENARY),
        ("Åben drøftelse i plenum", K.PLENARY),
        ("Rundvisning i boligområdet", K.OTHER),
        ("Oplæg om madspild", K.TALK),
        ("", K.OTHER),
    ],
)
def test_guess_kind_from_the_title(title, kind):
    assert guess_kind(title) == kind


@pytest.mark.parametrize(
    ("kind", "title", "label"),
    [
        (K.ARRIVAL, "Drop-in med morgenbrød, kaffe og the", "Morgenbrød"),
        (K.MEAL, "Frokost", "Frokost"),
        (K.OTHER, "Frokost", "Frokost"),
        (K.OTHER, "Spisning", "Spisning"),
        (K.BREAK, "Pause med kaffe og kage", "Kaffe og kage"),
        (K.MEAL, "Let anretning", "Let anretning"),
        (K.BREAK, "Pause", None),
        (K.TALK, "Oplæg om mad og fællesskab", None),
        (K.OTHER, "Rundvisning", None),
    ],
)
def test_meal_label_by_kind_or_title(kind, title, label):
    assert meal_label(kind=kind, title=title) == label


# --- Any text at all -----------------------------------------------------------------------------

# Lines in the shapes real programmes have, mixed with any text, so the interesting paths are taken often.
_line = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "• ", "- ", "v. ", "kl. ", "& ", "og ", "(v. ", "Oplæg v. ", "\t", "15:00"]).flatmap(
        lambda head: st.text(max_size=30).map(lambda tail: head + tail)
    ),
    st.builds(
        lambda h1, m1, h2, m2, sep, dash, title: f"{h1}{sep}{m1:02d}{dash}{h2}.{m2:02d} {title}",
        st.integers(0, 24),
        st.integers(0, 60),
        st.integers(0, 24),
        st.integers(0, 60),
        st.sampled_from([".", ":"]),
        st.sampled_from(["-", " – ", "—", " til ", " ", ""]),
        st.text(max_size=40),
    ),
    st.sampled_from(["Frokost", "Pause", "Velkommen", "Gruppedrøftelse", "Tak for i dag", "Oplæg v. Nils om X"]),
)
_programme_text = st.lists(_line, max_size=30).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=2000), _programme_text))
def test_paste_never_raises_and_reads_its_own_rendering_back(text):
    parsed = parse_programme(text)
    for pasted in parsed.items:
        assert pasted.title and len(pasted.title) <= 300 and len(pasted.speakers) <= 300
        assert pasted.end_time is None or pasted.end_time > pasted.start_time
        assert "\x00" not in pasted.title + pasted.description + pasted.bullet_points
    again = parse_programme(render_programme(parsed.items))
    assert again.items == parsed.items
    assert again.warnings == ()
