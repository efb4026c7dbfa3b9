"""Steps of the browser journeys: clicking, typing, waiting for pages and downloads, logging in."""

import re
import time

import time_machine
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = settings.BASE_DIR / "test-artifacts"


def click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def wait_for_next_page(browser, page):
    """Wait until the <html> element of the old page has gone stale.

    While the old document is being torn down, Chromium can answer "Node with given id does not belong to
    the document" instead of "stale element"; that means the same, so the wait just asks again.
    """
    WebDriverWait(browser, 10, ignored_exceptions=[WebDriverException]).until(expected_conditions.staleness_of(page))


def follow(browser, by, value):
    """Click a link and wait until the next page has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(by, value))
    wait_for_next_page(browser, page)


def fill(browser, name, value):
    field = browser.find_element(By.NAME, name)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
    field.clear()
    field.send_keys(value)


def retype(browser, name, value):
    """Replace a field's text as a person does (select all, type): the timetable fills the end as the start is left."""
    field = browser.find_element(By.NAME, name)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
    field.send_keys(Keys.CONTROL + "a")
    field.send_keys(value)


def text(browser):
    return browser.find_element(By.TAG_NAME, "body").text


def wait_for_text(browser, words):
    # A form's answer may replace the page between finding <body> and reading it: then read the new one.
    # Chromium says so as a stale element or, in the middle of the swap, as an inspector error ("Node with
    # given id does not belong to the document"): both are retried until the wait's end.
    WebDriverWait(browser, 10, ignored_exceptions=[StaleElementReferenceException, WebDriverException]).until(
        lambda driver: words in driver.find_element(By.TAG_NAME, "body").text
    )


def wait_for_download(browser, folder, suffix):
    """The one finished download in folder whose name ends with suffix (Chromium writes .crdownload first)."""

    def finished(_driver):
        if any(path.name.endswith(".crdownload") for path in folder.iterdir()):
            return False
        files = [path for path in folder.iterdir() if path.name.endswith(suffix)]
        return files[0] if len(files) == 1 and files[0].stat().st_size > 0 else False

    return WebDriverWait(browser, 15, poll_frequency=0.1).until(finished)


def personal_link_from_email(address):
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    return re.search(r"https?://\S+/tilmelding/[\w-]+/", message.body).group(0)


def log_in(browser, email, password):
    """Log in through the real login page."""
    browser.get(browser.base_url + "/konto/login/")
    fill(browser, "login", email)
    fill(browser, "password", password)
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait_for_next_page(browser, page)


def log_out(browser):
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(By.XPATH, "//nav//button[normalize-space()='Log ud']"))
    wait_for_next_page(browser, page)
    assert browser.find_element(By.LINK_TEXT, "Log ind")


def authenticator_code(secret, moment: float) -> str:
    """The code the authenticator app shows at ``moment``."""
    return format_hotp_value(hotp_value(secret, int(moment) // mfa_settings.TOTP_PERIOD))


def log_in_with_authenticator(browser, email, password, secret):
    """The login page, then the code from the authenticator app."""
    log_in(browser, email, password)
    assert browser.current_url == browser.base_url + "/konto/2fa/authenticate/"
    # The clock (of this process, so of the live server too) goes back to the
    # start of the code's period and runs on: the code cannot expire between
    # reading and posting it, whatever second the test runs in.
    now = time.time()
    period_start = now - now % mfa_settings.TOTP_PERIOD
    with time_machine.travel(period_start, tick=True):
        fill(browser, "code", authenticator_code(secret, period_start))
        page = browser.find_element(By.TAG_NAME, "html")
        browser.find_element(By.NAME, "code").send_keys(Keys.ENTER)
        wait_for_next_page(browser, page)
    assert browser.current_url == browser.base_url + "/mine-sider/"


def select2_choose(browser, field_id, search, option_text):
    """Open the admin's autocomplete for a field, type, and pick the option as a user would."""
    selection = browser.find_element(By.CSS_SELECTOR, f"#{field_id} + .select2 .select2-selection")
    click(browser, selection)
    search_field = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_element_located(
            (By.CSS_SELECTOR, ".select2-container--open .select2-search__field")
        )
    )
    search_field.send_keys(search)

    def pick(driver):
        # The box lists every choice when it opens; the answer for the typed words replaces that list a
        # moment later. The choice is the same in both, but the element may be replaced under the click:
        # then look again.
        try:
            options = driver.find_elements(By.CSS_SELECTOR, ".select2-container--open .select2-results__option")
            option = next((option for option in options if option.text == option_text), None)
            if option is None:
                return False
            option.click()
            return True
        except StaleElementReferenceException:
            return False

    WebDriverWait(browser, 10).until(pick)
    WebDriverWait(browser, 10).until(
        lambda driver: (
            driver.find_element(By.ID, field_id).get_attribute("value")
            and option_text in driver.find_element(By.CSS_SELECTOR, f"#{field_id} + .select2 .select2-selection").text
        )
    )


def submit_admin_form(browser):
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(By.CSS_SELECTOR, "#content-main form input[name=_save]"))
    wait_for_next_page(browser, page)
