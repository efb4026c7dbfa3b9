"""The downloaded files, opened with real readers: csv, openpyxl and pypdf."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.support import query_plan
from registration.enums import Diet, ExportKind, RegistrationStatus
from registration.models import ExportLog, ExportPreference
from registration.tests.factories import RegistrationFactory, registrations_bulk

from .exporting import (
    INJECTION_NAMES,
    body,
    export_url,
    own_meeting,
    read_csv,
    read_xlsx,
    sensitive,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Sociale viceværter i Ribe/Bramming", capacity=30)


# --- Participant list -----------------------------------------------------------------


def test_participant_csv_opens_in_danish_excel_with_bom_semicolons_and_aeoeaa(secretariat_client, meeting):
    RegistrationFactory(meeting=meeting, name="Åse Ærø", organisation="Boligforeningen Rosenhøj", phone="12345678")
    RegistrationFactory(meeting=meeting, name="Bent Østergaard", organisation="VibySyd")
    RegistrationFactory(meeting=meeting, name="Carl Venter", status=RegistrationStatus.WAITING, confirmed_at=None)

    response = secretariat_client.get(export_url(meeting, "deltagere", "csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="deltagere-{meeting.code}.csv"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    rows = read_csv(body(response))
    assert rows[0][:3] == [_("Name"), _("Organisation"), _("Job title")]
    # Confirmed participants only (the default).
    assert {(row[0], row[1]) for row in rows[1:]} == {
        ("Åse Ærø", "Boligforeningen Rosenhøj"),
        ("Bent Østergaard", "VibySyd"),
    }
    assert all(len(row) == len(rows[0]) == 9 for row in rows)


def test_participant_csv_sorts_by_name(secretariat_client, meeting):
    for name in ["Mette Kragh", "anders And", "Bo Holm"]:
        RegistrationFactory(meeting=meeting, name=name)
    rows = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))
    # Case does not split the alphabet.
    assert [row[0] for row in rows[1:]] == ["anders And", "Bo Holm", "Mette Kragh"]


def test_participant_xlsx_has_bold_frozen_header_filter_widths_and_real_dates(secretariat_client, meeting):
    for name in ["Åse Ærø", "Bent Østergaard", "Carla Jensen"]:
        RegistrationFactory(meeting=meeting, name=name)

    response = secretariat_client.get(export_url(meeting, "deltagere", "xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f'filename="deltagere-{meeting.code}.xlsx"' in response["Content-Disposition"]
    ws = read_xlsx(body(response))
    rows = xlsx_rows(ws)
    assert rows[0][0] == _("Name")
    assert rows[0][7] == _("Registered")
    assert {row[0] for row in rows[1:]} == {"Åse Ærø", "Bent Østergaard", "Carla Jensen"}
    assert all(cell.font.b for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:I{len(rows)}"
    assert ws.column_dimensions["A"].width >= 20
    registered = ws.cell(row=2, column=8)
    assert isinstance(registered.value, dt.datetime)
    assert registered.is_date
    assert registered.number_format == "dd.mm.yyyy hh:mm"


def test_participant_lists_have_a_channel_column_with_the_desk_channels(secretariat_client, meeting):
    RegistrationFactory(meeting=meeting, name="Anna Web")
    for name, channel in (("Bo Telefon", "phone"), ("Cai Mail", "email"), ("Dea Dør", "door")):
        RegistrationFactory(meeting=meeting, name=name, channel=channel)
    csv_rows = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))
    sheet = xlsx_rows(read_xlsx(body(secretariat_client.get(export_url(meeting, "deltagere", "xlsx")))))
    expected = {"Anna Web": "Webformular", "Bo Telefon": "Telefon", "Cai Mail": "E-mail", "Dea Dør": "Ved døren"}
    for rows in (csv_rows, sheet):
        assert rows[0][-1] == "Kanal"  # a default column, last; chosen by its key "channel"
        assert {row[0]: row[-1] for row in rows[1:]} == expected
    # Chosen alone, by its stable key, like any other column.
    secretariat_client.post(
        f"/personale/moeder/{meeting.code}/lister/",
        {"scope": "confirmed", "columns": ["name", "channel"], "format": "csv"},
    )
    chosen = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))
    assert chosen[0] == ["Navn", "Kanal"] and ["Dea Dør", "Ved døren"] in chosen


def test_participant_lists_neutralise_formula_names_in_csv_and_xlsx(secretariat_client, meeting):
    for index, name in enumerate(INJECTION_NAMES):
        RegistrationFactory(meeting=meeting, name=name, organisation="=1+1", email=f"x{index}@example.dk")

    csv_rows = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))
    ws = read_xlsx(body(secretariat_client.get(export_url(meeting, "deltagere", "xlsx"))))

    expected = {"'" + name for name in INJECTION_NAMES}
    assert {row[0] for row in csv_rows[1:]} == expected
    assert {row[1] for row in csv_rows[1:]} == {"'=1+1"}
    xlsx_names = {ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)}
    # XlsxWriter keeps a carriage return as the escape _x000D_, which Excel reads back as one (openpyxl
    # leaves the escape as it is); the apostrophe is what matters.
    assert xlsx_names == {name.replace("\r", "_x000D_") for name in expected}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            # Text cells, never formulas.
            assert cell.data_type != "f", cell.coordinate
    assert ws.cell(row=2, column=2).value == "'=1+1"
    assert ws.cell(row=2, column=2).data_type == "s"


def test_waiting_and_workshop_lists_neutralise_formula_names_too(secretariat_client, meeting):
    RegistrationFactory(meeting=meeting, name="=cmd|' /C calc'!A0")
    RegistrationFactory(meeting=meeting, name="@cmd", status=RegistrationStatus.WAITING, confirmed_at=None)
    rows = read_csv(body(secretariat_client.get(export_url(meeting, "venteliste", "csv"))))
    assert rows[1][1] == "'@cmd"
    ws = read_xlsx(body(secretariat_client.get(export_url(meeting, "workshops", "xlsx"))))
    assert ws.cell(row=2, column=3).value == "'=cmd|' /C calc'!A0"


def test_participant_list_uses_remembered_columns_and_scope(secretariat_client, meeting):
    RegistrationFactory(meeting=meeting, name="Åse Ærø", phone="12 34 56 78")
    RegistrationFactory(meeting=meeting, name="Willy Venter", status=RegistrationStatus.WAITING, confirmed_at=None)
    ExportPreference.objects.create(
        user=secretariat_client.user,
        kind=ExportKind.PARTICIPANTS,
        columns=["phone", "name", "status"],
        options={"scope": "active"},
    )

    rows = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))

    # The file keeps the fixed column order, whatever the order chosen.
    assert rows[0] == [_("Name"), _("Phone"), _("Status")]
    assert sorted(rows[1:]) == [
        ["Willy Venter", "", str(RegistrationStatus.WAITING.label)],
        ["Åse Ærø", "12 34 56 78", str(RegistrationStatus.CONFIRMED.label)],
    ]


def test_secretariat_gets_diets_and_accessibility_when_chosen(secretariat_client, meeting):
    RegistrationFactory(
        meeting=meeting,
        name="Åse Ærø",
        **sensitive(diets=[Diet.VEGETARIAN, Diet.NUT_ALLERGY], diet_note="Ingen koriander"),
        accessibility_needs="Kørestol",
    )
    ExportPreference.objects.create(
        user=secretariat_client.user,
        kind=ExportKind.PARTICIPANTS,
        columns=["name", "diets", "diet_note", "accessibility_needs"],
    )

    ws = read_xlsx(body(secretariat_client.get(export_url(meeting, "deltagere", "xlsx"))))

    diets = f"{Diet.VEGETARIAN.label}, {Diet.NUT_ALLERGY.label}"
    assert xlsx_rows(ws)[1] == ["Åse Ærø", diets, "Ingen koriander", "Kørestol"]
    log = ExportLog.objects.get()
    assert log.sensitive is True
    assert log.columns == ["name", "diets", "diet_note", "accessibility_needs"]


# --- Across meetings -----------------------------------------------------------------------


def test_network_registrations_in_a_date_range(secretariat_client):
    network = NetworkFactory(name="Sociale viceværter", slug="sociale-vicevaerter")
    start = timezone.make_aware(dt.datetime(2026, 3, 12, 9, 30))
    inside = MeetingFactory(network=network, starts_at=start, title="Forårsmøde")
    later = MeetingFactory(network=network, starts_at=start + dt.timedelta(days=200), title="Efterårsmøde")
    other = MeetingFactory(starts_at=start, title="Andet netværk")
    RegistrationFactory(meeting=inside, name="Åse Ærø", attended=True)
    RegistrationFactory(meeting=inside, name="Bent Afmeldt", status=RegistrationStatus.CANCELLED)
    RegistrationFactory(meeting=later, name="Senere Søren")
    RegistrationFactory(meeting=other, name="Fremmed Frede")

    url = "/personale/netvaerk/sociale-vicevaerter/tilmeldinger.xlsx?fra=2026-01-01&til=2026-06-30"
    response = secretariat_client.get(url)

    assert response.status_code == 200
    assert 'filename="tilmeldinger-sociale-vicevaerter-20260101-20260630.xlsx"' in response["Content-Disposition"]
    ws = read_xlsx(body(response))
    rows = xlsx_rows(ws)
    assert rows[0][:4] == [_("Meeting code"), _("Meeting date"), _("Meeting"), _("Name")]
    assert {row[3] for row in rows[1:]} == {"Åse Ærø", "Bent Afmeldt"}
    assert rows[1][0] == inside.code
    assert rows[1][1] == dt.datetime(2026, 3, 12, 9, 30)  # Copenhagen wall-clock time, a real date
    log = ExportLog.objects.get()
    assert (log.kind, log.network, log.meeting, log.row_count) == (ExportKind.NETWORK_REGISTRATIONS, network, None, 2)


def test_network_registrations_csv_with_bad_dates_is_refused(secretariat_client):
    NetworkFactory(slug="lokal")
    response = secretariat_client.get("/personale/netvaerk/lokal/tilmeldinger.csv?fra=2026-12-01&til=2026-01-01")
    assert response.status_code == 400
    assert not ExportLog.objects.exists()


def test_attendance_figures_per_network_and_year(secretariat_client):
    network = NetworkFactory(name="Lokalsamfund & medborgerskab")
    held = MeetingFactory(network=network, past=True)
    year = timezone.localtime(held.starts_at).year
    for attended in [True, True, True, False]:
        RegistrationFactory(meeting=held, attended=attended)
    RegistrationFactory(meeting=held, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(meeting=held, status=RegistrationStatus.WAITING, confirmed_at=None)
    upcoming = MeetingFactory(network=network)
    RegistrationFactory(meeting=upcoming)  # not held yet: not counted
    called_off = MeetingFactory(network=network, past=True, cancelled=True)
    RegistrationFactory(meeting=called_off)

    ws = read_xlsx(body(secretariat_client.get("/personale/fremmoede.xlsx")))
    rows = xlsx_rows(ws)

    assert len(rows[0]) == 7
    assert rows[1:] == [["Lokalsamfund & medborgerskab", year, 1, 4, 3, 1, 1]]
    csv_rows = read_csv(body(secretariat_client.get("/personale/fremmoede.csv")))
    assert csv_rows[1] == ["Lokalsamfund & medborgerskab", str(year), "1", "4", "3", "1", "1"]
    page = secretariat_client.get("/personale/fremmoede/")
    assert page.status_code == 200
    assert "Lokalsamfund &amp; medborgerskab" in page.content.decode()


def test_attendance_year_filter(secretariat_client):
    held = MeetingFactory(past=True)
    RegistrationFactory(meeting=held)
    year = timezone.localtime(held.starts_at).year
    rows = read_csv(body(secretariat_client.get(f"/personale/fremmoede.csv?year_from={year + 1}")))
    assert rows[1:] == []
    rows = read_csv(body(secretariat_client.get(f"/personale/fremmoede.csv?year_from={year}&year_to={year}")))
    assert len(rows) == 2


def test_attendance_shows_this_year_and_last_unless_asked_for_every_year(secretariat_client):
    # Ten years of every network are not read for a page nobody asked that of (README "Data scale").
    recent, old = MeetingFactory(past=True), MeetingFactory(past=True)
    old.starts_at -= dt.timedelta(days=3 * 365)
    old.registration_deadline = old.starts_at - dt.timedelta(days=1)
    old.ends_at = old.starts_at + dt.timedelta(hours=3)
    old.save()
    for meeting in (recent, old):
        RegistrationFactory(meeting=meeting, attended=True)
    this_year = timezone.localdate().year

    shown = secretariat_client.get("/personale/fremmoede/").content.decode()
    assert f'value="{this_year - 1}"' in shown and f'value="{this_year}"' in shown
    assert f"year_from={this_year - 1}&amp;year_to={this_year}" in shown
    default_csv = read_csv(body(secretariat_client.get("/personale/fremmoede.csv")))
    every_csv = read_csv(body(secretariat_client.get("/personale/fremmoede.csv?year_from=&year_to=")))
    old_year = str(timezone.localtime(old.starts_at).year)
    assert old_year not in [row[1] for row in default_csv[1:]]
    assert old_year in [row[1] for row in every_csv[1:]]


# --- Log ------------------------------------------------------------------------------------------


def test_every_download_is_logged_with_user_meeting_format_and_rows(secretariat_client, meeting):
    for _index in range(3):
        RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, confirmed_at=None)

    for kind, fmt in [("deltagere", "csv"), ("underskriftsliste", "pdf"), ("venteliste", "xlsx")]:
        assert secretariat_client.get(export_url(meeting, kind, fmt)).status_code == 200

    logs = list(ExportLog.objects.order_by("id"))
    assert [(log.kind, log.format, log.row_count) for log in logs] == [
        (ExportKind.PARTICIPANTS, "csv", 3),
        (ExportKind.SIGN_IN_SHEET, "pdf", 3),
        (ExportKind.WAITING_LIST, "xlsx", 1),
    ]
    assert {log.user for log in logs} == {secretariat_client.user}
    assert {log.user_email for log in logs} == {secretariat_client.user.email}
    assert {log.meeting for log in logs} == {meeting}
    assert {log.network for log in logs} == {meeting.network}
    assert not any(log.sensitive for log in logs)


def test_consultant_of_own_network_downloads_and_is_logged(consultant_client, consultant):
    meeting = own_meeting(consultant)
    RegistrationFactory(meeting=meeting, name="Åse Ærø")
    rows = read_csv(body(consultant_client.get(export_url(meeting, "deltagere", "csv"))))
    assert rows[1][0] == "Åse Ærø"
    assert ExportLog.objects.get().user == consultant


def test_participant_xlsx_keeps_markup_spaces_and_escapes_as_typed(secretariat_client, meeting):
    import zipfile
    from xml.etree import ElementTree

    names = ['A & B <c> "d"', " Bo Holm ", "Tekst_x0041_med escape", "Linje\nto"]
    for index, name in enumerate(names):
        RegistrationFactory(meeting=meeting, name=name, email=f"p{index}@example.dk")
    data = body(secretariat_client.get(export_url(meeting, "deltagere", "xlsx")))
    # Every part of the package is well-formed XML.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            ElementTree.fromstring(archive.read(name))
    ws = read_xlsx(data)
    # Text that looks like Excel's escape of a character gets its underscore escaped, so Excel shows
    # it as typed (openpyxl shows the escape itself), as XlsxWriter wrote it.
    typed = {name.replace("_x0041_", "_x005F_x0041_") for name in names}
    assert {row[0] for row in xlsx_rows(ws)[1:]} == typed


def test_network_registrations_are_read_meeting_by_meeting_from_the_index_on_postgresql(db):
    """The network's meetings are chosen first (an array PostgreSQL computes before the registrations),
    so their registrations come from the meeting index, not a scan of every registration (README
    "Data scale"); elsewhere the same rows through IN."""
    from django.db import connection

    from registration.selectors import network_registrations

    network = NetworkFactory()
    start = timezone.make_aware(dt.datetime(2026, 3, 12, 9, 30))
    inside = MeetingFactory(network=network, starts_at=start)
    RegistrationFactory(meeting=inside, name="Med")
    RegistrationFactory(meeting=MeetingFactory(network=network, starts_at=start + dt.timedelta(days=400)))
    RegistrationFactory(meeting=MeetingFactory(starts_at=start))
    registrations = network_registrations(network=network, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert [row.name for row in registrations] == ["Med"] and registrations.count() == 1
    if connection.vendor != "postgresql":
        return
    # Other networks' registrations, as at ten years: with a handful of rows every index ties with every
    # other (a full scan of any index passes for the cheapest); with these the choice is the planner's own.
    elsewhere = MeetingFactory(starts_at=start)
    registrations_bulk(meeting=elsewhere, count=3000, prefix="anden")
    # Statistics of these rows, not of what earlier tests on this database left.
    plan = query_plan(registrations, analyze=["registration_registration", "meetings_meeting"])
    assert "InitPlan" in plan, plan
    # The registrations are found through their meeting: by the chosen meetings' array, or meeting by
    # meeting in a join; either way from an index on meeting_id, never a scan of every registration.
    assert re.search(r"Index Cond: \(meeting_id = ", plan), plan
    assert "Seq Scan on registration_registration" not in plan, plan
