"""The secretariat sets up a webhook in Chromium: the form, the secret page, a test ping, the log."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from selenium.webdriver.support.ui import WebDriverWait

from members.tests.factories import SecretariatUserFactory
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(browser, user):
    client = Client()
    client.force_login(user)
    browser.get(browser.base_url + "/robots.txt")
    browser.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value})


def test_the_secretariat_sets_up_a_webhook_and_pings_it(browser, receiver, tmp_path):
    _log_in(browser, SecretariatUserFactory())
    browser.get(browser.base_url + "/admin/webhooks/subscription/add/")
    browser.find_element("name", "name").send_keys("Boligforeningens hjemmeside")
    browser.find_element("name", "url").send_keys(receiver.url())
    browser.find_element("css selector", "input[name=events][value='registration.created']").click()
    browser.find_element("css selector", "input[name=events][value='meeting.cancelled']").click()
    browser.find_element("name", "all_networks").click()
    browser.save_screenshot(str(tmp_path / "webhook-add.png"))
    browser.find_element("name", "_save").click()

    secret = WebDriverWait(browser, 10).until(lambda d: d.find_element("id", "webhook-secret")).get_attribute("value")
    subscription = Subscription.objects.get()
    assert secret == subscription.secret and "vises kun denne ene gang" in browser.page_source
    receiver.expect(subscription)
    browser.save_screenshot(str(tmp_path / "webhook-secret.png"))

    browser.get(browser.base_url + "/admin/webhooks/subscription/")
    browser.find_element("css selector", f"input[name=_selected_action][value='{subscription.pk}']").click()
    browser.find_element("css selector", "select[name=action] option[value=send_test_ping]").click()
    browser.find_element("css selector", "button[name=index]").click()
    WebDriverWait(browser, 10).until(lambda d: "En testbesked blev sendt" in d.page_source)
    assert len(receiver.requests) == 1 and receiver.requests[0].signature_valid

    browser.get(browser.base_url + "/admin/webhooks/delivery/")
    assert "Leveret" in browser.page_source
    browser.save_screenshot(str(tmp_path / "webhook-log.png"))
    browser.get(browser.base_url + f"/admin/webhooks/delivery/{Delivery.objects.get().pk}/change/")
    assert "Svarkode" in browser.page_source and "200" in browser.page_source
    browser.save_screenshot(str(tmp_path / "webhook-delivery.png"))
    browser.set_window_size(375, 800)
    browser.save_screenshot(str(tmp_path / "webhook-delivery-phone.png"))
