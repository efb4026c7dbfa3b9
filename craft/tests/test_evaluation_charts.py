"""The evaluation scores over time in the group space: a chart, the table and the figures as CSV."""

import datetime as dt

import pytest
from django.utils import timezone

from craft.tests.factories import EvaluationFactory
from meetings.tests.factories import MeetingFactory
from registration.enums import ExportKind
from registration.models import ExportLog
from registration.tests.exporting import body, read_csv
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

URL = "/netvaerk/lokalsamfund/gruppe/evalueringer/"
CSV = "/netvaerk/lokalsamfund/gruppe/evalueringer.csv"


def _held(network, title, day, ratings):
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
    meeting = MeetingFactory(
        network=network, title=title, starts_at=start, registration_deadline=start - dt.timedelta(days=3)
    )
    for rating in ratings:
        EvaluationFactory(registration=RegistrationFactory(meeting=meeting, attended=True), rating=rating)
    return meeting


@pytest.fixture
def held(network):
    return [
        _held(network, "Forårsmøde", dt.date(2023, 4, 20), [4, 5]),
        _held(network, "Møde uden svar", dt.date(2024, 2, 8), []),
        _held(network, "Efterårsmøde", dt.date(2025, 10, 2), [3, 3, 4]),
    ]


def test_evaluations_page_draws_the_average_over_time(login, coordinator, held):
    page = login(coordinator).get(URL).content.decode()

    chart = page[page.index('<svg class="chart chart-line-chart"') : page.index("</svg>")]
    assert (
        '<title id="evaluation-scores-title">Evalueringer af Lokalsamfund &amp; medborgerskab over tid</title>' in chart
    )
    assert "Gennemsnitlig vurdering fra 1 til 5 af 2 møder, 2023-2025." in chart
    assert "Senest: 3,3 (Efterårsmøde)." in chart
    assert "Højest: 4,5 (Forårsmøde); lavest: 3,3 (Efterårsmøde)." in chart
    assert "Forårsmøde, 20.04.2023: 4,5 (2 svar)" in chart
    assert chart.count('class="chart-point"') == 2  # the meeting without answers is not a point
    assert "Møde uden svar" in page  # but it is in the table
    assert f'href="{CSV}"' in page


def test_evaluations_csv_has_the_figures_without_names_and_is_logged(login, coordinator, held):
    response = login(coordinator).get(CSV)

    rows = read_csv(body(response))
    assert rows[0][:5] == ["Møde-ID", "Mødedato", "Møde", "Svar", "Gennemsnit (1-5)"]
    assert rows[0][5:] == [f"Vurdering {value}" for value in range(1, 6)]
    assert [row[2:] for row in rows[1:]] == [
        ["Forårsmøde", "2", "4,5", "0", "0", "0", "1", "1"],
        ["Møde uden svar", "0", "", "0", "0", "0", "0", "0"],
        ["Efterårsmøde", "3", "3,3", "0", "0", "2", "1", "0"],
    ]
    assert "Godt møde" not in body(response).decode("utf-8-sig")
    log = ExportLog.objects.get()
    assert (log.kind, log.user, log.network.slug, log.row_count) == (
        ExportKind.EVALUATION_SCORES,
        coordinator,
        "lokalsamfund",
        3,
    )


def test_evaluations_chart_and_csv_are_only_for_those_who_plan_the_network(login, member, outsider, held):
    for user in (member, outsider):
        client = login(user)
        assert client.get(URL).status_code == 403
        assert client.get(CSV).status_code == 403
    assert not ExportLog.objects.exists()


def test_evaluations_of_another_network_are_refused_to_a_consultant(client, held):
    from members.tests.factories import ConsultantFactory
    from netvaerk.tests.factories import NetworkFactory

    consultant = ConsultantFactory()
    NetworkFactory(coordinator=consultant)
    client.force_login(consultant)

    assert client.get(CSV).status_code in (403, 404)
    assert not ExportLog.objects.exists()


def test_evaluations_page_without_answers_draws_no_chart(login, coordinator, network):
    _held(network, "Møde uden svar", dt.date(2024, 2, 8), [])

    page = login(coordinator).get(URL).content.decode()

    assert "<svg" not in page
    assert "evalueringer.csv" not in page
