"""The programme's timetable editor in the meeting admin, in headless Chromium.

A consultant writes a 4-item programme mostly with the keyboard; the journey
counts the clicks and prints the time it took (never asserted: machines differ).
"""

import datetime as dt
import time

import pytest
from django.conf import settings
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from meetings.enums import AgendaItemKind
from meetings.models import AgendaItem, Meeting
from meetings.tests.browser import Clicks, log_in
from netvaerk.tests.support import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
ROWS = "#agenda_items-group tbody.form-row:not(.empty-form)"
DESKTOP, LAPTOP = (1440, 1000), (1366, 768)
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


class Keyboard:
    """Keys typed into whatever has the focus, counted apart from the clicks."""

    def __init__(self, browser):
        self.browser = browser
        self.count = 0

    def type(self, *keys):
        # A field reached with Tab has its text selected: typing replaces it.
        ActionChains(self.browser).send_keys(*keys).perform()
        self.count += sum(len(key) if key.isprintable() else 1 for key in keys)

    def chord(self, modifier, key):
        ActionChains(self.browser).key_down(modifier).send_keys(key).key_up(modifier).perform()
        self.count += 1


def rows(browser):
    return browser.find_elements(By.CSS_SELECTOR, ROWS)


def row_values(browser):
    """Each row as (start, end, minutes, title): what the page would send."""
    fields = ("start_time", "end_time", "duration", "title")
    return [
        tuple(row.find_element(By.CSS_SELECTOR, f"[name$='-{name}']").get_attribute("value") for name in fields)
        for row in rows(browser)
    ]


def focused_name(browser):
    return browser.switch_to.active_element.get_attribute("name") or ""


def open_meeting(browser, meeting):
    browser.get(f"{browser.base_url}/admin/meetings/meeting/{meeting.pk}/change/")
    WebDriverWait(browser, 10).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#agenda_items-group.timetable-enhanced")
    )


