"""Journeys through the real pages in headless Chromium against a live server."""

import re

import pytest
from django.core import mail
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from meetings.models import Meeting
from registration.enums import RegistrationStatus
from registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def follow(browser, by, value):
    """Click a link and wait until the next page has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(by, value))
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(page))


def fill(browser, name, value):
    field = browser.find_element(By.NAME, name)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
    field.clear()
    field.send_keys(value)


def text(browser):
    return browser.find_element(By.TAG_NAME, "body").text


def wait_for_text(browser, words):
    WebDriverWait(browser, 10).until(lambda driver: words in driver.find_element(By.TAG_NAME, "body").text)


def personal_link_from_email(address):
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    return re.search(r"https?://\S+/tilmelding/[\w-]+/", message.body).group(0)


def test_participant_finds_network_signs_up_changes_and_cancels(browser, demo, settings):
    settings.SITE_URL = browser.base_url
    browser.get(browser.base_url + "/")
    follow(browser, By.LINK_TEXT, "Netværk")
    follow(browser, By.LINK_TEXT, "Lokalsamfund & medborgerskab")
    assert "Mødekadence" in browser.page_source
    follow(browser, By.LINK_TEXT, "Møder")
    follow(browser, By.PARTIAL_LINK_TEXT, "Aktive boligområder i Albertslund")
    assert "Naboskab, netværk & tryghed" in text(browser)

    fill(browser, "name", "Åse Ærø")
    fill(browser, "email", "aase@example.dk")
    fill(browser, "organisation", "Boligforeningen Rosenhøj")
    Select(browser.find_element(By.NAME, "workshop_first")).select_by_visible_text("Sundhed & trivsel")
    Select(browser.find_element(By.NAME, "workshop_second")).select_by_visible_text("Uddannelse & livschancer")
    click(browser, browser.find_element(By.NAME, "sensitive_consent"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name=diets][value=vegetarian]"))
    click(browser, browser.find_element(By.NAME, "privacy"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "#tilmelding button[type=submit]"))
    wait_for_text(browser, "Tak for din tilmelding")
    registration = Registration.objects.get(email="aase@example.dk")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.workshop.title == "Sundhed & trivsel" and registration.diets == ["vegetarian"]

    browser.get(personal_link_from_email("aase@example.dk"))
    assert "Bekræftet" in text(browser) and "Sundhed & trivsel" in text(browser)
    fill(browser, "job_title", "Projektleder")
    click(browser, browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=edit-heading] button[type=submit]"))
    wait_for_text(browser, "gemt")
    registration.refresh_from_db()
    assert registration.job_title == "Projektleder"

    follow(browser, By.LINK_TEXT, "Afmeld")
    click(browser, browser.find_element(By.CSS_SELECTOR, "form button.btn-danger"))
    wait_for_text(browser, "Afmeldt")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_keyboard_only_sign_up(browser, demo, settings):
    meeting = Meeting.objects.get(title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse")
    browser.get(browser.base_url + meeting.get_absolute_url())
    name = browser.find_element(By.NAME, "name")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", name)
    name.click()
    active = browser.switch_to.active_element
    for value in ["Kim Tastatur", "kim@example.dk", "12345678", "KAB", "Vicevært"]:
        active.send_keys(value, Keys.TAB)
        active = browser.switch_to.active_element
    # Tab through the consent box, diets, notes and comment to the privacy box, then submit with Enter.
    for _ in range(30):
        if active.get_attribute("name") == "privacy":
            break
        active.send_keys(Keys.TAB)
        active = browser.switch_to.active_element
    assert active.get_attribute("name") == "privacy"
    active.send_keys(Keys.SPACE)
    active.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.TAB)  # past the privacy notice link
    submit = browser.switch_to.active_element
    assert submit.get_attribute("type") == "submit"
    submit.send_keys(Keys.ENTER)
    wait_for_text(browser, "Tak for din tilmelding")
    assert Registration.objects.filter(email="kim@example.dk", meeting=meeting).exists()
