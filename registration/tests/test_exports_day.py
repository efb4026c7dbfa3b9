"""The lists for the day of the meeting (sign-in sheets, badges, catering, workshop and waiting lists),
opened with real readers: csv, openpyxl and pypdf. The participant lists and the lists across
meetings are in test_exports.py."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.enums import AgendaItemKind
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory
from netvaerk.tests.pdf import pdf_pages, pdf_text
from registration.enums import Diet, ExportKind, RegistrationStatus
from registration.models import ExportLog
from registration.tests.factories import RegistrationFactory

from .exporting import (
    body,
    export_url,
    read_csv,
    read_xlsx,
    sensitive,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Sociale viceværter i Ribe/Bramming", capacity=30)


# --- PDFs -----------------------------------------------------------------------------------


def test_sign_in_sheet_pdf_lists_confirmed_by_name_with_signature_column(secretariat_client, meeting):
    RegistrationFactory(meeting=meeting, name="Øjvind Ærenlund", organisation="Tingbjerg Helhedsplan")
    RegistrationFactory(meeting=meeting, name="Anne Holm", organisation="Albertslund Kommune")
    RegistrationFactory(meeting=meeting, name="Mads Lund", organisation="KAB")
    RegistrationFactory(meeting=meeting, name="Ventende Vera", status=RegistrationStatus.WAITING, confirmed_at=None)
    RegistrationFactory(meeting=meeting, name="Afmeldt Anton", status=RegistrationStatus.CANCELLED)

    response = secretariat_client.get(export_url(meeting, "underskriftsliste", "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="underskriftsliste-{meeting.code}.pdf"' in response["Content-Disposition"]
    text = pdf_text(body(response))
    assert "Sociale viceværter i Ribe/Bramming" in text
    assert _("Signature") in text
    positions = [text.index(name) for name in ["Anne Holm", "Mads Lund", "Øjvind Ærenlund"]]
    assert positions == sorted(positions)
    assert "Tingbjerg Helhedsplan" in text
    assert "Ventende Vera" not in text
    assert "Afmeldt Anton" not in text


def test_sign_in_sheet_pdf_can_carry_a_workshop_column(secretariat_client, meeting):
    naboskab = WorkshopFactory(meeting=meeting, title="Naboskab & tryghed", order=1)
    sundhed = WorkshopFactory(meeting=meeting, title="Sundhed & trivsel", order=2)
    RegistrationFactory(meeting=meeting, name="Anne Holm", workshop_first=naboskab, workshop=naboskab)
    RegistrationFactory(meeting=meeting, name="Bo Lund", workshop_first=sundhed, workshop=sundhed)
    RegistrationFactory(meeting=meeting, name="Carl Ravn", workshop_first=sundhed, workshop=None)

    plain = pdf_text(body(secretariat_client.get(export_url(meeting, "underskriftsliste", "pdf"))))
    assert "Naboskab & tryghed" not in plain and _("Workshop") not in plain

    response = secretariat_client.get(export_url(meeting, "underskriftsliste", "pdf") + "?workshop=1")
    text = pdf_text(body(response))
    header = next(line for line in text.splitlines() if _("Signature") in line)
    assert header.index(_("Organisation")) < header.index(_("Workshop")) < header.index(_("Signature"))
    anne = next(line for line in text.splitlines() if "Anne Holm" in line)
    bo = next(line for line in text.splitlines() if "Bo Lund" in line)
    carl = next(line for line in text.splitlines() if "Carl Ravn" in line)
    assert "Naboskab & tryghed" in anne and "Sundhed & trivsel" in bo
    assert "Naboskab" not in carl and "Sundhed" not in carl  # no workshop assigned yet
    assert ExportLog.objects.filter(kind=ExportKind.SIGN_IN_SHEET).latest("created_at").parameters == {
        "workshop": "True"
    }


def test_badges_ignore_the_workshop_option(secretariat_client, meeting):
    workshop = WorkshopFactory(meeting=meeting, title="Naboskab & tryghed")
    RegistrationFactory(meeting=meeting, name="Anne Holm", workshop=workshop)
    text = pdf_text(body(secretariat_client.get(export_url(meeting, "navneskilte", "pdf") + "?workshop=1")))
    assert "Anne Holm" in text and "Naboskab" not in text


def test_badges_pdf_puts_eight_badges_on_an_a4_page(secretariat_client, meeting):
    for index in range(9):
        RegistrationFactory(meeting=meeting, name=f"Deltager Ødegård {index}", organisation="Boligselskabet Sjælland")

    data = body(secretariat_client.get(export_url(meeting, "navneskilte", "pdf")))

    assert pdf_pages(data) == 2
    text = pdf_text(data)
    assert text.count("Boligselskabet Sjælland") == 9
    assert "Deltager Ødegård 8" in text
    assert meeting.title in text


def test_badge_and_pdf_text_is_printed_as_typed(secretariat_client, meeting):
    RegistrationFactory(meeting=meeting, name="=Åse <b>Ærø</b>")
    assert "=Åse <b>Ærø</b>" in pdf_text(body(secretariat_client.get(export_url(meeting, "navneskilte", "pdf"))))


# --- Catering ---------------------------------------------------------------------------------


@pytest.fixture
def catering_meeting(meeting):
    RegistrationFactory(meeting=meeting, name="Vera Vegetar", **sensitive(diets=[Diet.VEGETARIAN]))
    RegistrationFactory(
        meeting=meeting, name="Hanne Halal", **sensitive(diets=[Diet.HALAL, Diet.VEGETARIAN], diet_note="Ingen svampe")
    )
    RegistrationFactory(meeting=meeting, name="Niels Normal")
    RegistrationFactory(
        meeting=meeting,
        name="Ventende Vegan",
        status=RegistrationStatus.WAITING,
        confirmed_at=None,
        **sensitive(diets=[Diet.VEGAN]),
    )
    return meeting


def test_catering_summary_counts_diets_of_confirmed_participants_with_names_for_secretariat(
    secretariat_client, catering_meeting
):
    rows = read_csv(body(secretariat_client.get(export_url(catering_meeting, "forplejning", "csv"))))
    table = {row[0]: row[1:] for row in rows[1:]}
    assert rows[0] == [_("Requirement"), _("Number"), _("Participants")]
    assert table[str(Diet.VEGETARIAN.label)] == ["2", "Hanne Halal, Vera Vegetar"]
    assert table[str(Diet.HALAL.label)] == ["1", "Hanne Halal"]
    assert str(Diet.VEGAN.label) not in table  # only someone on the waiting list eats vegan
    assert [value for key, value in table.items() if "Ingen svampe" in key] == [["1", "Hanne Halal"]]
    assert table[_("No special requirements")] == ["1", ""]  # Niels
    assert table[_("Participants in total")] == ["3", ""]


def test_catering_summary_pdf_and_xlsx_share_the_rows(secretariat_client, catering_meeting):
    ws = read_xlsx(body(secretariat_client.get(export_url(catering_meeting, "forplejning", "xlsx"))))
    xlsx = xlsx_rows(ws)
    assert xlsx[1] == ["Måltider: ingen i programmet", None, None]
    assert xlsx[2] == [str(Diet.VEGETARIAN.label), 2, "Hanne Halal, Vera Vegetar"]
    text = pdf_text(body(secretariat_client.get(export_url(catering_meeting, "forplejning", "pdf"))))
    assert str(Diet.HALAL.label) in text
    assert "Ingen svampe" in text
    assert "Hanne Halal, Vera Vegetar" in text


@pytest.fixture
def seed_day_programme(catering_meeting):
    """The seed's morning bread and lunch: an arrival that serves food, and "Frokost" left at "Other"."""
    for start, end, kind, title in [
        ((9, 30), (10, 0), AgendaItemKind.ARRIVAL, "Drop-in med morgenbrød, kaffe og the"),
        ((10, 0), (12, 15), AgendaItemKind.GROUP_WORK, "Gruppedrøftelser om mad og fællesskab"),
        ((12, 15), (13, 15), AgendaItemKind.OTHER, "Frokost"),
        ((13, 15), (13, 30), AgendaItemKind.BREAK, "Pause"),
        ((13, 30), (15, 0), AgendaItemKind.TALK, "Oplæg om madspild"),
    ]:
        AgendaItemFactory(
            meeting=catering_meeting, start_time=dt.time(*start), end_time=dt.time(*end), kind=kind, title=title
        )
    return catering_meeting


