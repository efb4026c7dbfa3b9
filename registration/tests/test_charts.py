"""The charts of the staff pages: fill rate on /personale/, attendance per network on /personale/fremmoede/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.tests.factories import MeetingFactory
from registration.charts import FILL_CHART_MEETINGS
from registration.enums import ExportKind, RegistrationStatus
from registration.models import ExportLog
from registration.tests.factories import RegistrationFactory

from .exporting import body, own_meeting, read_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client):
    from members.tests.factories import SecretariatUserFactory

    client.force_login(SecretariatUserFactory())
    return client


def _fill(meeting, confirmed, waiting=0):
    for _n in range(confirmed):
        RegistrationFactory(meeting=meeting)
    for _n in range(waiting):
        RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, confirmed_at=None)


def test_overview_draws_the_fill_rate_with_its_table_and_csv(secretariat_client):
    full = MeetingFactory(title="Fuldt møde", capacity=4)
    _fill(full, 4, waiting=2)
    low = MeetingFactory(title="Tomt møde", capacity=10)
    _fill(low, 1)
    MeetingFactory(title="Møde uden loft", capacity=None)

    page = secretariat_client.get("/personale/").content.decode()

    chart = page[page.index('<svg class="chart chart-bars"') : page.index("</svg>")]
    assert '<title id="fill-rate-title">Belægning på de kommende møder</title>' in chart
    assert "1 er fuldt." in chart and "1 er under halvt fyldt." in chart
    assert "Lavest: Tomt møde" in chart and "10\u00a0%" in chart
    assert "Fuldt møde: 4 af 4 pladser, 2 på venteliste" in chart
    assert "chart-bar-full" in chart and "chart-bar-low" in chart
    assert "Møde uden loft" not in chart
    table = page[page.index('<table class="table table-sm chart-table') :]
    assert 'Fuldt møde</th><td class="text-end text-nowrap">4 / 4</td><td class="text-end text-nowrap">100 %' in table
    assert 'href="/personale/fyldning.csv"' in page

    response = secretariat_client.get("/personale/fyldning.csv")
    rows = read_csv(body(response))
    assert rows[0] == ["Møde-ID", "Mødedato", "Møde", "Netværk", "Pladser", "Bekræftet", "Belægning (%)", "Venteliste"]
    assert [(row[2], row[4], row[5], row[6], row[7]) for row in rows[1:]] == [
        ("Fuldt møde", "4", "4", "100", "2"),
        ("Tomt møde", "10", "1", "10", "0"),
    ]
    log = ExportLog.objects.get()
    assert (log.kind, log.format, log.row_count) == (ExportKind.FILL_RATE, "csv", 2)


def test_fill_rate_chart_draws_the_next_meetings_and_the_csv_has_all(secretariat_client):
    for _n in range(FILL_CHART_MEETINGS + 3):
        MeetingFactory(capacity=10)

    response = secretariat_client.get("/personale/")

    assert len(response.context["fill_chart"].rows) == FILL_CHART_MEETINGS
    assert response.content.decode().count('class="chart-row"') == FILL_CHART_MEETINGS
    assert f"alle {FILL_CHART_MEETINGS + 3} kommende møder" in response.content.decode()
    assert len(read_csv(body(secretariat_client.get("/personale/fyldning.csv")))) == FILL_CHART_MEETINGS + 4


def test_overview_without_meetings_with_seats_draws_no_chart(secretariat_client):
    MeetingFactory(capacity=None)

    response = secretariat_client.get("/personale/")

    assert response.context["fill_chart"] is None
    assert "<svg" not in response.content.decode()


def test_a_consultants_charts_and_figures_show_only_their_networks(consultant_client, consultant):
    own_meeting(consultant, title="Mit møde", capacity=10)
    MeetingFactory(title="Andres møde", capacity=10)
    past_mine = own_meeting(consultant, past=True)
    RegistrationFactory(meeting=past_mine, attended=True)
    past_theirs = MeetingFactory(past=True)
    RegistrationFactory(meeting=past_theirs, attended=True)

    overview = consultant_client.get("/personale/").content.decode()
    fill_csv = body(consultant_client.get("/personale/fyldning.csv")).decode("utf-8-sig")
    attendance = consultant_client.get("/personale/fremmoede/").content.decode()

    assert "Mit møde" in overview and "Andres møde" not in overview
    assert "Mit møde" in fill_csv and "Andres møde" not in fill_csv
    assert f"Fremmøde: {past_mine.network.name}" in attendance
    assert past_theirs.network.name not in attendance


def test_attendance_page_draws_each_network_over_the_years(secretariat_client):
    import datetime as dt

    from django.utils import timezone

    from netvaerk.tests.factories import NetworkFactory

    network = NetworkFactory(name="Sociale viceværter")
    for year, attended, absent in [(2022, 3, 1), (2024, 5, 0)]:
        start = timezone.make_aware(dt.datetime(year, 5, 12, 9, 30))
        meeting = MeetingFactory(network=network, starts_at=start, registration_deadline=start - dt.timedelta(days=3))
        for _n in range(attended):
            RegistrationFactory(meeting=meeting, attended=True)
        for _n in range(absent):
            RegistrationFactory(meeting=meeting, attended=False)

    page = secretariat_client.get("/personale/fremmoede/?year_from=2022&year_to=").content.decode()

    chart = page[page.index('<svg class="chart chart-columns"') : page.index("</svg>")]
    assert '<title id="attendance-0-title">Fremmøde: Sociale viceværter</title>' in chart
    assert "Tilmeldte (lys) og fremmødte (mørk) pr. år, 2022-2024." in chart
    assert "Flest fremmødte i 2024: 5." in chart
    assert "Senest, 2024: 5 mødt op af 5 tilmeldte." in chart
    assert "2023: ingen afholdte møder" in chart
    assert "2022: 3 mødt op af 4 tilmeldte til 1 møder" in chart
    assert "<figcaption" in page and 'href="/personale/fremmoede.csv?year_from=2022&amp;year_to="' in page


@pytest.mark.parametrize("url", ["/personale/", "/personale/fremmoede/"])
def test_chart_pages_query_count_does_not_grow_with_meetings(secretariat_client, url):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert secretariat_client.get(url).status_code == 200
        return len(context)

    RegistrationFactory(meeting=MeetingFactory(past=True))
    RegistrationFactory(meeting=MeetingFactory())
    one = queries()
    for _n in range(6):
        RegistrationFactory(meeting=MeetingFactory(past=True))
        RegistrationFactory(meeting=MeetingFactory())
    assert queries() == one


def test_fill_rate_csv_needs_the_export_right(client):
    from members.tests.factories import UserFactory

    assert client.get("/personale/fyldning.csv").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/personale/fyldning.csv").status_code == 403
    assert not ExportLog.objects.exists()
