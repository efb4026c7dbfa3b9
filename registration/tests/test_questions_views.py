"""A meeting's own questions through every door: sign-up, personal page, lists, data requests, duplicate, admin."""

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.services import meeting_duplicate
from meetings.tests.factories import MeetingFactory
from registration import privacy, services
from registration.models import Registration
from registration.questions.models import Answer, Question, QuestionKind
from registration.tests.factories import RegistrationFactory

from .conftest import form_data
from .exporting import body, export_url, read_csv, read_xlsx, xlsx_rows
from .questions_support import add_question, choice, housing_questions

pytestmark = pytest.mark.django_db


def _answers(registration) -> dict[str, str]:
    return {a.question.identifier: a.display() for a in Answer.objects.filter(registration=registration)}


def test_the_public_form_asks_the_questions_and_saves_the_answers(client):
    meeting = MeetingFactory(capacity=10)
    area, other = housing_questions(meeting)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Hvilket boligområde kommer du fra?" in html
    assert f'data-question="{other.field_name}" data-when-key="{area.field_name}"' in html
    assert "/static/js/questions.js" in html
    response = client.post(
        meeting.get_absolute_url(),
        form_data(**{f"q-{area.field_name}": str(choice(area, "Andet").pk), f"q-{other.field_name}": "Skovparken"}),
    )
    assert response.status_code == 302
    assert _answers(Registration.objects.get()) == {"boligomraade": "Andet", "andet-boligomraade": "Skovparken"}


def test_a_shown_required_follow_up_is_asked_for_and_a_hidden_one_is_dropped(client):
    meeting = MeetingFactory(capacity=10)
    area, other = housing_questions(meeting)
    andet = form_data(**{f"q-{area.field_name}": str(choice(area, "Andet").pk)})
    response = client.post(meeting.get_absolute_url(), andet)
    assert response.status_code == 400
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not Registration.objects.exists()
    gellerup = form_data(**{f"q-{area.field_name}": str(choice(area, "Gellerup").pk), f"q-{other.field_name}": "Glemt"})
    assert client.post(meeting.get_absolute_url(), gellerup).status_code == 302
    assert _answers(Registration.objects.get()) == {"boligomraade": "Gellerup"}


def test_a_full_choice_is_refused_on_the_form_and_under_the_seat_lock():
    meeting = MeetingFactory(capacity=10)
    area, _other = housing_questions(meeting)
    bus = choice(area, "Bus fra Vollsmose")
    for n in range(2):
        services.registration_create(
            meeting=meeting, data={"name": f"P{n}"}, email=f"p{n}@example.dk", answers={area: [bus]}
        )
    response = Client().post(meeting.get_absolute_url(), form_data(**{f"q-{area.field_name}": str(bus.pk)}))
    assert response.status_code == 400
    assert "Der er ikke flere pladser til “Bus fra Vollsmose”." in response.content.decode()
    with pytest.raises(services.RegistrationError, match="Der er ikke flere pladser"):
        services.registration_create(meeting=meeting, data={"name": "P"}, email="p@example.dk", answers={area: [bus]})
    # Nothing of the refused sign-up was kept; a cancellation frees the place.
    assert Registration.objects.filter(meeting=meeting).count() == 2
    services.registration_cancel(registration=Registration.objects.first())
    services.registration_create(meeting=meeting, data={"name": "P"}, email="p@example.dk", answers={area: [bus]})


def _personal(registration):
    return reverse("registration:personal", kwargs={"token": registration.token})


def test_the_personal_page_shows_and_changes_the_answers_until_the_deadline(client):
    meeting = MeetingFactory(capacity=10)
    area, other = housing_questions(meeting)
    registration = services.registration_create(
        meeting=meeting, data={"name": "Åse"}, email="aase@example.dk", answers={area: [choice(area, "Gellerup")]}
    ).registration
    html = client.get(_personal(registration)).content.decode()
    assert "Dine svar" in html and "Gellerup" in html
    change = form_data(
        **{"name": "Åse", f"q-{area.field_name}": str(choice(area, "Andet").pk), f"q-{other.field_name}": "Skovparken"}
    )
    with time_machine.travel(meeting.registration_deadline - dt.timedelta(minutes=1), tick=False):
        assert client.post(_personal(registration), change).status_code == 302
    assert _answers(registration) == {"boligomraade": "Andet", "andet-boligomraade": "Skovparken"}
    late = form_data(**{"name": "Åse", f"q-{area.field_name}": str(choice(area, "Gellerup").pk)})
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(minutes=1), tick=False):
        response = client.post(_personal(registration), late)
        assert response.status_code == 409
        assert f'name="q-{area.field_name}"' not in response.content.decode()
        assert "Skovparken" in response.content.decode()
    assert _answers(registration) == {"boligomraade": "Andet", "andet-boligomraade": "Skovparken"}


