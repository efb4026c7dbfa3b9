"""What the meeting admin's browser journeys share: counted clicks and the consultant's login."""

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


class Clicks:
    """Clicks a consultant makes, counted; `follow` waits for the page a click leads to."""

    def __init__(self, browser):
        self.browser = browser
        self.count = 0

    def _click(self, element):
        self.browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
        element.click()
        self.count += 1

    def on(self, element):
        """A click that stays on the page (into a field, on a button of the page's script)."""
        self._click(element)
        return element

    def follow(self, css):
        page = self.browser.find_element(By.TAG_NAME, "html")
        self._click(self.browser.find_element(By.CSS_SELECTOR, css))
        WebDriverWait(self.browser, 10, ignored_exceptions=[WebDriverException]).until(
            expected_conditions.staleness_of(page)
        )


def log_in(browser, clicks, demo):
    """As the demo's consultant (``demo``: the demo fixture's result)."""
    browser.get(browser.base_url + "/konto/login/")
    browser.find_element(By.NAME, "login").send_keys(demo.consultant_email)
    browser.find_element(By.NAME, "password").send_keys(demo.consultant_password)
    clicks.follow("main form button[type=submit]")
