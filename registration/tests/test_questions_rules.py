"""The condition rule, fuzzed: the server's form and saving follow it, and the page's script agrees.

``visible_keys`` (registration/questions/rules.py) is checked against a
reference written the other way round (recursively, by following each
question's condition up), then through real questions in the database: the
form requires exactly the shown required questions and keeps exactly the
shown answers, and the saving drops hidden answers the same way. The same
generated cases run through ``static/js/questions.js`` in Node here, and in
Chromium on the real page in test_questions_browser.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.conf import settings as django_settings
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.tests.factories import MeetingFactory
from registration.questions.forms import QuestionsForm
from registration.questions.models import Answer, QuestionKind
from registration.questions.rules import Rule, visible_keys
from registration.questions.selectors import meeting_questions
from registration.questions.services import answers_save
from registration.tests.factories import RegistrationFactory

from .questions_support import add_question

SCRIPT = django_settings.BASE_DIR / "static" / "js" / "questions.js"
KINDS = [QuestionKind.YES_NO, QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SHORT_TEXT]


@st.composite
def shapes(draw, max_questions=7):
    """Questions as (kind, number of choices, required, condition), the condition naming an earlier question."""
    n = draw(st.integers(1, max_questions))
    shape = []
    for index in range(n):
        kind = draw(st.sampled_from(KINDS))
        choices = draw(st.integers(1, 3)) if "choice" in kind else 0
        when = None
        earlier = [j for j in range(index) if shape[j][0] != QuestionKind.SHORT_TEXT]
        if earlier and draw(st.booleans()):
            parent = draw(st.sampled_from(earlier))
            when = (parent, draw(st.integers(0, max(shape[parent][1], 2) - 1)))
        shape.append((kind, choices, draw(st.booleans()), when))
    return shape


def _values(kind, choices) -> list[str]:
    return ["yes", "no"] if kind == QuestionKind.YES_NO else [f"c{i}" for i in range(choices)]


@st.composite
def raw_answers(draw, shape):
    """What a form could send for each question (also for hidden ones, also nothing)."""
    raw = {}
    for index, (kind, choices, _required, _when) in enumerate(shape):
        values = _values(kind, choices)
        if kind == QuestionKind.MULTIPLE_CHOICE:
            raw[f"q{index}"] = draw(st.lists(st.sampled_from(values), unique=True))
        elif kind == QuestionKind.SHORT_TEXT:
            raw[f"q{index}"] = draw(st.lists(st.sampled_from(["", "tekst"]), max_size=1))
        else:
            raw[f"q{index}"] = draw(st.lists(st.sampled_from(values), max_size=1))
    return raw


def rules_of(shape) -> list[Rule]:
    rules = []
    for index, (_kind, _choices, _required, when) in enumerate(shape):
        if when is None:
            rules.append(Rule(f"q{index}"))
        else:
            parent = shape[when[0]]
            rules.append(
                Rule(
                    f"q{index}",
                    f"q{when[0]}",
                    _values(parent[0], parent[1])[when[1] % len(_values(parent[0], parent[1]))],
                )
            )
    return rules


def reference(rules: list[Rule], raw) -> set[str]:
    """Shown = no condition, or the parent is shown and was answered with the condition's value."""
    by_key = {rule.key: rule for rule in rules}

    def shown(key) -> bool:
        rule = by_key[key]
        return rule.when_key is None or (shown(rule.when_key) and rule.when_value in raw.get(rule.when_key, []))

    return {rule.key for rule in rules if shown(rule.key)}


cases = shapes().flatmap(lambda shape: st.tuples(st.just(shape), raw_answers(shape)))


@given(cases)
@settings(max_examples=400, deadline=None)
def test_the_rule_shows_a_question_exactly_when_its_chain_of_conditions_is_met(case):
    shape, raw = case
    rules = rules_of(shape)
    assert visible_keys(rules, raw) == reference(rules, raw)


def test_a_condition_on_a_later_question_never_shows_the_question():
    rules = [Rule("q0", "q1", "yes"), Rule("q1")]
    assert visible_keys(rules, {"q1": ["yes"]}) == {"q1"}


# --- The server's form and saving, on real questions ------------------------------------


