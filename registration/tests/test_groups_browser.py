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
