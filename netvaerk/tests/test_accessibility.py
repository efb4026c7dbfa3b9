"""axe-core (WCAG 2.0/2.1, A and AA) on every public page and form state."""

import datetime as dt

import pytest
import time_machine
from selenium.webdriver.support.ui import WebDriverWait

from meetings.models import Meeting
from registration.tests.factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(browser, axe, path):
    browser.get(browser.base_url + path)
    violations = axe()
    assert violations == [], f"{path}: {violations}"


def workshop_evening():
    return Meeting.objects.get(title="Aktive boligområder i Albertslund")


def test_public_pages_have_no_accessibility_violations(browser, axe, demo):
    evening = workshop_evening()
    for path in [
        "/",
        "/netvaerk/",
        "/netvaerk/?theme=lokalsamfund-og-medborgerskab",
        "/netvaerk/lokalsamfund-medborgerskab/",
        "/moeder/",
        "/moeder/?when=past",
        "/moeder/21-374/",  # closed (held)
        evening.get_absolute_url(),  # open, with workshops
        "/privatliv/",
        "/side-der-ikke-findes/",  # 404
    ]:
        assert_accessible(browser, axe, path)


def test_form_with_errors_has_no_accessibility_violations(browser, axe, demo):
    evening = workshop_evening()
    browser.get(browser.base_url + evening.get_absolute_url())
    button = browser.find_element("css selector", "#tilmelding button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    # The form posts and the page with the errors replaces this one.
    WebDriverWait(browser, 10).until(lambda driver: "is-invalid" in driver.page_source)
    assert axe() == []


def test_full_meeting_with_waiting_list_and_cancelled_meeting_are_accessible(browser, axe, demo):
    meeting = Meeting.objects.get(title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse")
    meeting.capacity = 1
    meeting.save()
    RegistrationFactory(meeting=meeting)
    assert_accessible(browser, axe, meeting.get_absolute_url())
    cancelled = Meeting.objects.get(status="cancelled")
    assert_accessible(browser, axe, cancelled.get_absolute_url())


def test_personal_link_and_receipt_pages_are_accessible(browser, axe, demo):
    evening = workshop_evening()
    registration = RegistrationFactory(meeting=evening)
    assert_accessible(browser, axe, f"/tilmelding/{registration.token}/")
    assert_accessible(browser, axe, f"/tilmelding/{registration.token}/afmeld/")


def test_phone_sized_meeting_page_is_accessible(browser, axe, demo):
    browser.set_window_size(390, 844)
    assert_accessible(browser, axe, workshop_evening().get_absolute_url())


def test_closed_registration_page_is_accessible(browser, axe, demo):
    evening = workshop_evening()
    with time_machine.travel(evening.registration_deadline + dt.timedelta(hours=1)):
        assert_accessible(browser, axe, evening.get_absolute_url())