def test_catering_summary_lists_the_meals_with_their_times_above_the_diets(secretariat_client, seed_day_programme):
    rows = read_csv(body(secretariat_client.get(export_url(seed_day_programme, "forplejning", "csv"))))
    assert rows[1] == ["Måltider: Morgenbrød 09.30, Frokost 12.15", "", ""]
    assert rows[2][0] == str(Diet.VEGETARIAN.label)

    xlsx = xlsx_rows(read_xlsx(body(secretariat_client.get(export_url(seed_day_programme, "forplejning", "xlsx")))))
    assert xlsx[1] == ["Måltider: Morgenbrød 09.30, Frokost 12.15", None, None]

    text = pdf_text(body(secretariat_client.get(export_url(seed_day_programme, "forplejning", "pdf"))))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    meals = lines.index("Måltider")
    assert lines[meals + 1 : meals + 3] == ["09.30 Morgenbrød Drop-in med morgenbrød, kaffe og the", "12.15 Frokost"]
    assert meals < lines.index("Kosthensyn") < text.count("\n")
    assert [line for line in lines if line.startswith(str(Diet.VEGETARIAN.label))] == [
        f"{Diet.VEGETARIAN.label} 2 Hanne Halal, Vera Vegetar"
    ]


# --- Workshops and waiting list -------------------------------------------------------------------


