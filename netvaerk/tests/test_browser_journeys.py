"""Journeys through the real pages in headless Chromium against a live server."""

import csv
import datetime as dt
import io
import re
import time

import openpyxl
import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from members.models import Material, Minutes, Post
from netvaerk.models import Network
from netvaerk.roles import SECRETARIAT
from registration.enums import RegistrationStatus
from registration.models import ExportLog, Registration

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
DEMO_PDF_TITLE = "Dagsorden og deltagerliste (demo)"  # the file the demo shares in the group space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    WebDriverWait(browser, 10, ignored_exceptions=[StaleElementReferenceException]).until(
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


# --- Staff in the admin --------------------------------------------------------------------------


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


@pytest.fixture
def authenticator(settings):
    """Staff must use an authenticator app, as production requires (MFA_REQUIRED_FOR_STAFF).

    Returns a function that gives a user an authenticator and returns its secret, the app's side.
    """
    settings.MFA_REQUIRED_FOR_STAFF = True

    def activate(user):
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret

    return activate


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


def test_consultant_creates_a_network_and_a_meeting_with_a_programme_in_the_admin(browser, demo, authenticator):
    secret = authenticator(get_user_model().objects.get(email=demo.consultant_email))
    for path in ["/netvaerk/", "/moeder/"]:  # the public lists as they were
        browser.get(browser.base_url + path)
        assert "Unge og fritid i Vestegnen" not in text(browser)
    log_in_with_authenticator(browser, demo.consultant_email, demo.consultant_password, secret)
    follow(browser, By.LINK_TEXT, "Administration")
    assert browser.current_url == browser.base_url + "/admin/"

    # A new network: name (the slug follows), organiser and theme through the autocomplete.
    follow(browser, By.CSS_SELECTOR, "a.addlink[href$='/admin/netvaerk/network/add/']")
    fill(browser, "name", "Unge og fritid i Vestegnen")
    WebDriverWait(browser, 10).until(
        lambda driver: driver.find_element(By.NAME, "slug").get_attribute("value") == "unge-og-fritid-i-vestegnen"
    )
    fill(browser, "teaser", "Et netværk for medarbejdere, der arbejder med unges fritidsliv i boligområderne.")
    select2_choose(browser, "id_organiser", "Boligsoc", "Boligsocialnet")
    select2_choose(browser, "id_theme", "Naboskab", "Naboskab og trivsel")
    fill(browser, "virtual_meetings_per_year", "2")
    fill(browser, "physical_meetings_per_year", "2")
    submit_admin_form(browser)
    wait_for_text(browser, "Unge og fritid i Vestegnen")
    network = Network.objects.get(slug="unge-og-fritid-i-vestegnen")
    assert network.organiser.name == "Boligsocialnet" and network.is_public

    # A meeting of that network, in person at a known venue, published, with a two-point programme.
    follow(browser, By.CSS_SELECTOR, ".breadcrumbs a[href='/admin/']")
    follow(browser, By.CSS_SELECTOR, "a.addlink[href$='/admin/meetings/meeting/add/']")
    day = timezone.localdate() + dt.timedelta(days=45)
    deadline = day - dt.timedelta(days=10)
    fill(browser, "title", "Fritidsjob som vej ind i foreningslivet")
    select2_choose(browser, "id_network", "Unge og fritid", "Unge og fritid i Vestegnen")
    select2_choose(browser, "id_organiser", "Boligsoc", "Boligsocialnet")
    Select(browser.find_element(By.NAME, "status")).select_by_value(MeetingStatus.PUBLISHED)
    fill(browser, "starts_at_0", f"{day:%d.%m.%Y}")
    fill(browser, "starts_at_1", "13.00")
    fill(browser, "ends_at_0", f"{day:%d.%m.%Y}")
    fill(browser, "ends_at_1", "15.30")
    select2_choose(browser, "id_venue", "Tingbjerg", "Tingbjerg Bibliotek og Kulturhus, Brønshøj")
    fill(browser, "purpose", "At dele erfaringer med fritidsjob, så flere unge kommer godt i gang.")
    fill(browser, "registration_deadline_0", f"{deadline:%d.%m.%Y}")
    fill(browser, "registration_deadline_1", "12.00")
    fill(browser, "capacity", "30")
    programme = browser.find_element(By.ID, "agenda_items-group")
    for index, (start, end, title) in enumerate(
        [
            ("13.00", "13.45", "Velkomst og oplæg om fritidsjob"),
            ("13.45", "15.00", "Gruppearbejde: Hvad virker hos jer?"),
        ]
    ):
        if index:  # the first goes into the timetable's blank row
            click(browser, programme.find_element(By.CSS_SELECTOR, "button.timetable-add"))
        WebDriverWait(browser, 10).until(
            lambda driver, index=index: driver.find_elements(By.NAME, f"agenda_items-{index}-title")
        )
        fill(browser, f"agenda_items-{index}-title", title)
        retype(browser, f"agenda_items-{index}-start_time", start)
        retype(browser, f"agenda_items-{index}-end_time", end)
    submit_admin_form(browser)
    wait_for_text(browser, "Fritidsjob som vej ind i foreningslivet")
    assert not browser.find_elements(By.CSS_SELECTOR, ".errornote, .errorlist")
    meeting = Meeting.objects.get(title="Fritidsjob som vej ind i foreningslivet")
    assert meeting.network == network and meeting.status == MeetingStatus.PUBLISHED and meeting.capacity == 30
    assert meeting.agenda_items.count() == 2

    # Both are public at once, for anonymous visitors too (whose pages come from the page cache, warmed above).
    follow(browser, By.CSS_SELECTOR, "#user-tools a[href='/']")  # "Se side"
    log_out(browser)
    follow(browser, By.LINK_TEXT, "Netværk")
    follow(browser, By.LINK_TEXT, "Unge og fritid i Vestegnen")
    assert "Et netværk for medarbejdere, der arbejder med unges fritidsliv" in text(browser)
    follow(browser, By.PARTIAL_LINK_TEXT, "Fritidsjob som vej ind i foreningslivet")
    assert browser.current_url == browser.base_url + f"/moeder/{meeting.code}/"
    assert "Fritidsjob som vej ind i foreningslivet" in browser.find_element(By.TAG_NAME, "h1").text
    programme_text = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=programme-heading]").text
    assert "13.00-13.45" in programme_text and "Velkomst og oplæg om fritidsjob" in programme_text
    assert "13.45-15.00" in programme_text and "Gruppearbejde: Hvad virker hos jer?" in programme_text
    assert "Tingbjerg Bibliotek og Kulturhus" in text(browser)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "journey-admin-meeting-public-page.png"))