def _meeting_with(shape):
    meeting = MeetingFactory(capacity=None)
    questions = []
    for index, (kind, choices, required, when) in enumerate(shape):
        condition = None
        if when is not None:
            parent = questions[when[0]]
            if parent.kind == QuestionKind.YES_NO:
                value = ["yes", "no"][when[1] % 2]
            else:
                picks = list(parent.choices.all())
                value = picks[when[1] % len(picks)].pk
            condition = (parent, value)
        questions.append(
            add_question(
                meeting,
                f"Spørgsmål {index}",
                kind,
                choices=[f"Valg {i}" for i in range(choices)],
                when=condition,
                required=required,
            )
        )
    return meeting, questions


def _form_values(question, values) -> list[str]:
    """The case's raw values ("yes", "c1", "tekst") as the form's own (a choice's id)."""
    if "choice" in question.kind:
        picks = list(question.choices.all())
        return [str(picks[int(value[1:])].pk) for value in values]
    return values


@pytest.mark.django_db
@given(cases)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_form_requires_and_keeps_only_the_shown_questions(case):
    shape, raw = case
    meeting, questions = _meeting_with(shape)
    data = QueryDict(mutable=True)
    form_raw = {}
    for index, question in enumerate(questions):
        values = _form_values(question, raw[f"q{index}"])
        data.setlist(f"q-{question.field_name}", values)
        form_raw[question.field_name] = values
    form = QuestionsForm(data, questions=meeting_questions(meeting=meeting), prefix="q")
    rules = form.rules
    shown = visible_keys(rules, form_raw)
    assert shown == reference(rules, form_raw)
    missing = {
        q.field_name for q in questions if q.required and q.field_name in shown and not any(form_raw[q.field_name])
    }
    assert form.is_valid() == (not missing)
    if missing:
        assert set(form.errors) == missing
        return
    answers = form.answers()
    assert {q.field_name for q in answers} == {
        q.field_name for q in questions if q.field_name in shown and any(form_raw[q.field_name])
    }
    # The saving applies the same rule again, and keeps what the form kept.
    registration = RegistrationFactory(meeting=meeting)
    answers_save(registration=registration, answers=answers)
    assert set(Answer.objects.filter(registration=registration).values_list("question_id", flat=True)) == {
        q.pk for q in answers
    }


@pytest.mark.django_db
def test_saving_drops_an_answer_whose_condition_is_not_met_even_when_a_caller_sends_it():
    meeting = MeetingFactory()
    bus = add_question(meeting, "Tager du bussen?", QuestionKind.YES_NO)
    stop = add_question(meeting, "Hvor står du på?", when=(bus, "yes"), required=True)
    registration = RegistrationFactory(meeting=meeting)
    answers_save(registration=registration, answers={bus: False, stop: "Aarhus C"})
    assert [a.question for a in Answer.objects.filter(registration=registration)] == [bus]


# --- The page's script in Node, on the same generated cases -------------------------------------


def _node():
    node = shutil.which("node")
    if node is None:
        if django_settings.REQUIRE_SERVICES:
            pytest.fail("node is not installed (make test installs Debian's nodejs)", pytrace=False)
        pytest.skip("node is not installed")
    return node


NODE_RUNNER = """
const fs = require('fs');
const vm = require('vm');
vm.runInThisContext(fs.readFileSync(process.argv[1], 'utf8'));
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = cases.map(([rules, raw]) => Array.from(globalThis.netvaerkQuestions.visibleKeys(rules, raw)).sort());
process.stdout.write(JSON.stringify(out));
"""


def js_visible(cases_) -> list[list[str]]:
    payload = [
        [[{"key": r.key, "whenKey": r.when_key, "whenValue": r.when_value} for r in rules], raw]
        for rules, raw in cases_
    ]
    result = subprocess.run(
        [_node(), "-e", NODE_RUNNER, str(SCRIPT)], input=json.dumps(payload), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@given(st.lists(cases, min_size=20, max_size=60))
@settings(max_examples=10, deadline=None)
def test_the_pages_script_agrees_with_the_server_on_generated_cases(batch):
    pairs = [(rules_of(shape), raw) for shape, raw in batch]
    assert js_visible(pairs) == [sorted(visible_keys(rules, raw)) for rules, raw in pairs]
