"""Colleagues in one go in Chromium: add two colleague rows with the script, submit, see the group on the receipt; axe."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from meetings.tests.factories import MeetingFactory
from registration.enums import RegistrationStatus
from registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _scroll_click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def test_a_booker_adds_two_colleagues_with_the_script_and_sees_the_group(browser, axe):
    meeting = MeetingFactory(title="Kollegaer sammen", capacity=2, max_colleagues=4)
    browser.get(browser.base_url + meeting.get_absolute_url())
    rows = lambda: browser.find_elements(By.CSS_SELECTOR, "[data-colleague-rows] [data-colleague-row]")  # noqa: E731
    assert len(rows()) == 3  # the rows for a page without script
    add = browser.find_element(By.CSS_SELECTOR, "[data-colleague-add]")
    _scroll_click(browser, add)
    assert len(rows()) == 4 and not add.is_enabled()  # the limit of 4
    assert browser.find_element(By.NAME, "c4-email")  # the script numbered the new row
    assert axe() == []
    browser.find_element(By.NAME, "name").send_keys("Mette Booker")
    browser.find_element(By.NAME, "email").send_keys("mette@example.dk")
    for n, (name, email) in enumerate([("Bo Kollega", "bo@example.dk"), ("Sara Kollega", "sara@example.dk")]):
        field = 1 if n == 0 else 4  # one row of the page, one the script added
        browser.find_element(By.NAME, f"c{field}-name").send_keys(name)
        browser.find_element(By.NAME, f"c{field}-email").send_keys(email)
    _scroll_click(browser, browser.find_element(By.NAME, "privacy"))
    _scroll_click(browser, browser.find_element(By.CSS_SELECTOR, "#tilmelding button[type=submit]"))
    WebDriverWait(browser, 10).until(lambda driver: "/tak/" in driver.current_url)
    table = browser.find_element(By.CSS_SELECTOR, ".group-table").text
    assert "Mette Booker" in table and "Bo Kollega" in table and "Sara Kollega" in table
    assert "Venteliste, nummer 1" in table
    assert axe() == []
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "mette@example.dk": RegistrationStatus.CONFIRMED,
        "bo@example.dk": RegistrationStatus.CONFIRMED,
        "sara@example.dk": RegistrationStatus.WAITING,
    }


def test_a_colleague_row_added_by_the_script_shows_and_hides_its_conditional_question(browser):
    from registration.questions.models import Answer

    from .questions_support import choice, housing_questions

    meeting = MeetingFactory(title="Kolleger med spørgsmål", capacity=10, max_colleagues=4)
    area, other = housing_questions(meeting)
    browser.get(browser.base_url + meeting.get_absolute_url())
    _scroll_click(browser, browser.find_element(By.CSS_SELECTOR, "[data-colleague-add]"))
    row = browser.find_element(By.CSS_SELECTOR, '[data-questions][data-prefix="c4"]')  # the row the script added
    follow_up = row.find_element(By.CSS_SELECTOR, f'[data-question="{other.field_name}"]')
    # Hidden until its condition is met, as in the booker's own questions and on the server.
    assert not follow_up.is_displayed()
    pick = lambda label: row.find_element(  # noqa: E731
        By.CSS_SELECTOR, f'input[name="c4-{area.field_name}"][value="{choice(area, label).pk}"]'
    )
    _scroll_click(browser, pick("Andet"))
    WebDriverWait(browser, 5).until(lambda driver: follow_up.is_displayed())
    _scroll_click(browser, pick("Gellerup"))
    WebDriverWait(browser, 5).until(lambda driver: not follow_up.is_displayed())
    _scroll_click(browser, pick("Andet"))
    WebDriverWait(browser, 5).until(lambda driver: follow_up.is_displayed())
    follow_up.find_element(By.NAME, f"c4-{other.field_name}").send_keys("Skovparken")

    browser.find_element(By.NAME, "name").send_keys("Mette Booker")
    browser.find_element(By.NAME, "email").send_keys("mette@example.dk")
    _scroll_click(
        browser,
        browser.find_element(
            By.CSS_SELECTOR, f'input[name="q-{area.field_name}"][value="{choice(area, "Gellerup").pk}"]'
        ),
    )
    # The booker's follow-up stays hidden: Gellerup does not ask it.
    booker_follow_up = browser.find_element(By.CSS_SELECTOR, f'[data-prefix="q"] [data-question="{other.field_name}"]')
    assert not booker_follow_up.is_displayed()
    browser.find_element(By.NAME, "c4-name").send_keys("Sara Kollega")
    browser.find_element(By.NAME, "c4-email").send_keys("sara@example.dk")
    _scroll_click(browser, browser.find_element(By.NAME, "privacy"))
    _scroll_click(browser, browser.find_element(By.CSS_SELECTOR, "#tilmelding button[type=submit]"))
    WebDriverWait(browser, 10).until(lambda driver: "/tak/" in driver.current_url)
    # The server kept what the page showed: Sara's follow-up (shown), not the booker's (hidden).
    answers = lambda email: {  # noqa: E731
        a.question.identifier: a.display() for a in Answer.objects.filter(registration__email=email)
    }
    assert answers("sara@example.dk") == {"boligomraade": "Andet", "andet-boligomraade": "Skovparken"}
    assert answers("mette@example.dk") == {"boligomraade": "Gellerup"}