def test_secretariat_downloads_the_participant_list_as_csv_and_xlsx(browser, demo, authenticator, downloads):
    # The demo's secretariat login (group "Sekretariat", not a superuser) gets an authenticator.
    sanne = get_user_model().objects.get(email="sekretariat@netvaerk.example")
    assert sanne.groups.filter(name=SECRETARIAT).exists() and not sanne.is_superuser
    EmailAddress.objects.update_or_create(user=sanne, email=sanne.email, defaults={"verified": True, "primary": True})
    secret = authenticator(sanne)
    log_in_with_authenticator(browser, sanne.email, "demo-sekretariat-2026", secret)

    title = "Hvem ejer idéerne? Lokalsamfund og beboerinddragelse"
    meeting = Meeting.objects.get(title=title)
    expected = sorted(
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).values_list("name", flat=True)
    )
    assert len(expected) >= 30
    follow(browser, By.LINK_TEXT, "Lister")
    assert "Kommende møder" in text(browser)
    follow(browser, By.LINK_TEXT, title)
    assert browser.current_url == browser.base_url + f"/personale/moeder/{meeting.code}/lister/"
    assert f"{len(expected)} / {meeting.capacity} bekræftet" in text(browser)

    click(browser, browser.find_element(By.XPATH, "//main//form//button[normalize-space()='Download CSV']"))
    csv_file = wait_for_download(browser, downloads, ".csv")
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Navn", "Organisation", "Stillingsbetegnelse"]
    assert sorted(row[0] for row in rows[1:]) == expected

    click(browser, browser.find_element(By.XPATH, "//main//form//button[normalize-space()='Download XLSX']"))
    xlsx_file = wait_for_download(browser, downloads, ".xlsx")
    sheet = openpyxl.load_workbook(xlsx_file, read_only=True).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "Navn"
    assert sorted(row[0] for row in table[1:]) == expected

    # Both downloads are in the export log, with who and how many rows.
    logged = ExportLog.objects.filter(user=sanne, meeting=meeting).order_by("created_at")
    assert [(entry.format, entry.row_count) for entry in logged] == [("csv", len(expected)), ("xlsx", len(expected))]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "journey-secretariat-lists.png"))


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
    post = Post.objects.get(title="Erfaringer med lektiecafé?")
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
