"""Evaluation: the day after a meeting each participant gets a link (no login) to rate it 1-5 with a comment."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from craft import services
from craft.models import Evaluation
from craft.tests.factories import EvaluationFactory
from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory, local
from outbox.models import OutgoingEmail
from registration.enums import RegistrationStatus
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 23)  # a Thursday


@pytest.fixture
def held(network):
    return MeetingFactory(
        network=network,
        title="Frivillige og foreninger",
        starts_at=local(DAY, 13, 0),
        ends_at=local(DAY, 15, 30),
        registration_deadline=local(DAY - dt.timedelta(days=7), 12, 0),
    )


def requests(meeting=None):
    rows = OutgoingEmail.objects.filter(template="evaluation_request")
    return sorted(rows.values_list("recipient", flat=True))


def test_evaluation_email_goes_out_at_nine_the_day_after(held):
    RegistrationFactory(meeting=held, email="aase@example.dk")
    assert services.evaluation_requests_send(now=local(DAY, 18, 0)) == 0
    assert services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=1), 8, 59)) == 0
    assert services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=1), 9, 0)) == 1
    assert requests() == ["aase@example.dk"]


def test_evaluation_email_is_sent_once_however_often_the_job_runs(held):
    RegistrationFactory(meeting=held)
    later = local(DAY + dt.timedelta(days=1), 10, 0)
    services.evaluation_requests_send(now=later)
    services.evaluation_requests_send(now=later + dt.timedelta(hours=1))
    assert OutgoingEmail.objects.filter(template="evaluation_request").count() == 1


def test_only_those_checked_in_get_it_when_the_door_checked_in(held):
    RegistrationFactory(meeting=held, email="kom@example.dk", attended=True)
    RegistrationFactory(meeting=held, email="udeblev@example.dk", attended=False)
    RegistrationFactory(meeting=held, email="afmeldt@example.dk", status=RegistrationStatus.CANCELLED)
    RegistrationFactory(meeting=held, email="venteliste@example.dk", status=RegistrationStatus.WAITING)
    services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=1), 9, 0))
    assert requests() == ["kom@example.dk"]


def test_every_confirmed_participant_gets_it_when_nobody_checked_in(held):
    RegistrationFactory(meeting=held, email="a@example.dk")
    RegistrationFactory(meeting=held, email="b@example.dk")
    RegistrationFactory(meeting=held, email="c@example.dk", status=RegistrationStatus.CANCELLED)
    services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=1), 9, 0))
    assert requests() == ["a@example.dk", "b@example.dk"]


def test_no_evaluation_email_for_cancelled_or_long_past_meetings(network, held):
    cancelled = MeetingFactory(
        network=network,
        status=MeetingStatus.CANCELLED,
        starts_at=local(DAY, 9, 0),
        ends_at=local(DAY, 11, 0),
        registration_deadline=local(DAY, 8, 0),
    )
    RegistrationFactory(meeting=cancelled)
    RegistrationFactory(meeting=held)
    assert services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=30), 9, 0)) == 0


def test_the_link_opens_the_form_without_login_and_stores_one_answer(client, held):
    registration = RegistrationFactory(meeting=held, email="aase@example.dk", attended=True)
    services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=1), 9, 0))
    email = OutgoingEmail.objects.get(template="evaluation_request")
    path = urlparse(re.search(r"https?://\S+/evaluering/\S+/", email.text_body).group(0)).path
    assert held.title in client.get(path).content.decode()

    response = client.post(path, {"rating": "4", "comment": "Godt med lang workshop."})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.registration, evaluation.rating, evaluation.comment) == (
        registration,
        4,
        "Godt med lang workshop.",
    )

    again = client.post(path, {"rating": "1", "comment": "Igen"})
    assert again.status_code == 200 and again.context["existing"] == evaluation
    assert Evaluation.objects.count() == 1


def test_one_answer_per_registration_is_a_database_constraint(held):
    registration = RegistrationFactory(meeting=held)
    EvaluationFactory(registration=registration)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(registration=registration, rating=5)
    with pytest.raises(services.CraftError):
        services.evaluation_submit(registration=registration, rating=5, now=local(DAY, 16, 0))


def test_rating_outside_one_to_five_is_refused(client, held):
    registration = RegistrationFactory(meeting=held)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(registration=registration, rating=6)
    token = services.evaluation_token(registration=registration)
    response = client.post(reverse("craft:evaluation", args=[token]), {"rating": "0"})
    assert response.status_code == 400
    assert not Evaluation.objects.exists()


def test_tampered_and_foreign_links_find_nothing(client, held):
    registration = RegistrationFactory(meeting=held)
    token = services.evaluation_token(registration=registration)
    assert client.get(reverse("craft:evaluation", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("craft:evaluation", args=["1"])).status_code == 404
    registration.status = RegistrationStatus.CANCELLED
    registration.save()
    assert client.get(reverse("craft:evaluation", args=[token])).status_code == 404


def test_link_expires(client, held, settings):
    registration = RegistrationFactory(meeting=held)
    with time_machine.travel(local(DAY + dt.timedelta(days=1), 9, 0)):
        token = services.evaluation_token(registration=registration)
    with time_machine.travel(local(DAY + dt.timedelta(days=settings.EVALUATION_LINK_DAYS + 2), 9, 0)):
        assert client.get(reverse("craft:evaluation", args=[token])).status_code == 410


def test_cannot_evaluate_before_the_meeting(network):
    meeting = MeetingFactory(network=network)
    registration = RegistrationFactory(meeting=meeting)
    with pytest.raises(services.CraftError):
        services.evaluation_submit(registration=registration, rating=5)


def test_who_answered_gets_no_email(held):
    EvaluationFactory(registration=RegistrationFactory(meeting=held, email="svarede@example.dk"))
    RegistrationFactory(meeting=held, email="mangler@example.dk")
    services.evaluation_requests_send(now=local(DAY + dt.timedelta(days=1), 9, 0))
    assert requests() == ["mangler@example.dk"]


# --- Results for the coordinator -----------------------------------------------------------


def _answers(meeting, ratings):
    for index, rating in enumerate(ratings):
        EvaluationFactory(
            registration=RegistrationFactory(meeting=meeting, attended=True), rating=rating, comment=f"Svar {index}"
        )


def test_coordinator_sees_results_per_meeting_without_names(login, network, coordinator, held):
    _answers(held, [5, 4, 4, 2])
    RegistrationFactory(meeting=held, attended=True, name="Ikke Svaret")
    response = login(coordinator).get(reverse("craft:evaluation_meeting", args=[network.slug, held.code]))
    summary = response.context["summary"]
    assert (summary.answers, summary.average, response.context["invited"]) == (4, 3.8, 5)
    assert dict(summary.distribution) == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    body = response.content.decode()
    assert "Svar 0" in body and "Ikke Svaret" not in body


def test_coordinator_sees_the_network_over_time(login, network, coordinator, held):
    earlier = MeetingFactory(
        network=network,
        starts_at=local(dt.date(2025, 10, 9), 13, 0),
        ends_at=local(dt.date(2025, 10, 9), 15, 30),
        registration_deadline=local(dt.date(2025, 10, 1), 12, 0),
    )
    _answers(earlier, [3, 3])
    _answers(held, [5, 4])
    MeetingFactory(network=network)  # coming: not in the list
    response = login(coordinator).get(reverse("craft:evaluations", args=[network.slug]))
    rows = response.context["rows"]
    assert [(row.meeting, row.answers, row.average) for row in rows] == [(held, 2, 4.5), (earlier, 2, 3.0)]


def test_members_do_not_see_evaluations(login, network, member, held):
    client = login(member)
    assert client.get(reverse("craft:evaluations", args=[network.slug])).status_code == 403
    assert client.get(reverse("craft:evaluation_meeting", args=[network.slug, held.code])).status_code == 403


def test_working_group_and_secretariat_see_evaluations(client, login, network, planner, held):
    from members.tests.factories import SecretariatUserFactory

    assert login(planner).get(reverse("craft:evaluations", args=[network.slug])).status_code == 200
    assert login(SecretariatUserFactory()).get(reverse("craft:evaluations", args=[network.slug])).status_code == 200


def test_evaluation_overview_keeps_its_query_count(login, network, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(coordinator)
    url = reverse("craft:evaluations", args=[network.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _answers(MeetingFactory(network=network, past=True), [4])
    before = count()
    for _ in range(5):
        _answers(MeetingFactory(network=network, past=True), [3, 5, 4])
    assert count() == before
