"""The staff pages' charts in a real browser: axe on a desk and on a phone, nothing wider than the phone."""

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "fill-rate": "/personale/",
    "attendance": "/personale/fremmoede/",
    "evaluations": "/netvaerk/lokalsamfund-medborgerskab/gruppe/evalueringer/",
}


def _login(browser, demo):
    browser.get(browser.base_url + "/konto/login/")
    browser.find_element("name", "login").send_keys(demo.consultant_email)
    browser.find_element("name", "password").send_keys(demo.consultant_password)
    browser.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "/konto/login/" not in driver.current_url)


@pytest.mark.parametrize(("size", "width"), [("desk", 1280), ("phone", 375)])
def test_chart_pages_are_accessible_and_fit(browser, axe, demo, size, width):
    _login(browser, demo)
    browser.set_window_size(width, 900)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in PAGES.items():
        browser.get(browser.base_url + path)
        charts = browser.find_elements("css selector", "svg.chart[role=img]")
        assert charts, path
        for chart in charts:
            labelled = chart.get_attribute("aria-labelledby").split()
            assert [browser.find_element("id", ref).tag_name for ref in labelled] == ["title", "desc"]
            assert chart.size["width"] <= width
        assert axe() == [], path
        browser.save_screenshot(str(ARTIFACTS / f"chart-{name}-{size}.png"))
