"""Single sign-on in headless Chromium: the buttons, the provider's login, back on the portal; axe on our pages.

The portal is reached as 127.0.0.1 (a loopback redirect URI matches any port, RFC 8252), the
provider is the tests' own (members/tests/oidc_idp/) in its own process.
"""

import pytest
from django.contrib.auth import get_user_model
from selenium.webdriver.common.by import By

from members.tests import sso_support as idp
from members.tests.factories import PASSWORD, VerifiedUserFactory
from members.tests.test_accessibility import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(browser, settings, identity_provider):
    settings.SOCIALACCOUNT_PROVIDERS = identity_provider.portal_providers()
    return browser.base_url.replace("://localhost:", "://127.0.0.1:")


def log_in_at_provider(browser, provider, email):
    assert browser.current_url.startswith(provider.url + "/accounts/login/")
    browser.find_element(By.NAME, "login").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(idp.PASSWORD)
    submit(browser, "form button[type=submit]")


def test_new_member_logs_in_with_the_button_on_an_accessible_login_page(browser, axe, portal, identity_provider):
    browser.get(portal + "/konto/login/?next=/moeder/")
    buttons = browser.find_elements(By.CSS_SELECTOR, ".sso-login button")
    assert [button.text for button in buttons] == ["Log ind med Kommunens login", "Log ind med Microsoft Entra ID"]
    assert axe() == []
    browser.set_window_size(360, 800)
    assert axe() == []
    browser.set_window_size(1280, 1000)

    submit(browser, ".sso-login button[data-provider=kommune]")
    log_in_at_provider(browser, identity_provider, idp.NEW_MEMBER)

    assert browser.current_url == portal + "/moeder/"
    user = get_user_model().objects.get(email=idp.NEW_MEMBER)
    assert not user.is_staff
    browser.get(portal + "/mine-sider/")
    assert browser.current_url == portal + "/mine-sider/"
    assert "Nina" in browser.find_element(By.TAG_NAME, "main").text


def test_existing_member_confirms_with_the_password_on_an_accessible_page(browser, axe, portal, identity_provider):
    member = VerifiedUserFactory(email=idp.EXISTING_MEMBER, first_name="Maja", last_name="Nørgaard")
    browser.get(portal + "/konto/login/")
    submit(browser, ".sso-login button[data-provider=kommune]")
    log_in_at_provider(browser, identity_provider, idp.EXISTING_MEMBER)

    assert browser.current_url == portal + "/konto/sso/forbind/"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Forbind dit login fra Kommunens login"
    assert axe() == []
    browser.find_element(By.NAME, "password-password").send_keys("forkert-adgangskode")
    submit(browser, "input[value=password] ~ button[type=submit]")
    assert "Adgangskoden er ikke rigtig." in browser.find_element(By.TAG_NAME, "main").text
    assert axe() == []

    browser.find_element(By.NAME, "password-password").send_keys(PASSWORD)
    submit(browser, "input[value=password] ~ button[type=submit]")
    assert browser.current_url == portal + "/mine-sider/"
    assert member.socialaccount_set.get().provider == "kommune"


def test_sign_up_page_for_a_provider_without_an_address_is_accessible(browser, axe, portal, identity_provider):
    browser.get(portal + "/konto/login/")
    submit(browser, ".sso-login button[data-provider=kommune]")
    log_in_at_provider(browser, identity_provider, idp.NO_EMAIL)
    assert browser.current_url == portal + "/konto/3rdparty/signup/"
    assert axe() == []
    submit(browser, "main form button[type=submit]")  # no address: the form answers with an error
    assert browser.find_elements(By.CSS_SELECTOR, ".is-invalid, .invalid-feedback, .alert-danger")
    assert axe() == []
