"""The page's script and the server's rule agree, in Chromium on the real sign-up form.

Generated meetings (a seeded random mix of yes/no, choice and text questions
with conditions on earlier ones) are answered by clicking what is visible;
after every click the questions the page shows are the ones
``visible_keys`` shows for what the form would send. The pure functions are
compared on more generated cases, and one sign-up goes all the way to the
saved answers.
"""

import random

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from meetings.tests.factories import MeetingFactory
from registration.models import Registration
from registration.questions.models import Answer, QuestionKind
from registration.questions.rules import Rule, rules_for, visible_keys
from registration.questions.selectors import meeting_questions

from .questions_support import add_question, choice, housing_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KINDS = [QuestionKind.YES_NO, QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SHORT_TEXT]

SENT = """
const fieldset = document.querySelector('[data-questions]');
const raw = {};
for (const wrapper of fieldset.querySelectorAll('[data-question]')) raw[wrapper.dataset.question] = [];
for (const input of new FormData(fieldset.closest('form')).entries()) {
    const key = input[0].replace(/^q-/, '');
    if (key in raw) raw[key].push(input[1]);
}
const shown = Array.from(fieldset.querySelectorAll('[data-question]')).filter((w) => !w.hidden).map((w) => w.dataset.question);
return [raw, shown];
"""


def _generated_meeting(rng: random.Random):
    meeting = MeetingFactory(capacity=None)
    questions = []
    for index in range(rng.randint(3, 6)):
        kind = rng.choice(KINDS)
        choices = [f"Valg {index}.{i}" for i in range(rng.randint(1, 3))] if "choice" in kind else []
        parents = [q for q in questions if q.kind != QuestionKind.SHORT_TEXT]
        when = None
        if parents and rng.random() < 0.7:
            parent = rng.choice(parents)
            values = ["yes", "no"] if parent.kind == QuestionKind.YES_NO else [c.pk for c in parent.choices.all()]
            when = (parent, rng.choice(values))
        questions.append(add_question(meeting, f"Spørgsmål {index}", kind, choices=choices, when=when))
    return meeting


def _scroll_click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_page_shows_the_questions_the_server_would_count(browser, seed):
    rng = random.Random(seed)
    meeting = _generated_meeting(rng)
    rules = rules_for(meeting_questions(meeting=meeting))
    browser.get(browser.base_url + meeting.get_absolute_url())
    checked = 0
    for _click in range(12):
        inputs = [
            element
            for element in browser.find_elements(
                By.CSS_SELECTOR, "[data-question] input[type=radio], [data-question] input[type=checkbox]"
            )
            if element.is_displayed()
        ]
        if not inputs:
            break
        _scroll_click(browser, rng.choice(inputs))
        raw, shown = browser.execute_script(SENT)
        assert set(shown) == visible_keys(rules, raw), (raw, shown)
        checked += 1
    assert checked > 0


def test_the_pages_rule_function_agrees_on_generated_cases(browser):
    meeting = MeetingFactory()
    add_question(meeting, "Tager du bussen?", QuestionKind.YES_NO)
    browser.get(browser.base_url + meeting.get_absolute_url())
    rng = random.Random(7)
    cases = []
    for _case in range(200):
        keys = [f"q{i}" for i in range(rng.randint(1, 7))]
        rules = [
            Rule(key, rng.choice(keys[:i]), rng.choice(["yes", "no", "1", "2"]))
            if i and rng.random() < 0.7
            else Rule(key)
            for i, key in enumerate(keys)
        ]
        raw = {key: rng.sample(["yes", "no", "1", "2"], rng.randint(0, 2)) for key in keys}
        cases.append((rules, raw))
    payload = [
        [[{"key": r.key, "whenKey": r.when_key, "whenValue": r.when_value} for r in rules], raw] for rules, raw in cases
    ]
    answers = browser.execute_script(
        "return arguments[0].map(([rules, raw]) => Array.from(window.netvaerkQuestions.visibleKeys(rules, raw)).sort());",
        payload,
    )
    assert answers == [sorted(visible_keys(rules, raw)) for rules, raw in cases]


def test_a_follow_up_appears_hides_and_only_shown_answers_are_saved(browser, axe):
    meeting = MeetingFactory(capacity=10)
    area, other = housing_questions(meeting)
    browser.get(browser.base_url + meeting.get_absolute_url())
    follow_up = browser.find_element(By.CSS_SELECTOR, f'[data-question="{other.field_name}"]')
    assert not follow_up.is_displayed()
    assert "Bus fra Vollsmose (2 pladser tilbage)" in browser.find_element(By.CSS_SELECTOR, ".meeting-questions").text
    _scroll_click(browser, browser.find_element(By.CSS_SELECTOR, f'input[value="{choice(area, "Andet").pk}"]'))
    assert follow_up.is_displayed()
    assert axe() == []
    browser.find_element(By.NAME, f"q-{other.field_name}").send_keys("Skovparken")
    _scroll_click(browser, browser.find_element(By.CSS_SELECTOR, f'input[value="{choice(area, "Gellerup").pk}"]'))
    assert not follow_up.is_displayed()
    browser.find_element(By.NAME, "name").send_keys("Åse Ærø")
    browser.find_element(By.NAME, "email").send_keys("aase@example.dk")
    _scroll_click(browser, browser.find_element(By.NAME, "privacy"))
    _scroll_click(browser, browser.find_element(By.CSS_SELECTOR, "#tilmelding button[type=submit]"))
    WebDriverWait(browser, 10).until(lambda driver: "/tak/" in driver.current_url)
    registration = Registration.objects.get(meeting=meeting)
    assert [(a.question, a.display()) for a in Answer.objects.filter(registration=registration)] == [(area, "Gellerup")]
