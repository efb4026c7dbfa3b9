"""Each kind of question validates what people type, with a Danish message, and conditions decide what counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import QueryDict

from registration.questions.forms import QuestionsForm
from registration.questions.models import QuestionKind
from registration.questions.selectors import meeting_questions

from .questions_support import add_question, choice, housing_questions

pytestmark = pytest.mark.django_db


def _form(meeting, data, taken=None):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(f"q-{key}", value if isinstance(value, list) else [value])
    return QuestionsForm(query, questions=meeting_questions(meeting=meeting), taken=taken or {}, prefix="q")


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (QuestionKind.NUMBER, "tolv", "Indtast et tal."),
        (QuestionKind.NUMBER, "1e309", "Der må maksimalt være 12 cifre i alt."),
        (QuestionKind.NUMBER, "NaN", "Indtast et tal."),
        (QuestionKind.NUMBER, "9" * 40, "Der må maksimalt være 12 cifre i alt."),
        (QuestionKind.DATE, "31.02.2027", "Indtast en gyldig dato."),
        (QuestionKind.DATE, "9999-99-99", "Indtast en gyldig dato."),
        (QuestionKind.SHORT_TEXT, "x" * 301, "Denne værdi må højst have 300 tegn (den har 301)."),
        (QuestionKind.LONG_TEXT, "x" * 2001, "Denne værdi må højst have 2000 tegn (den har 2001)."),
        (QuestionKind.SHORT_TEXT, "a\x00b", "Fjern de usynlige kontroltegn fra teksten."),
        (
            QuestionKind.YES_NO,
            "maaske",
            "Marker en gyldig valgmulighed. maaske er ikke en af de tilgængelige valgmuligheder.",
        ),
        (
            QuestionKind.SINGLE_CHOICE,
            "999999",
            "Marker en gyldig valgmulighed. 999999 er ikke en af de tilgængelige valgmuligheder.",
        ),
        (
            QuestionKind.MULTIPLE_CHOICE,
            ["x"],
            "Marker en gyldig valgmulighed. x er ikke en af de tilgængelige valgmuligheder.",
        ),
    ],
)
def test_each_kind_refuses_bad_input_with_a_danish_message(meeting, kind, value, message):
    question = add_question(meeting, "Spørgsmål", kind, choices=["A", "B"] if "choice" in kind else ())
    form = _form(meeting, {question.field_name: value})
    assert not form.is_valid()
    assert form.errors[question.field_name][0] == message


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (QuestionKind.SHORT_TEXT, "  Gellerup  ", "Gellerup"),
        (QuestionKind.LONG_TEXT, "To\nlinjer", "To\nlinjer"),
        (QuestionKind.YES_NO, "no", False),
        (QuestionKind.NUMBER, "12,5", Decimal("12.5")),
        (QuestionKind.NUMBER, "1 250", Decimal("1250")),
        (QuestionKind.DATE, "24.12.2027", dt.date(2027, 12, 24)),
        (QuestionKind.DATE, "2027-12-24", dt.date(2027, 12, 24)),
    ],
)
def test_each_kind_gives_a_typed_answer(meeting, kind, value, expected):
    question = add_question(meeting, "Spørgsmål", kind)
    form = _form(meeting, {question.field_name: value})
    assert form.is_valid(), form.errors
    assert form.answers() == {question: expected}


def test_choice_questions_answer_with_their_choices(meeting):
    one = add_question(meeting, "Én", QuestionKind.SINGLE_CHOICE, choices=["A", "B"])
    many = add_question(meeting, "Flere", QuestionKind.MULTIPLE_CHOICE, choices=["X", "Y", "Z"])
    form = _form(
        meeting,
        {
            one.field_name: str(choice(one, "B").pk),
            many.field_name: [str(choice(many, "X").pk), str(choice(many, "Z").pk)],
        },
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {one: [choice(one, "B")], many: [choice(many, "X"), choice(many, "Z")]}


def test_a_required_question_says_so_in_danish(meeting):
    question = add_question(meeting, "Spørgsmål", required=True)
    form = _form(meeting, {})
    assert not form.is_valid()
    assert form.errors[question.field_name] == ["Dette felt er påkrævet."]


def test_a_hidden_question_is_not_required_and_its_answer_is_dropped(meeting):
    area, other = housing_questions(meeting)
    # "Gellerup": the follow-up is hidden; what was typed into it (even too long) does not count.
    form = _form(meeting, {area.field_name: str(choice(area, "Gellerup").pk), other.field_name: "x" * 400})
    assert form.is_valid(), form.errors
    assert form.answers() == {area: [choice(area, "Gellerup")]}
    # "Andet": the follow-up is shown and required.
    form = _form(meeting, {area.field_name: str(choice(area, "Andet").pk)})
    assert not form.is_valid()
    assert form.errors == {other.field_name: ["Dette felt er påkrævet."]}


def test_a_full_choice_is_shown_disabled_with_places_left_and_refused(meeting):
    area, _other = housing_questions(meeting)
    bus = choice(area, "Bus fra Vollsmose")
    form = _form(meeting, {area.field_name: str(bus.pk)}, taken={bus.pk: 1})
    assert "Bus fra Vollsmose (1 plads tilbage)" in str(form[area.field_name])
    assert form.is_valid()
    form = _form(meeting, {area.field_name: str(bus.pk)}, taken={bus.pk: 2})
    html = str(form[area.field_name])
    assert "Bus fra Vollsmose (fuldt)" in html
    assert f'value="{bus.pk}"' in html and html.count("disabled") == 1
    assert not form.is_valid()
    assert form.errors[area.field_name] == ["Der er ikke flere pladser til “Bus fra Vollsmose”."]