def test_consultant_writes_a_four_item_programme_in_few_clicks(browser, draft_meeting, demo):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.set_window_size(*LAPTOP)
    clicks, keys = Clicks(browser), Keyboard(browser)
    log_in(browser, clicks, demo)
    open_meeting(browser, draft_meeting)
    clicks.count = 0
    begun = time.monotonic()

    # The blank row proposes the meeting's start and the default half hour.
    blank = rows(browser)[0]
    title = blank.find_element(By.CSS_SELECTOR, "[name$='-title']")
    assert blank.find_element(By.CSS_SELECTOR, "[name$='-start_time']").get_attribute("placeholder") == "09.30"
    clicks.on(title)
    keys.type("Velkomst og præsentationsrunde", Keys.TAB, "Velk")  # the kind by its first letters
    keys.type(Keys.ENTER)  # a new row below, where the first one ends
    assert focused_name(browser).endswith("-title")
    keys.type("Oplæg: Hvad gør en social vicevært?", Keys.TAB, "Opl", Keys.TAB, "Anne Hansen, CFBU")
    keys.chord(Keys.SHIFT, Keys.TAB)
    keys.chord(Keys.SHIFT, Keys.TAB)
    keys.chord(Keys.SHIFT, Keys.TAB)  # back along the row to the minutes
    assert focused_name(browser).endswith("-duration")
    keys.type("45", Keys.ENTER)
    keys.type("Pause", Keys.TAB, "Pau")
    keys.chord(Keys.SHIFT, Keys.TAB)
    keys.chord(Keys.SHIFT, Keys.TAB)
    keys.type("15", Keys.ENTER)
    keys.type("Gruppedrøftelse i tre grupper", Keys.TAB, "Grup")
    keys.chord(Keys.SHIFT, Keys.TAB)
    keys.chord(Keys.SHIFT, Keys.TAB)
    keys.type("60", Keys.TAB)
    assert row_values(browser) == [
        ("09.30", "10.00", "30", "Velkomst og præsentationsrunde"),
        ("10.00", "10.45", "45", "Oplæg: Hvad gør en social vicevært?"),
        ("10.45", "11.00", "15", "Pause"),
        ("11.00", "12.00", "60", "Gruppedrøftelse i tre grupper"),
    ]

    # The talk needs an hour: the page offers to move the two items after it.
    clicks.on(rows(browser)[1].find_element(By.CSS_SELECTOR, "[name$='-duration']"))
    keys.chord(Keys.CONTROL, "a")
    keys.type("60", Keys.TAB)
    offer = rows(browser)[1].find_element(By.CSS_SELECTOR, ".timetable-shift")
    assert offer.text == "Ryk de næste 2 punkter 15 min. senere"
    browser.save_screenshot(str(ARTIFACTS / "timetable-offer-laptop.png"))
    clicks.on(offer)
    # The break after the group work, not before it: Alt+Down swaps their places in time.
    clicks.on(rows(browser)[2].find_element(By.CSS_SELECTOR, "[name$='-title']"))
    keys.chord(Keys.ALT, Keys.ARROW_DOWN)
    assert focused_name(browser).endswith("-title") and browser.switch_to.active_element.get_attribute("value") == (
        "Pause"
    )
    assert row_values(browser) == [
        ("09.30", "10.00", "30", "Velkomst og præsentationsrunde"),
        ("10.00", "11.00", "60", "Oplæg: Hvad gør en social vicevært?"),
        ("11.00", "12.00", "60", "Gruppedrøftelse i tre grupper"),
        ("12.00", "12.15", "15", "Pause"),
    ]
    browser.save_screenshot(str(ARTIFACTS / "timetable-written-laptop.png"))
    browser.set_window_size(*DESKTOP)
    browser.save_screenshot(str(ARTIFACTS / "timetable-written-desktop.png"))

    clicks.follow("#content-main form input[name=_continue]")
    elapsed = time.monotonic() - begun

    assert not browser.find_elements(By.CSS_SELECTOR, ".errornote, .errorlist")
    saved = [
        (item.start_time, item.end_time, item.title, item.kind, item.speakers)
        for item in Meeting.objects.get(pk=draft_meeting.pk).agenda_items.all()
    ]
    assert saved == [
        (dt.time(9, 30), dt.time(10, 0), "Velkomst og præsentationsrunde", AgendaItemKind.WELCOME, ""),
        (
            dt.time(10, 0),
            dt.time(11, 0),
            "Oplæg: Hvad gør en social vicevært?",
            AgendaItemKind.TALK,
            "Anne Hansen, CFBU",
        ),
        (dt.time(11, 0), dt.time(12, 0), "Gruppedrøftelse i tre grupper", AgendaItemKind.GROUP_WORK, ""),
        (dt.time(12, 0), dt.time(12, 15), "Pause", AgendaItemKind.BREAK, ""),
    ]
    assert clicks.count <= 15
    assert clicks.count == 5  # into the first title, the minutes, the offer, the break's title, "Gem og fortsæt"
    print(f"timetable journey: 4 items, {clicks.count} clicks, {keys.count} keys, {elapsed:.1f} s")


def test_demo_seed_meeting_shows_its_programme_as_a_timetable(browser, demo):
    ARTIFACTS.mkdir(exist_ok=True)
    seed = Meeting.objects.get(code="21-374")
    clicks = Clicks(browser)
    log_in(browser, clicks, demo)
    open_meeting(browser, seed)

    values = row_values(browser)
    assert len(values) == 12  # the seed's 11 items and the blank row
    assert values[0] == ("09.30", "10.00", "30", "Drop-in med morgenbrød, kaffe og te")
    assert values[10] == ("15.00", "", "", "Tak for i dag")
    blank = rows(browser)[11]
    # The blank row proposes to start where the last item is (a point in time: 15.00), for half an hour.
    proposed = [
        blank.find_element(By.CSS_SELECTOR, f"[name$='-{name}']").get_attribute("placeholder")
        for name in ("start_time", "end_time", "duration")
    ]
    assert proposed == ["15.00", "15.30", "30"] and values[11] == ("", "", "", "")
    # Bullets and description fold out on demand, with the keyboard too.
    talk = next(row for row in rows(browser) if "filled in" in row.text or "udfyldt" in row.text)
    summary = talk.find_element(By.CSS_SELECTOR, "summary")
    assert not talk.find_element(By.CSS_SELECTOR, "[name$='-bullet_points']").is_displayed()
    browser.execute_script("arguments[0].focus()", summary)
    Keyboard(browser).type(Keys.ENTER)
    assert talk.find_element(By.CSS_SELECTOR, "[name$='-bullet_points']").is_displayed()

    programme = browser.find_element(By.ID, "agenda_items-group")
    for name, size in (("desktop", DESKTOP), ("laptop", LAPTOP)):
        browser.set_window_size(*size)
        browser.execute_script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", programme)
        browser.save_screenshot(str(ARTIFACTS / f"timetable-seed-{name}.png"))
        # One row per item: the whole programme of 11 items fits in about one laptop screen.
        assert programme.size["height"] < 1000

    # The timetable's labels and names pass axe (WCAG 2.1 AA) within the programme.
    if AXE.exists():
        assert csp_violations(browser) == []  # the page's own, before axe (which sets inline styles itself)
        browser.execute_script(AXE.read_text())
        found = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document.getElementById('agenda_items-group'),"
            " {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));"
        )
        csp_violations(browser)  # axe's, not the page's
        assert found == []


