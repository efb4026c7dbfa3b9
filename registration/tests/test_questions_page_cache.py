"""A meeting's questions on the cached public page: places left follow sign-ups and edits, with and without the page cache."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meetings.tests.factories import MeetingFactory
from registration import services
from registration.questions.models import Question, QuestionKind

from .questions_support import add_question, choice, housing_questions

pytestmark = pytest.mark.django_db


def test_places_left_on_the_cached_public_page_follow_sign_ups_and_admin_edits(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        area, _other = housing_questions(meeting)
    bus = choice(area, "Bus fra Vollsmose")
    assert "Bus fra Vollsmose (2 pladser tilbage)" in Client().get(meeting.get_absolute_url()).content.decode()
    assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk", answers={area: [bus]})
    assert "Bus fra Vollsmose (1 plads tilbage)" in Client().get(meeting.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        bus.capacity = 1
        bus.save()
    assert "Bus fra Vollsmose (fuldt)" in Client().get(meeting.get_absolute_url()).content.decode()


def test_after_a_sign_up_the_choices_places_are_counted_only_when_it_answered(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=10)
    area, _other = housing_questions(meeting)
    bus = choice(area, "Bus fra Vollsmose")

    def choice_queries(**answers):
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            services.registration_create(meeting=meeting, data={"name": "A"}, **answers)
        return [q["sql"] for q in queries.captured_queries if "registration_choice" in q["sql"]]

    # The desk entering someone without the questions: the seats are checked after the commit, the choices not.
    assert choice_queries(email="uden@example.dk") == []
    assert choice_queries(email="med@example.dk", answers={area: [bus]})
    assert "Bus fra Vollsmose (1 plads tilbage)" in Client().get(meeting.get_absolute_url()).content.decode()


def test_the_kept_empty_form_follows_places_taken_and_question_edits_without_the_page_cache(settings):
    """The meeting page keeps its rendered empty form (with the questions) under the questions' fingerprint:
    a sign-up that takes a limited place, or a question changed without touching the meeting, shows at once."""
    from pages.meetings import kept_empty_form
    from registration.questions.forms import questions_with_places

    settings.PAGE_CACHE_SECONDS = 0
    meeting = MeetingFactory(capacity=10)
    area, _other = housing_questions(meeting)
    bus = choice(area, "Bus fra Vollsmose")

    def kept_form():
        return kept_empty_form(meeting, questions_with_places(meeting))[1]

    assert "Bus fra Vollsmose (2 pladser tilbage)" in Client().get(meeting.get_absolute_url()).content.decode()
    assert "Bus fra Vollsmose (2 pladser tilbage)" in kept_form()
    services.registration_create(meeting=meeting, data={"name": "A"}, email="a@example.dk", answers={area: [bus]})
    assert kept_form() is None
    assert "Bus fra Vollsmose (1 plads tilbage)" in Client().get(meeting.get_absolute_url()).content.decode()
    Question.objects.filter(pk=area.pk).update(label="Hvor bor du?")
    html = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Hvor bor du?" in html and "Hvilket boligområde kommer du fra?" not in html
    assert "Hvor bor du?" in kept_form()


def test_places_are_counted_for_the_page_only_when_a_choice_has_a_limit(settings):
    settings.PAGE_CACHE_SECONDS = 0
    meeting = MeetingFactory(capacity=10)
    area = add_question(meeting, "Område", QuestionKind.SINGLE_CHOICE, choices=["Gellerup", "Andet"], order=1)

    def counted() -> bool:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(meeting.get_absolute_url()).status_code == 200
        return any("registration_answer_choices" in q["sql"] for q in queries.captured_queries)

    assert not counted()
    area.choices.filter(label="Gellerup").update(capacity=5)
    assert counted()