def test_keeping_ones_own_place_on_a_full_choice_is_allowed_on_the_personal_page(client):
    meeting = MeetingFactory(capacity=10)
    area, _other = housing_questions(meeting)
    bus = choice(area, "Bus fra Vollsmose")
    first, second = (
        services.registration_create(meeting=meeting, data={"name": n}, email=f"{n}@example.dk", answers={area: [bus]})
        for n in ("a", "b")
    )
    page = client.get(_personal(first.registration)).content.decode()
    assert "Bus fra Vollsmose (1 plads tilbage)" in page
    keep = form_data(**{"name": "A", f"q-{area.field_name}": str(bus.pk)})
    assert client.post(_personal(first.registration), keep).status_code == 302


def _meeting_with_answers(n_questions=2):
    meeting = MeetingFactory(capacity=50)
    area, other = housing_questions(meeting)
    count = add_question(meeting, "Hvor mange beboere tager du med?", QuestionKind.NUMBER, identifier="beboere")
    day = add_question(meeting, "Hvornår kan du?", QuestionKind.DATE, identifier="dato")
    extra = [add_question(meeting, f"Ekstra {i}", identifier=f"ekstra-{i}") for i in range(max(n_questions - 4, 0))]
    a = services.registration_create(
        meeting=meeting,
        data={"name": "Åse"},
        email="aase@example.dk",
        answers={area: [choice(area, "Andet")], other: "Skovparken", count: 3, day: dt.date(2027, 1, 5)},
    ).registration
    b = services.registration_create(
        meeting=meeting, data={"name": "Bo"}, email="bo@example.dk", answers={area: [choice(area, "Gellerup")]}
    ).registration
    for question in extra:
        Answer.objects.create(registration=a, question=question, value="x")
    return meeting, a, b


