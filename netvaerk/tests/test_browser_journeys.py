"""Journeys through the real pages in headless Chromium against a live server."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from meetings.models import Meeting
from members.models import BoardPost, Material, Minutes
from netvaerk.tests.browser_steps import (
    ARTIFACTS,
    click,
    fill,
    follow,
    log_in,
    personal_link_from_email,
    text,
    wait_for_download,
    wait_for_next_page,
    wait_for_text,
)
from registration.enums import RegistrationStatus
from registration.models import Registration

DEMO_PDF_TITLE = "Dagsorden og deltagerliste (demo)"  # the file the demo shares in the group space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_finds_network_signs_up_changes_and_cancels(browser, demo, settings):
    settings.SITE_URL = browser.base_url
    browser.get(browser.base_url + "/")
    follow(browser, By.LINK_TEXT, "Netværk")
    follow(browser, By.LINK_TEXT, "Lokalsamfund & medborgerskab")
    assert "Mødekadence" in browser.page_source
    follow(browser, By.LINK_TEXT, "Møder")
    follow(browser, By.PARTIAL_LINK_TEXT, "Aktive boligområder i Albertslund")
    assert "Naboskab, netværk & tryghed" in text(browser)

    fill(browser, "name", "Åse Ærø")
    fill(browser, "email", "aase@example.dk")
    fill(browser, "organisation", "Boligforeningen Rosenhøj")
    Select(browser.find_element(By.NAME, "workshop_first")).select_by_visible_text("Sundhed & trivsel")
    Select(browser.find_element(By.NAME, "workshop_second")).select_by_visible_text("Uddannelse & livschancer")
    # The meeting's own question (demo/loaders/questions.py): where the participant comes from.
    click(browser, browser.find_element(By.XPATH, "//label[normalize-space()='Galgebakken']"))
    click(browser, browser.find_element(By.NAME, "sensitive_consent"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name=diets][value=vegetarian]"))
    click(browser, browser.find_element(By.NAME, "privacy"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "#tilmelding button[type=submit]"))
    wait_for_text(browser, "Tak for din tilmelding")
    registration = Registration.objects.get(email="aase@example.dk")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.workshop.title == "Sundhed & trivsel" and registration.diets == ["vegetarian"]

    browser.get(personal_link_from_email("aase@example.dk"))
    assert "Bekræftet" in text(browser) and "Sundhed & trivsel" in text(browser)
    fill(browser, "job_title", "Projektleder")
    click(browser, browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=edit-heading] button[type=submit]"))
    wait_for_text(browser, "gemt")
    registration.refresh_from_db()
    assert registration.job_title == "Projektleder"

    follow(browser, By.LINK_TEXT, "Afmeld")
    click(browser, browser.find_element(By.CSS_SELECTOR, "form button.btn-danger"))
    wait_for_text(browser, "Afmeldt")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_keyboard_only_sign_up(browser, demo, settings):
    meeting = Meeting.objects.get(title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse")
    browser.get(browser.base_url + meeting.get_absolute_url())
    name = browser.find_element(By.NAME, "name")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", name)
    name.click()
    active = browser.switch_to.active_element
    for value in ["Kim Tastatur", "kim@example.dk", "12345678", "KAB", "Vicevært"]:
        active.send_keys(value, Keys.TAB)
        active = browser.switch_to.active_element
    # Tab through the consent box, diets, notes and comment to the privacy box, then submit with Enter.
    for _ in range(30):
        if active.get_attribute("name") == "privacy":
            break
        active.send_keys(Keys.TAB)
        active = browser.switch_to.active_element
    assert active.get_attribute("name") == "privacy"
    active.send_keys(Keys.SPACE)
    active.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.TAB)  # past the privacy notice link
    submit = browser.switch_to.active_element
    assert submit.get_attribute("type") == "submit"
    submit.send_keys(Keys.ENTER)
    wait_for_text(browser, "Tak for din tilmelding")
    assert Registration.objects.filter(email="kim@example.dk", meeting=meeting).exists()


# --- A member in the group space -----------------------------------------------------------------


def test_member_signs_in_and_uses_the_group_space(browser, demo, downloads):
    log_in(browser, demo.member_email, demo.member_password)
    follow(browser, By.LINK_TEXT, "Mine sider")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Hej Maja"
    assert "Lokalsamfund & medborgerskab" in text(browser)
    follow(browser, By.LINK_TEXT, "Åbn netværksgruppen")
    assert browser.current_url == browser.base_url + "/netvaerk/lokalsamfund-medborgerskab/gruppe/opslag/"

    # A post on the board, listed at once.
    fill(browser, "title", "Erfaringer med lektiecafé?")
    fill(browser, "body", "Vi vil starte en lektiecafé i beboerhuset. Hvem har prøvet det, og hvad skal vi passe på?")
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(By.XPATH, "//main//form//button[normalize-space()='Slå op']"))
    wait_for_next_page(browser, page)
    assert "Dit opslag er sat op på opslagstavlen." in text(browser)
    titles = [element.text for element in browser.find_elements(By.CSS_SELECTOR, "article.post h3")]
    assert "Erfaringer med lektiecafé?" in titles
    post = BoardPost.objects.get(title="Erfaringer med lektiecafé?")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "journey-member-board.png"))
    assert post.author.email == demo.member_email and post.network.slug == "lokalsamfund-medborgerskab"

    # The member directory: those who agreed to be shown, with contact details; not those who did not.
    follow(browser, By.LINK_TEXT, "Medlemmer")
    directory = text(browser)
    assert "Ahmad Rahimi" in directory and "ahmad.rahimi@tingbjerg.example" in directory
    assert "Søren Holt" not in directory

    # Shared material: a link and a PDF, downloaded through the permission check.
    follow(browser, By.LINK_TEXT, "Materiale")
    assert "CFBU: Medborgerskab og social integration" in text(browser)
    click(browser, browser.find_element(By.LINK_TEXT, DEMO_PDF_TITLE))
    pdf = wait_for_download(browser, downloads, ".pdf")
    material = Material.objects.get(title=DEMO_PDF_TITLE)
    assert pdf.name == material.original_name
    with material.file.open("rb") as stored:
        assert pdf.read_bytes() == stored.read()
    assert pdf.read_bytes().startswith(b"%PDF")

    # Minutes of the past meetings; open one.
    follow(browser, By.LINK_TEXT, "Referater")
    summary = browser.find_element(By.XPATH, "//summary[normalize-space()='Læs referatet']")
    click(browser, summary)
    minutes = summary.find_element(By.XPATH, "..")
    # The demo minutes name the attendance the check-ins show.
    attendance = Minutes.objects.get(meeting__title="Unge, fritid og demokrati").text.splitlines()[0]
    assert attendance.startswith("Til stede: ")
    WebDriverWait(browser, 10).until(lambda _driver: attendance in minutes.text)
    browser.execute_script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", minutes)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "journey-member-minutes.png"))
