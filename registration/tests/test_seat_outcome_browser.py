"""axe on the cards' badges and on the thank-you page's outcomes, signed up through the real form."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from meetings.tests.factories import MeetingFactory
from registration.tests.factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_up(browser, meeting, email):
    browser.get(browser.base_url + meeting.get_absolute_url())
    browser.find_element(By.NAME, "name").send_keys("Åse Ærø")
    browser.find_element(By.NAME, "email").send_keys(email)
    privacy = browser.find_element(By.NAME, "privacy")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", privacy)
    privacy.click()
    button = browser.find_element(By.CSS_SELECTOR, "#tilmelding button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    WebDriverWait(browser, 10).until(lambda driver: "/tak/" in driver.current_url)
    return browser.find_element(By.CSS_SELECTOR, ".receipt-outcome").text


def test_badges_and_thank_you_outcomes_are_accessible(browser, axe, settings):
    settings.MEETING_FEW_SEATS_LEFT = 5
    few = MeetingFactory(title="Få pladser tilbage", capacity=3)
    full = MeetingFactory(title="Helt fyldt", capacity=1)
    RegistrationFactory(meeting=full)
    MeetingFactory(title="Det aflyste", cancelled=True)

    browser.get(browser.base_url + "/")
    badges = [element.text for element in browser.find_elements(By.CSS_SELECTOR, ".card-meeting .badge")]
    assert sorted(badges) == sorted(["Få pladser", "Fuldt booket – venteliste", "Aflyst"])
    assert axe() == []

    assert "Plads bekræftet" in _sign_up(browser, few, "aase@example.dk")
    assert browser.find_elements(By.PARTIAL_LINK_TEXT, "Føj til kalender") or browser.find_elements(
        By.CSS_SELECTOR, f"a[href='/moeder/{few.code}/kalender.ics']"
    )
    assert axe() == []
    outcome = _sign_up(browser, full, "aase@example.dk")
    assert "nummer 1 på ventelisten" in outcome
    assert not browser.find_elements(By.CSS_SELECTOR, f"a[href='/moeder/{full.code}/kalender.ics']")
    assert axe() == []
    assert "allerede tilmeldt" in _sign_up(browser, full, "AASE@example.dk")
    assert axe() == []
