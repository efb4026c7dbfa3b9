"""The consultant pastes the seed programme and considers a warning, in headless Chromium."""

import datetime as dt
import time
from pathlib import Path

import pytest
from django.conf import settings
from selenium.webdriver.common.by import By

from meetings.enums import MeetingKind
from meetings.models import Meeting
from meetings.tests.browser import Clicks, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
SEED = (Path(__file__).parent / "data" / "programme-21-374.txt").read_text()


def test_consultant_pastes_the_seed_programme_reviews_it_and_adds_it(browser, draft_meeting, demo):
    ARTIFACTS.mkdir(exist_ok=True)
    clicks = Clicks(browser)
    log_in(browser, clicks, demo)
    browser.get(f"{browser.base_url}/admin/meetings/meeting/{draft_meeting.pk}/change/")
    begun = time.monotonic()
    clicks.count = 0

    clicks.follow(f"a[href$='/admin/meetings/meeting/{draft_meeting.pk}/programme/paste/']")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Indsæt et program i")
    # Pasting is one keystroke for a person; the driver types it.
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.NAME, "text"), SEED)
    clicks.follow("input[name=read]")

    rows = browser.find_elements(By.CSS_SELECTOR, "#pasted-items tbody tr")
    assert len(rows) == 11
    assert rows[5].find_elements(By.TAG_NAME, "td")[2].text == "Medborgerskab, sammenhængskraft og social integration"
    assert rows[5].find_elements(By.TAG_NAME, "td")[4].text == "CFBU"
    assert rows[10].find_elements(By.TAG_NAME, "td")[1].text == ""  # "Tak for i dag" has a start time only
    warnings = browser.find_element(By.ID, "paste-warnings").text
    assert "Torsdag d. 21. april 2022" in warnings
    browser.save_screenshot(str(ARTIFACTS / "paste-programme-review.png"))
    browser.set_window_size(390, 844)
    browser.save_screenshot(str(ARTIFACTS / "paste-programme-review-phone.png"))
    browser.set_window_size(1280, 1000)

    clicks.follow("input[name=confirm]")
    elapsed = time.monotonic() - begun
    assert browser.current_url.endswith(f"/admin/meetings/meeting/{draft_meeting.pk}/change/")
    assert "11 programpunkter er tilføjet programmet." in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    titles = [
        field.get_attribute("value")
        for field in browser.find_elements(By.CSS_SELECTOR, "#agenda_items-group input[name$='-title']")
        if field.get_attribute("value")
    ]
    assert titles[0] == "Drop-in med morgenbrød, kaffe og the" and titles[-1] == "Tak for i dag" and len(titles) == 11
    assert Meeting.objects.get(pk=draft_meeting.pk).agenda_items.count() == 11
    # The programme check above the form: each warning once, here the seed's overlap among them.
    panel = browser.find_element(By.ID, "programme-check")
    codes = [li.get_attribute("data-code") for li in panel.find_elements(By.CSS_SELECTOR, "li[data-code]")]
    assert "overlap" in codes and len(codes) == len(set(codes))
    browser.save_screenshot(str(ARTIFACTS / "paste-programme-added.png"))
    assert clicks.count == 3  # "Indsæt program", "Læs programmet", "Tilføj 11 punkter til mødet"
    print(f"paste journey: {clicks.count} clicks, {elapsed:.1f} s")


def test_consultant_marks_a_warning_as_considered_and_it_stays_quiet(browser, demo, draft_meeting):
    ARTIFACTS.mkdir(exist_ok=True)
    draft_meeting.kind = MeetingKind.THEME_DAY
    draft_meeting.ends_at = draft_meeting.starts_at + dt.timedelta(hours=7)
    draft_meeting.save()
    clicks = Clicks(browser)
    log_in(browser, clicks, demo)
    browser.get(f"{browser.base_url}/admin/meetings/meeting/{draft_meeting.pk}/change/")
    panel = browser.find_element(By.ID, "programme-check")
    assert panel.find_element(By.CSS_SELECTOR, "li[data-code=too_long]")
    browser.save_screenshot(str(ARTIFACTS / "programme-check-open.png"))

    clicks.follow("li[data-code=too_long] a.programme-check-consider")
    browser.find_element(By.NAME, "note").send_keys("Vi ved det: det er en hel temadag.")
    clicks.follow("input[name=consider]")

    panel = browser.find_element(By.ID, "programme-check")
    assert not panel.find_elements(By.CSS_SELECTOR, "ul.programme-check-open li[data-code=too_long]")
    considered = panel.find_element(By.CSS_SELECTOR, ".programme-check-considered")
    assert "Vi ved det: det er en hel temadag." in considered.text
    browser.save_screenshot(str(ARTIFACTS / "programme-check-considered.png"))

    # Saving and continuing brings no warning back, and shows none twice.
    clicks.follow("#content-main form input[name=_continue]")
    panel = browser.find_element(By.ID, "programme-check")
    codes = [li.get_attribute("data-code") for li in panel.find_elements(By.CSS_SELECTOR, "ul li[data-code]")]
    assert codes.count("too_long") == 1  # in the considered list only
    assert not panel.find_elements(By.CSS_SELECTOR, "ul.programme-check-open li[data-code=too_long]")
    assert not browser.find_elements(By.CSS_SELECTOR, ".messagelist li.warning")

    # The staff preview of the meeting page names the considered warning without showing it.
    browser.get(browser.base_url + draft_meeting.get_absolute_url())
    check = browser.find_element(By.CSS_SELECTOR, "section.programme-check")
    assert "1 advarsel er overvejet" in check.text and "7.00" not in check.text
    browser.save_screenshot(str(ARTIFACTS / "programme-check-preview.png"))
