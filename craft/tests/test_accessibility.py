"""axe-core (WCAG 2.0/2.1, A and AA) on the craft's pages: evaluation form, group-space tabs, staff pages."""

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from craft import services
from registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(browser, axe, path):
    browser.get(browser.base_url + path)
    violations = axe()
    assert violations == [], f"{path}: {violations}"


def test_evaluation_form_and_its_errors_are_accessible(browser, axe, demo):
    registration = Registration.objects.filter(attended=True, evaluations__isnull=True).first()
    path = f"/evaluering/{services.evaluation_token(registration=registration)}/"
    assert_accessible(browser, axe, path)
    button = browser.find_element("css selector", "main form button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    # The form posts and the page with the errors replaces this one.
    WebDriverWait(browser, 10).until(lambda driver: "is-invalid" in driver.page_source)
    assert axe() == []


def test_group_space_and_staff_pages_of_the_craft_are_accessible(browser, axe, demo):
    browser.get(browser.base_url + "/konto/login/")
    browser.find_element("name", "login").send_keys(demo.consultant_email)
    browser.find_element("name", "password").send_keys(demo.consultant_password)
    browser.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "/konto/login/" not in driver.current_url)
    slug = "lokalsamfund-medborgerskab"
    for path in [
        f"/netvaerk/{slug}/",  # with the staff cadence card
        f"/netvaerk/{slug}/gruppe/ideer/",
        f"/netvaerk/{slug}/gruppe/forslag/",
        f"/netvaerk/{slug}/gruppe/evalueringer/",
        "/personale/kadence/",
        f"/personale/netvaerk/{slug}/planlaeg/",
        "/moeder/21-374/",  # the staff preview with the programme check
    ]:
        assert_accessible(browser, axe, path)
