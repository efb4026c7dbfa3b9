"""The registration desk in Chromium: a phone entry refused as full, then overridden with a reason; a walk-in
at the door on a phone-sized window; both pages pass axe-core."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from selenium.webdriver.support.ui import WebDriverWait

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory
from netvaerk.tests.factories import NetworkFactory
from registration.enums import RegistrationChannel
from registration.models import Registration, RegistrationAudit

from .factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(browser, user):
    client = Client()
    client.force_login(user)
    browser.get(browser.base_url + "/robots.txt")
    browser.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value})


def _submit(browser, selector):
    """Click the element, scrolled to the middle of the window first (a long form; the page's fixed header)."""
    button = browser.find_element("css selector", selector)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()


def test_a_phone_entry_on_a_full_meeting_needs_the_override_and_its_reason(browser, axe):
    consultant = ConsultantFactory()
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=1, waiting_list_enabled=False)
    RegistrationFactory(meeting=meeting)
    _log_in(browser, consultant)
    browser.get(f"{browser.base_url}/personale/moeder/{meeting.code}/skranke/")
    assert axe() == []
    browser.find_element("name", "name").send_keys("Bo Ring")
    browser.find_element("name", "email").send_keys("bo@example.dk")
    _submit(browser, "input[name=privacy]")
    _submit(browser, "#desk-form button[type=submit]")
    WebDriverWait(browser, 10).until(lambda d: "Sæt kryds i “Ud over kapaciteten”" in d.page_source)
    assert axe() == []  # the page with the refusal
    _submit(browser, "input[name=override_capacity]")
    browser.find_element("name", "capacity_reason").send_keys("Oplægsholder")
    _submit(browser, "#desk-form button[type=submit]")
    WebDriverWait(browser, 10).until(lambda d: "Bo Ring har fået en plads." in d.page_source)
    registration = Registration.objects.get(email="bo@example.dk")
    assert registration.channel == RegistrationChannel.PHONE
    assert RegistrationAudit.objects.get().override_capacity_reason == "Oplægsholder"


def test_a_walk_in_is_checked_in_from_the_phone_at_the_door(browser, axe):
    consultant = ConsultantFactory()
    meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=1)
    RegistrationFactory(meeting=meeting)
    with time_machine.travel(meeting.starts_at + dt.timedelta(minutes=3), tick=False):
        _log_in(browser, consultant)
        browser.set_window_size(390, 844)
        browser.get(f"{browser.base_url}/personale/moeder/{meeting.code}/tjek-ind/")
        _submit(browser, ".walk-in summary")
        assert axe() == []
        browser.find_element("id", "id_walk_in_name").send_keys("Kim Dør")
        _submit(browser, ".walk-in button[type=submit]")
        WebDriverWait(browser, 10).until(lambda d: "Kim Dør er tilmeldt og tjekket ind." in d.page_source)
    walk_in = Registration.objects.get(name="Kim Dør")
    assert walk_in.attended and walk_in.channel == RegistrationChannel.DOOR
