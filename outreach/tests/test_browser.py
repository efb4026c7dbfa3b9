"""In headless Chromium: the consultant publishes, a member signs up from the invitation in one click,
a subscriber stops the emails; axe on the new public pages."""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory
from netvaerk.models import Network
from netvaerk.tests.browser_steps import click, log_in, submit_admin_form, text, wait_for_text
from netvaerk.tests.support import wait_for
from outreach.enums import SubscriberStatus
from outreach.models import Subscriber
from registration.enums import RegistrationStatus
from registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Naboskab i praksis"


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def _invitation(sink, address):
    return wait_for(
        lambda: next((m for m in sink.messages if address in m["To"] and TITLE in str(m["Subject"])), None),
        timeout=30,
        message=f"the invitation to {address}",
    )


def test_publish_invite_sign_up_in_one_click_and_unsubscribe(browser, demo, settings, smtp_settings, axe):
    sink = smtp_settings
    settings.SITE_URL = browser.base_url
    lokal = Network.objects.get(name="Lokalsamfund & medborgerskab")
    meeting = MeetingFactory(network=lokal, organiser=lokal.organiser, status=MeetingStatus.DRAFT, title=TITLE)

    # The consultant publishes the draft in the admin.
    log_in(browser, demo.consultant_email, demo.consultant_password)
    browser.get(f"{browser.base_url}/admin/meetings/meeting/{meeting.pk}/change/")
    Select(browser.find_element(By.NAME, "status")).select_by_value(MeetingStatus.PUBLISHED)
    submit_admin_form(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, ".errornote")
    browser.get(f"{browser.base_url}/personale/moeder/{meeting.code}/invitation/")
    assert "Invitationen blev sendt" in text(browser)

    # The member gets the invitation and signs up with one click.
    invitation = _invitation(sink, demo.member_email)
    assert invitation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r"https?://\S+/moeder/[\w-]+/tilmeld-mig/", _body(invitation)).group(0)
    browser.delete_all_cookies()
    log_in(browser, demo.member_email, demo.member_password)
    browser.get(link)
    assert demo.member_email in text(browser)
    assert axe() == []
    click(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait_for_text(browser, "Du er tilmeldt")
    assert axe() == []
    registration = Registration.objects.get(meeting=meeting, email__iexact=demo.member_email)
    assert registration.status == RegistrationStatus.CONFIRMED
    browser.get(browser.base_url + "/mine-sider/invitationer/")
    assert "Lokalsamfund & medborgerskab" in text(browser)
    assert axe() == []

    # A subscriber without an account stops the emails from the link in the invitation.
    subscriber = Subscriber.objects.get(network=lokal, status=SubscriberStatus.CONFIRMED)
    unsubscribe = re.search(r"https?://\S+/invitationer/afmeld/\S+/", _body(_invitation(sink, subscriber.email)))
    browser.delete_all_cookies()
    browser.get(unsubscribe.group(0))
    assert subscriber.email in text(browser)
    assert axe() == []
    click(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait_for_text(browser, "Du er afmeldt")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_subscribe_pages_pass_axe(browser, demo, axe):
    lokal = Network.objects.get(name="Lokalsamfund & medborgerskab")
    browser.get(f"{browser.base_url}/netvaerk/{lokal.slug}/")
    assert "Få invitationerne" in text(browser)
    assert axe() == []
    browser.find_element(By.ID, "id_subscribe_email").send_keys("ny@example.org")
    click(browser, browser.find_element(By.CSS_SELECTOR, "#invitationer button[type=submit]"))
    wait_for_text(browser, "Tjek din indbakke")
    assert axe() == []
    browser.get(f"{browser.base_url}/netvaerk/{lokal.slug}/invitationer/")
    assert axe() == []
    subscriber = Subscriber.objects.get(email="ny@example.org")
    browser.get(f"{browser.base_url}/invitationer/bekraeft/{subscriber.token}/")
    assert axe() == []
    click(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait_for_text(browser, "Du abonnerer nu")
    assert axe() == []
