"""The staff overview, the meeting's list page, the admin links, query counts and the demo."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory
from members.tests.factories import SecretariatUserFactory, SuperUserFactory
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.pdf import pdf_text
from registration.enums import Diet, ExportKind, RegistrationStatus
from registration.exports.lists import MEETING_EXPORTERS, ParticipantsExport
from registration.models import ExportLog, ExportPreference, Registration
from registration.tests.factories import RegistrationFactory

from .exporting import body, export_url, own_meeting, read_csv

pytestmark = pytest.mark.django_db


# --- Overview ------------------------------------------------------------------------------


def test_overview_lists_upcoming_meetings_with_fill_rate_waiting_and_deadline(secretariat_client):
    now = timezone.now()
    meeting = MeetingFactory(
        title="Hvem ejer idéerne?",
        capacity=40,
        starts_at=now + dt.timedelta(days=20),
        registration_deadline=now + dt.timedelta(days=10),
    )
    WorkshopFactory(meeting=meeting)
    for _index in range(10):
        RegistrationFactory(meeting=meeting)
    for _index in range(3):
        RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, confirmed_at=None)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    MeetingFactory(title="Forbi og glemt", past=True)
    MeetingFactory(title="Aflyst møde", cancelled=True)
    MeetingFactory(title="Kladde til foråret", draft=True)

    response = secretariat_client.get("/personale/")

    assert response.status_code == 200
    rows = {row.meeting.title: row for row, _lists in response.context["rows"]}
    assert set(rows) == {"Hvem ejer idéerne?", "Kladde til foråret"}
    row = rows["Hvem ejer idéerne?"]
    assert (row.confirmed, row.waiting, row.fill_percent, row.days_to_deadline) == (10, 3, 25, 10)
    page = response.content.decode()
    assert "25 %" in page
    for slug, exporter in MEETING_EXPORTERS.items():
        if slug == "fakturagrundlag":
            continue  # only a meeting with a price has an invoice basis (test_invoice_exports.py)
        for fmt in exporter.formats:
            assert export_url(meeting, slug, fmt) in page
    assert reverse("registration:check_in", kwargs={"code": meeting.code}) in page


def test_overview_shows_a_consultant_only_own_meetings(consultant_client, consultant):
    mine = own_meeting(consultant, title="Mit netværksmøde")
    MeetingFactory(title="Andres netværksmøde")
    page = consultant_client.get("/personale/").content.decode()
    assert "Mit netværksmøde" in page
    assert "Andres netværksmøde" not in page
    assert export_url(mine, "deltagere", "csv") in page
    # Check-in needs the right to change registrations, which consultants do not have.
    assert reverse("registration:check_in", kwargs={"code": mine.code}) not in page


def test_overview_query_count_does_not_grow_with_meetings(secretariat_client):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert secretariat_client.get("/personale/").status_code == 200
        return len(context)

    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    one = queries()
    for _index in range(5):
        meeting = MeetingFactory()
        WorkshopFactory(meeting=meeting)
        RegistrationFactory(meeting=meeting)
    assert queries() == one


# --- The meeting's list page and the remembered columns ------------------------------------------


def test_column_choice_is_remembered_and_used_by_the_direct_links(secretariat_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, name="Åse Ærø", email="aase@example.dk", job_title="Social vicevært")
    url = f"/personale/moeder/{meeting.code}/lister/"

    response = secretariat_client.post(url, {"scope": "confirmed", "columns": ["email", "name"], "format": "xlsx"})

    assert response.status_code == 302
    assert response["Location"] == export_url(meeting, "deltagere", "xlsx")
    preference = ExportPreference.objects.get(user=secretariat_client.user, kind=ExportKind.PARTICIPANTS)
    assert preference.columns == ["name", "email"]
    # The next visit shows the same choice, and the overview's CSV link uses it.
    form = secretariat_client.get(url).context["form"]
    assert form["columns"].initial == ["name", "email"]
    rows = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))
    assert rows == [[_("Name"), _("Email")], ["Åse Ærø", "aase@example.dk"]]


def test_column_choices_are_per_user(secretariat_client, client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, name="Åse Ærø")
    secretariat_client.post(
        f"/personale/moeder/{meeting.code}/lister/", {"scope": "confirmed", "columns": ["name"], "format": "csv"}
    )
    other = SecretariatUserFactory()
    client.force_login(other)
    rows = read_csv(body(client.get(export_url(meeting, "deltagere", "csv"))))
    assert len(rows[0]) == 9  # the defaults, not the other user's choice


def test_meeting_list_page_shows_counts_catering_without_names_and_all_links(consultant_client, consultant):
    meeting = own_meeting(consultant, capacity=20)
    WorkshopFactory(meeting=meeting, title="Sundhed & trivsel")
    RegistrationFactory(meeting=meeting, name="Åse Ærø", sensitive_consent_at=timezone.now(), diets=[Diet.HALAL])
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, confirmed_at=None)

    response = consultant_client.get(f"/personale/moeder/{meeting.code}/lister/")

    assert response.status_code == 200
    assert (response.context["confirmed"], response.context["waiting"]) == (1, 1)
    assert (str(Diet.HALAL.label), 1) in response.context["catering"]
    page = response.content.decode()
    assert "Sundhed &amp; trivsel" in page
    for slug, exporter in MEETING_EXPORTERS.items():
        if slug == "fakturagrundlag":
            continue  # only a meeting with a price has an invoice basis (test_invoice_exports.py)
        for fmt in exporter.formats:
            assert export_url(meeting, slug, fmt) in page
    assert export_url(meeting, "underskriftsliste", "pdf") + "?workshop=1" in page


def test_meeting_list_page_shows_the_meals_above_the_diets(consultant_client, consultant):
    meeting = own_meeting(consultant)
    AgendaItemFactory(
        meeting=meeting, start_time=dt.time(12, 15), end_time=dt.time(13, 0), kind="other", title="Frokost"
    )
    RegistrationFactory(meeting=meeting, sensitive_consent_at=timezone.now(), diets=[Diet.HALAL])
    response = consultant_client.get(f"/personale/moeder/{meeting.code}/lister/")
    assert response.context["catering"][0] == ("Måltider: Frokost 12.15", None)
    page = response.content.decode()
    assert page.index("Måltider: Frokost 12.15") < page.index(str(Diet.HALAL.label))
    # Without workshops the sign-in sheet has nothing to add.
    assert "?workshop=1" not in page


def test_meeting_list_page_query_count_does_not_grow_with_the_programme(consultant_client, consultant):
    meeting = own_meeting(consultant)

    def queries(items):
        for n in range(items - meeting.agenda_items.count()):
            AgendaItemFactory(meeting=meeting, start_time=dt.time(9 + n), end_time=dt.time(9 + n, 45), title="Frokost")
        with CaptureQueriesContext(connection) as captured:
            assert consultant_client.get(f"/personale/moeder/{meeting.code}/lister/").status_code == 200
        return len(captured)

    assert queries(1) == queries(6)


def test_network_registrations_form_remembers_columns_and_redirects_to_the_file(secretariat_client):
    network = NetworkFactory(slug="lokal")
    response = secretariat_client.post(
        "/personale/netvaerk/tilmeldinger/",
        {
            "network": network.pk,
            "fra": "2026-01-01",
            "til": "2026-12-31",
            "columns": ["meeting_code", "name", "attended"],
            "format": "csv",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/personale/netvaerk/lokal/tilmeldinger.csv?fra=2026-01-01&til=2026-12-31"
    preference = ExportPreference.objects.get(kind=ExportKind.NETWORK_REGISTRATIONS)
    assert preference.columns == ["meeting_code", "name", "attended"]


# --- Query counts ---------------------------------------------------------------------------------


DOWNLOADS = [(kind, fmt) for kind, exporter in MEETING_EXPORTERS.items() for fmt in exporter.formats]


@pytest.mark.parametrize(("kind", "fmt"), DOWNLOADS)
def test_download_query_count_is_the_same_for_1_and_30_registrations(secretariat_client, kind, fmt):
    meeting = MeetingFactory(capacity=None)
    workshops = [WorkshopFactory(meeting=meeting, capacity=None) for _index in range(3)]
    ExportPreference.objects.create(
        user=secretariat_client.user,
        kind=ExportKind.PARTICIPANTS,
        columns=[column.key for column in ParticipantsExport.all_columns()],
    )

    def add(n):
        for index in range(n):
            RegistrationFactory(
                meeting=meeting,
                workshop_first=workshops[index % 3],
                workshop_second=workshops[(index + 1) % 3],
                workshop=workshops[index % 3],
                sensitive_consent_at=timezone.now(),
                diets=[Diet.VEGETARIAN],
                diet_note=f"Note {index}",
            )
            RegistrationFactory(
                meeting=meeting, status=RegistrationStatus.WAITING, confirmed_at=None, waiting_since=timezone.now()
            )

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = secretariat_client.get(export_url(meeting, kind, fmt))
            assert response.status_code == 200
            body(response)  # a streamed file reads the database while it is sent
        return len(context)

    add(1)
    one = queries()
    add(29)
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 30
    assert queries() == one
    assert one <= 12


@pytest.mark.parametrize("url", ["/personale/fremmoede.xlsx", "/personale/fremmoede/"])
def test_attendance_query_count_does_not_grow_with_meetings(secretariat_client, url):
    def queries():
        with CaptureQueriesContext(connection) as context:
            response = secretariat_client.get(url)
            assert response.status_code == 200
            body(response)
        return len(context)

    RegistrationFactory(meeting=MeetingFactory(past=True))
    one = queries()
    for _index in range(4):
        RegistrationFactory(meeting=MeetingFactory(past=True))
    assert queries() == one


# --- Admin ------------------------------------------------------------------------------------------


def test_meeting_admin_links_every_list(secretariat_client):
    meeting = MeetingFactory()
    WorkshopFactory(meeting=meeting)
    lists_url = f"/personale/moeder/{meeting.code}/lister/"

    changelist = secretariat_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert lists_url in changelist

    change = secretariat_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert lists_url in change
    for slug, exporter in MEETING_EXPORTERS.items():
        if slug == "fakturagrundlag":
            continue  # only a meeting with a price has an invoice basis
        for fmt in exporter.formats:
            assert export_url(meeting, slug, fmt) in change


def test_admin_index_links_the_staff_overview(secretariat_client, consultant_client):
    assert reverse("registration:staff_overview") in secretariat_client.get("/admin/").content.decode()
    assert reverse("registration:staff_attendance") in consultant_client.get("/admin/").content.decode()


def test_export_log_is_visible_to_the_secretariat_but_not_to_consultants(
    secretariat_client, consultant_client, consultant
):
    meeting = own_meeting(consultant)
    RegistrationFactory(meeting=meeting)
    consultant_client.get(export_url(meeting, "deltagere", "csv"))
    url = reverse("admin:registration_exportlog_changelist")

    page = secretariat_client.get(url)

    assert page.status_code == 200
    assert consultant.email in page.content.decode()
    log = ExportLog.objects.get()
    assert secretariat_client.get(reverse("admin:registration_exportlog_change", args=[log.pk])).status_code == 200
    assert consultant_client.get(url).status_code == 403


def test_export_log_cannot_be_edited_even_by_a_superuser(client):
    client.force_login(SuperUserFactory())
    meeting = MeetingFactory()
    client.get(export_url(meeting, "deltagere", "csv"))
    log = ExportLog.objects.get()
    assert client.get(reverse("admin:registration_exportlog_add")).status_code == 403
    assert (
        client.post(reverse("admin:registration_exportlog_delete", args=[log.pk]), {"post": "yes"}).status_code == 403
    )
    assert ExportLog.objects.count() == 1


# --- Demo ----------------------------------------------------------------------------------------------


def test_demo_admin_downloads_every_list_of_every_upcoming_demo_meeting(client, demo):
    assert client.login(email=demo.admin_email, password=demo.admin_password)
    overview = client.get("/personale/")
    rows = [row for row, _lists in overview.context["rows"]]
    assert len(rows) >= 6
    lengths = {}
    for row in rows:
        for slug, exporter in MEETING_EXPORTERS.items():
            if slug == "workshops" and not row.workshops:
                continue
            for fmt in exporter.formats:
                response = client.get(export_url(row.meeting, slug, fmt))
                assert response.status_code == 200, (row.meeting.code, slug, fmt)
                data = body(response)
                if fmt == "csv":
                    lengths[(row.meeting.code, slug)] = len(read_csv(data)) - 1
    # Every kind of list has content for some demo meeting.
    for slug in ("deltagere", "forplejning", "workshops", "venteliste"):
        assert max(n for (code, kind), n in lengths.items() if kind == slug) > 0, slug
    busiest = max(rows, key=lambda row: row.confirmed).meeting
    name = Registration.objects.filter(meeting=busiest, status=RegistrationStatus.CONFIRMED).first().name
    for slug in ("underskriftsliste", "navneskilte"):
        assert name in pdf_text(body(client.get(export_url(busiest, slug, "pdf"))))
    assert Registration.objects.exclude(diets=[]).exists()
    assert client.get("/personale/fremmoede/").context["rows"]


def test_overview_shows_the_coming_meetings_in_pages(secretariat_client):
    from registration.views_staff import OVERVIEW_PAGE_SIZE

    meetings = [MeetingFactory(title=f"Møde {index:02d}") for index in range(OVERVIEW_PAGE_SIZE + 3)]
    first = secretariat_client.get("/personale/")
    assert [row.meeting for row, _lists in first.context["rows"]] == meetings[:OVERVIEW_PAGE_SIZE]
    assert "?side=2" in first.content.decode()
    second = secretariat_client.get("/personale/?side=2")
    assert [row.meeting for row, _lists in second.context["rows"]] == meetings[OVERVIEW_PAGE_SIZE:]
    # The chart still counts every coming meeting with seats; a page number out of range shows the last page.
    assert second.context["fill_chart"].with_seats == len(meetings)
    assert secretariat_client.get("/personale/?side=99").context["rows"] == second.context["rows"]