def test_without_javascript_the_plain_inline_still_saves(browser, draft_meeting, demo):
    AgendaItem.objects.create(
        meeting=draft_meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), title="Velkomst"
    )
    clicks = Clicks(browser)
    log_in(browser, clicks, demo)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(f"{browser.base_url}/admin/meetings/meeting/{draft_meeting.pk}/change/")
    assert not browser.find_elements(By.CSS_SELECTOR, ".timetable-enhanced, .timetable-add")

    first, blank = rows(browser)
    first.find_element(By.CSS_SELECTOR, "[name$='-duration']").clear()
    first.find_element(By.CSS_SELECTOR, "[name$='-duration']").send_keys("45")  # the end follows the duration
    blank.find_element(By.CSS_SELECTOR, "[name$='-start_time']").send_keys("10.45")
    blank.find_element(By.CSS_SELECTOR, "[name$='-duration']").send_keys("30")
    blank.find_element(By.CSS_SELECTOR, "[name$='-title']").send_keys("Oplæg om naboskab")
    clicks.follow("#content-main form input[name=_continue]")

    assert not browser.find_elements(By.CSS_SELECTOR, ".errornote, .errorlist")
    saved = [(item.start_time, item.end_time, item.title) for item in draft_meeting.agenda_items.all()]
    assert saved == [
        (dt.time(9, 30), dt.time(10, 15), "Velkomst"),
        (dt.time(10, 45), dt.time(11, 15), "Oplæg om naboskab"),
    ]
    assert len(rows(browser)) == 3  # the two items and a new blank row


def test_add_button_and_removing_a_new_row_keep_the_formset_whole(browser, draft_meeting, demo):
    clicks = Clicks(browser)
    log_in(browser, clicks, demo)
    open_meeting(browser, draft_meeting)
    keys = Keyboard(browser)
    clicks.on(rows(browser)[0].find_element(By.CSS_SELECTOR, "[name$='-title']"))
    keys.type("Velkomst")
    for title in ("Oplæg", "Frokost", "Opsamling"):
        clicks.on(browser.find_element(By.CSS_SELECTOR, "button.timetable-add"))
        keys.type(title)
    # The second of the new rows goes again (its times were taken: the later ones may move up).
    clicks.on(rows(browser)[2].find_element(By.CSS_SELECTOR, "button.inline-deletelink"))
    assert [values[3] for values in row_values(browser)] == ["Velkomst", "Oplæg", "Opsamling"]
    names = [row.find_element(By.CSS_SELECTOR, "[name$='-title']").get_attribute("name") for row in rows(browser)]
    assert names == ["agenda_items-0-title", "agenda_items-1-title", "agenda_items-2-title"]
    assert browser.find_element(By.ID, "id_agenda_items-TOTAL_FORMS").get_attribute("value") == "3"
    clicks.follow("#content-main form input[name=_continue]")

    assert not browser.find_elements(By.CSS_SELECTOR, ".errornote, .errorlist")
    saved = [(item.start_time, item.end_time, item.title) for item in draft_meeting.agenda_items.all()]
    assert saved == [
        (dt.time(9, 30), dt.time(10, 0), "Velkomst"),
        (dt.time(10, 0), dt.time(10, 30), "Oplæg"),
        (dt.time(11, 0), dt.time(11, 30), "Opsamling"),
    ]