def test_the_participant_csv_and_xlsx_have_one_column_per_question_headed_by_its_identifier(secretariat_client):
    meeting, _a, _b = _meeting_with_answers()
    Question.objects.filter(identifier="boligomraade").update(label="Hvor bor du?")  # new words, same column
    rows = read_csv(body(secretariat_client.get(export_url(meeting, "deltagere", "csv"))))
    header = rows[0]
    assert header[-4:] == ["boligomraade", "andet-boligomraade", "beboere", "dato"]
    by_name = {row[0]: row[-4:] for row in rows[1:]}
    assert by_name == {"Åse": ["Andet", "Skovparken", "3", "2027-01-05"], "Bo": ["Gellerup", "", "", ""]}
    sheet = xlsx_rows(read_xlsx(body(secretariat_client.get(export_url(meeting, "deltagere", "xlsx")))))
    assert sheet[0][-4:] == ["boligomraade", "andet-boligomraade", "beboere", "dato"]
    assert {row[0]: row[-4:] for row in sheet[1:]} == {
        "Åse": ["Andet", "Skovparken", 3, dt.datetime(2027, 1, 5)],
        "Bo": ["Gellerup", None, None, None],
    }


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def test_query_counts_stay_flat_with_1_and_20_questions(secretariat_client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    counts = {}
    for n in (1, 20):
        meeting = MeetingFactory(capacity=100)
        questions = [
            add_question(meeting, f"Spørgsmål {i}", QuestionKind.SINGLE_CHOICE, choices=[("A", 10), "B"])
            for i in range(n)
        ]
        data = form_data(email=f"n{n}@example.dk", **{f"q-{q.field_name}": str(choice(q, "A").pk) for q in questions})
        for i in range(3):
            RegistrationFactory(meeting=meeting, email=f"r{i}-{n}@example.dk")
        page = _queries(lambda m=meeting: Client().get(m.get_absolute_url()))
        post = _queries(lambda m=meeting, d=data: Client().post(m.get_absolute_url(), d))
        assert Answer.objects.filter(question__meeting=meeting).count() == n
        export = _queries(lambda m=meeting: body(secretariat_client.get(export_url(m, "deltagere", "csv"))))
        # The participant's own page (with their answers) and the meeting's admin form (the questions inline).
        mine = Registration.objects.get(meeting=meeting, email=f"n{n}@example.dk")
        personal = _queries(lambda r=mine: Client().get(reverse("registration:personal", kwargs={"token": r.token})))
        admin = f"/admin/meetings/meeting/{meeting.pk}/change/"
        secretariat_client.get(admin)  # the first admin page of the session fills per-process caches
        change = _queries(lambda url=admin: secretariat_client.get(url))
        counts[n] = (page, post, export, personal, change)
    print(f"queries (page, sign-up, export, personal page, admin form) by questions: {counts}")
    assert counts[1] == counts[20], counts


@pytest.mark.services("postgresql")  # SQLite splits a bulk insert into batches of its 999 parameters
def test_query_counts_of_a_sign_up_with_colleagues_stay_flat_with_1_and_20_questions_and_1_and_50_colleagues(
    settings,
):
    settings.PAGE_CACHE_SECONDS = 0
    # 51 people answering 20 questions are 1,070 fields: the site's DATA_UPLOAD_MAX_NUMBER_FIELDS takes them.
    counts = {}
    for n, colleagues in ((1, 1), (1, 50), (20, 1), (20, 50)):
        meeting = MeetingFactory(capacity=100, max_colleagues=50)
        questions = [
            add_question(meeting, f"Spørgsmål {i}", QuestionKind.SINGLE_CHOICE, choices=[("A", 10), "B"])
            for i in range(n)
        ]
        data = form_data(email=f"b{n}-{colleagues}@example.dk")
        for q in questions:
            data[f"q-{q.field_name}"] = str(choice(q, "A").pk)  # a choice with places: counted under the lock
        for c in range(1, colleagues + 1):
            data.update({f"c{c}-name": f"Kollega {c}", f"c{c}-email": f"k{c}-{n}-{colleagues}@example.dk"})
            data.update({f"c{c}-{q.field_name}": str(choice(q, "B").pk) for q in questions})
        post = _queries(lambda m=meeting, d=data: Client().post(m.get_absolute_url(), d))
        assert Registration.objects.filter(meeting=meeting).count() == 1 + colleagues
        assert Answer.objects.filter(question__meeting=meeting).count() == n * (1 + colleagues)
        counts[(n, colleagues)] = post
    print(f"queries of a sign-up with colleagues (questions, colleagues): {counts}")
    assert len(set(counts.values())) == 1, counts


def test_the_personal_data_export_holds_the_answers_and_erasing_removes_them():
    meeting, a, _b = _meeting_with_answers()
    data = privacy.personal_data_for_email(email="aase@example.dk")
    answers = json.loads(json.dumps(data))["registrations"][0]["answers"]
    assert {
        "question": "Hvilket andet boligområde?",
        "identifier": "andet-boligomraade",
        "answer": "Skovparken",
    } in answers
    assert privacy.personal_data_erase(email="aase@example.dk") == 1
    assert not Answer.objects.filter(registration=a).exists()


def test_retention_anonymises_the_answers_of_old_meetings_with_the_rest():
    meeting, a, b = _meeting_with_answers()
    later = meeting.ends_at + dt.timedelta(days=10_000)
    privacy.registrations_apply_retention(now=later)
    assert not Answer.objects.filter(question__meeting=meeting).exists()
    assert Registration.objects.filter(meeting=meeting).count() == 2


def test_duplicate_meeting_copies_the_questions_choices_and_conditions():
    meeting = MeetingFactory()
    area, other = housing_questions(meeting)
    copy = meeting_duplicate(meeting=meeting, starts_at=meeting.starts_at + dt.timedelta(days=91), by=None)
    copied_area, copied_other = Question.objects.filter(meeting=copy).order_by("order")
    assert [c.label for c in copied_area.choices.all()] == ["Gellerup", "Bus fra Vollsmose", "Andet"]
    assert copied_area.choices.get(label="Bus fra Vollsmose").capacity == 2
    assert (copied_other.identifier, copied_other.required) == ("andet-boligomraade", True)
    assert copied_other.condition_question == copied_area
    assert copied_other.condition_value == str(copied_area.choices.get(label="Andet").pk)
    assert list(Question.objects.filter(meeting=meeting)) == [area, other]


def test_a_consultant_adds_questions_with_choices_and_a_condition_in_the_meeting_admin(consultant_client, consultant):
    from netvaerk.tests.access_walk_support import admin_form_payload

    meeting = MeetingFactory(responsible=consultant, network=None)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = consultant_client.get(url)
    assert page.status_code == 200 and "Spørgsmål til deltagerne" in page.content.decode()
    payload = admin_form_payload(page)
    payload.update(
        {
            "questions-TOTAL_FORMS": "1",
            "questions-0-order": "1",
            "questions-0-label": "Hvilket boligområde kommer du fra?",
            "questions-0-kind": "single_choice",
            "questions-0-required": "on",
            "questions-0-choices_text": "Gellerup\nBus fra Vollsmose | 20\nAndet",
        }
    )
    response = consultant_client.post(url, payload)
    assert response.status_code == 302, response.context["inline_admin_formsets"][-1].formset.errors
    area = Question.objects.get(meeting=meeting)
    assert area.identifier == "hvilket-boligomrade-kommer-du-fra"
    assert [(c.label, c.capacity) for c in area.choices.all()] == [
        ("Gellerup", None),
        ("Bus fra Vollsmose", 20),
        ("Andet", None),
    ]
    andet = choice(area, "Andet")

    page = consultant_client.get(url)
    payload = admin_form_payload(page)
    payload.update(
        {
            "questions-TOTAL_FORMS": "2",
            "questions-1-order": "2",
            "questions-1-label": "Hvilket andet område?",
            "questions-1-kind": "short_text",
            "questions-1-condition": f"{area.pk}:{andet.pk}",
            # A renamed choice that nobody has picked is replaced; the others keep their ids.
            "questions-0-choices_text": "Gellerup\nBus fra Vollsmose | 25\nAndet",
        }
    )
    response = consultant_client.post(url, payload)
    assert response.status_code == 302
    follow_up = Question.objects.get(meeting=meeting, order=2)
    assert (follow_up.condition_question, follow_up.condition_value) == (area, str(andet.pk))
    assert choice(area, "Andet").pk == andet.pk and choice(area, "Bus fra Vollsmose").capacity == 25


def test_the_admin_refuses_a_condition_on_a_question_below_and_removing_a_chosen_choice(consultant_client, consultant):
    from netvaerk.tests.access_walk_support import admin_form_payload

    meeting = MeetingFactory(responsible=consultant, network=None, capacity=10)
    first = add_question(meeting, "Tager du bussen?", QuestionKind.YES_NO, order=5)
    area = add_question(meeting, "Område", QuestionKind.SINGLE_CHOICE, choices=["Gellerup", "Andet"], order=1)
    services.registration_create(
        meeting=meeting, data={"name": "Å"}, email="a@example.dk", answers={area: [choice(area, "Gellerup")]}
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    payload = admin_form_payload(consultant_client.get(url))
    index = {payload[f"questions-{i}-id"]: i for i in range(2)}
    payload[f"questions-{index[str(area.pk)]}-condition"] = f"{first.pk}:yes"
    payload[f"questions-{index[str(area.pk)]}-choices_text"] = "Andet"
    response = consultant_client.post(url, payload)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Spørgsmålet, det afhænger af, skal stå før dette." in html
    assert "“Gellerup” er valgt af 1 tilmeldinger og kan ikke fjernes." in html
    assert Question.objects.get(pk=area.pk).condition_question is None


def test_a_meeting_without_registrations_is_deleted_with_its_questions_but_a_depended_on_question_stays():
    from django.db.models import RestrictedError

    meeting = MeetingFactory()
    area, _other = housing_questions(meeting)
    with pytest.raises(RestrictedError):
        area.delete()
    meeting.delete()
    assert not Question.objects.exists()
