"""axe-core (WCAG 2.0/2.1, A and AA) on the pages for writing to participants, as the demo's consultant."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from selenium.webdriver.support.ui import WebDriverWait

from meetings.models import Meeting
from netvaerk import access
from netvaerk.tests.browser_steps import click, wait_for_next_page, wait_for_text
from registration import participant_messages as pm
from registration.enums import RegistrationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, demo):
    browser.get(browser.base_url + "/konto/login/")
    browser.find_element("name", "login").send_keys(demo.consultant_email)
    browser.find_element("name", "password").send_keys(demo.consultant_password)
    browser.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "/konto/login/" not in driver.current_url)


def test_writing_to_participants_is_accessible(browser, axe, demo, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    consultant = get_user_model().objects.get(email=demo.consultant_email)
    meeting = (
        access.scope_queryset(consultant, Meeting.objects.filter(registrations__status=RegistrationStatus.CONFIRMED))
        .distinct()
        .order_by("-starts_at")
        .first()
    )
    filters = {"statuses": [RegistrationStatus.CONFIRMED]}
    draft = pm.participant_message_save(
        meeting=meeting, by=consultant, subject="Praktisk om {meeting}", body="Kære {navn}", filters=filters
    )
    sent = pm.participant_message_save(meeting=meeting, by=consultant, subject="Sendt", body="Hej", filters=filters)
    pm.participant_message_send(message=sent, by=consultant)
    _login(browser, demo)
    code = meeting.code
    for path in [
        reverse("registration:staff_messages", kwargs={"code": code}),
        reverse("registration:staff_message_write", kwargs={"code": code}),
        reverse("registration:staff_message", kwargs={"code": code, "pk": draft.pk}),
        reverse("registration:staff_message", kwargs={"code": code, "pk": sent.pk}),
    ]:
        browser.get(browser.base_url + path)
        assert axe() == [], path
    # The form with its errors (an unknown placeholder, no subject).
    browser.get(browser.base_url + reverse("registration:staff_message_write", kwargs={"code": code}))
    browser.find_element("name", "body").send_keys("Hej {fornavn}")
    # The answer replaces the page: wait for the old one to go, then for the message (browser_steps).
    page = browser.find_element("tag name", "html")
    click(browser, browser.find_element("css selector", "main form button[type=submit]"))
    wait_for_next_page(browser, page)
    wait_for_text(browser, "{fornavn}")
    assert axe() == []
