"""The search in a real browser: the top bar's box on a desk and on a phone, the result page under axe."""

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _results(browser):
    WebDriverWait(browser, 10).until(lambda driver: "/soeg/" in driver.current_url)
    return [element.text for element in browser.find_elements("css selector", ".search-result h2")]


def test_search_from_the_top_bar_on_a_desk_is_accessible(browser, axe, demo):
    browser.get(browser.base_url + "/")
    box = browser.find_element("css selector", "header #site-search-q")
    assert box.accessible_name == "Søg på siden"
    box.send_keys("beboerdemokrati", Keys.ENTER)

    titles = _results(browser)

    assert "Virtuelt netværksmøde: Beboerdemokrati på nettet" in titles
    marks = browser.find_elements("css selector", ".search-result mark")
    assert marks and all(mark.text.lower().startswith("beboerdemokrati") for mark in marks)
    assert axe() == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "search-desk.png"))


def test_search_on_a_phone_through_the_menu_is_accessible(browser, axe, demo):
    browser.set_window_size(375, 800)
    browser.get(browser.base_url + "/")
    box = browser.find_element("css selector", "header #site-search-q")
    assert not box.is_displayed()  # behind the menu button on a phone
    browser.find_element("css selector", ".navbar-toggler").click()
    WebDriverWait(browser, 5).until(lambda driver: box.is_displayed())
    box.send_keys("børn", Keys.ENTER)

    titles = _results(browser)

    assert titles
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 375, "the result page must not scroll sideways on a phone"
    assert axe() == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "search-phone.png"))


def test_search_messages_are_accessible(browser, axe, demo):
    for query in ["flodhest", "!!!", "x" * 300]:
        browser.get(browser.base_url + "/soeg/?q=" + query)
        assert browser.find_element("css selector", "#search-message").is_displayed()
        assert axe() == [], query