def test_workshop_lists_group_confirmed_participants_per_workshop(secretariat_client, meeting):
    naboskab = WorkshopFactory(meeting=meeting, title="Naboskab & tryghed", room="Salen", capacity=20, order=1)
    sundhed = WorkshopFactory(meeting=meeting, title="Sundhed & trivsel", room="Lokale 2", capacity=10, order=2)
    WorkshopFactory(meeting=meeting, title="Uddannelse & livschancer", capacity=None, order=3)
    RegistrationFactory(meeting=meeting, name="Anne Holm", workshop_first=naboskab, workshop=naboskab)
    RegistrationFactory(
        meeting=meeting, name="Bo Lund", workshop_first=naboskab, workshop_second=sundhed, workshop=sundhed
    )
    RegistrationFactory(meeting=meeting, name="Carl Uden")

    rows = read_csv(body(secretariat_client.get(export_url(meeting, "workshops", "csv"))))
    assert rows[1:] == [
        ["Naboskab & tryghed", "Salen", "Anne Holm", "Boligforeningen", rows[1][4], _("1st priority")],
        ["Sundhed & trivsel", "Lokale 2", "Bo Lund", "Boligforeningen", rows[2][4], _("2nd priority")],
        [_("No workshop assigned"), "", "Carl Uden", "Boligforeningen", rows[3][4], ""],
    ]

    text = pdf_text(body(secretariat_client.get(export_url(meeting, "workshops", "pdf"))))
    # One part per workshop, also the empty one, and the unassigned last.
    for title in ["Naboskab & tryghed", "Sundhed & trivsel", "Uddannelse & livschancer"]:
        assert title in text
    assert text.index("Anne Holm") < text.index("Sundhed & trivsel") < text.index("Bo Lund")
    assert text.index("Uddannelse & livschancer") < text.index("Carl Uden")


def test_waiting_list_in_order_of_arrival(secretariat_client, meeting):
    now = timezone.now()
    for minutes, name in [(30, "Sidst Sørensen"), (10, "Først Frederiksen"), (20, "Midt Madsen")]:
        RegistrationFactory(
            meeting=meeting,
            name=name,
            status=RegistrationStatus.WAITING,
            confirmed_at=None,
            waiting_since=now + dt.timedelta(minutes=minutes),
        )
    RegistrationFactory(meeting=meeting, name="Bekræftet Bent")

    rows = read_csv(body(secretariat_client.get(export_url(meeting, "venteliste", "csv"))))
    assert [(row[0], row[1]) for row in rows[1:]] == [
        ("1", "Først Frederiksen"),
        ("2", "Midt Madsen"),
        ("3", "Sidst Sørensen"),
    ]
    ws = read_xlsx(body(secretariat_client.get(export_url(meeting, "venteliste", "xlsx"))))
    assert ws.cell(row=2, column=1).value == 1
    assert isinstance(ws.cell(row=2, column=6).value, dt.datetime)
    text = pdf_text(body(secretariat_client.get(export_url(meeting, "venteliste", "pdf"))))
    assert text.index("Først Frederiksen") < text.index("Midt Madsen") < text.index("Sidst Sørensen")
    assert "Bekræftet Bent" not in text


def test_long_sign_in_sheet_repeats_its_header_and_numbers_its_pages(secretariat_client, meeting):
    meeting.capacity = 60
    meeting.save()
    for index in range(45):
        RegistrationFactory(meeting=meeting, name=f"Deltager {index:02d}", organisation="Boligselskabet Sjælland")
    data = body(secretariat_client.get(export_url(meeting, "underskriftsliste", "pdf")))
    pages = pdf_text(data).split("\f")
    assert len(pages) == pdf_pages(data) >= 3
    for number, page in enumerate(pages, start=1):
        assert _("Signature") in page and f"{_('Page')} {number} / {len(pages)}" in page
    # Every participant once, in order, each on a line of its own with its number.
    lines = [line for page in pages for line in page.splitlines() if "Deltager " in line]
    assert lines == [f"{index + 1} Deltager {index:02d} Boligselskabet Sjælland" for index in range(45)]


def test_paper_wraps_at_spaces_and_hyphens_and_breaks_what_is_too_long():
    from registration.exports.paper import REGULAR, register_fonts, width, wrap

    register_fonts()
    room = width("Deltager Ødegård", REGULAR, 10)
    assert wrap("Deltager Ødegård Christensen-Møller", REGULAR, 10, room) == [
        "Deltager Ødegård",
        "Christensen-",
        "Møller",
    ]
    long = "x" * 200
    lines = wrap(long, REGULAR, 10, room)
    assert "".join(lines) == long and all(width(line, REGULAR, 10) <= room for line in lines)
    assert wrap("", REGULAR, 10, room) == [""] and wrap("a\nb", REGULAR, 10, room) == ["a", "b"]


@pytest.mark.parametrize("export", ["forplejning.csv", "forplejning.xlsx", "forplejning.pdf"])
def test_catering_summary_reads_the_programme_in_one_query_however_long(secretariat_client, meeting, export):
    slug, fmt = export.split(".")

    def queries(items):
        for n in range(items - meeting.agenda_items.count()):
            AgendaItemFactory(meeting=meeting, start_time=dt.time(9 + n), end_time=dt.time(9 + n, 45), title="Frokost")
        with CaptureQueriesContext(connection) as captured:
            assert secretariat_client.get(export_url(meeting, slug, fmt)).status_code == 200
        return len(captured)

    assert queries(1) == queries(6)
