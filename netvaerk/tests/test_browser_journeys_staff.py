"""Journeys of staff in the admin, in headless Chromium against a live server: a network and a meeting, the lists."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from netvaerk.models import Network
from netvaerk.roles import SECRETARIAT
from netvaerk.tests.browser_steps import (
    ARTIFACTS,
    click,
    fill,
    follow,
    log_in_with_authenticator,
    log_out,
    retype,
    select2_choose,
    submit_admin_form,
    text,
    wait_for_download,
    wait_for_text,
)
from registration.enums import RegistrationStatus
from registration.models import ExportLog, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# --- Staff in the admin --------------------------------------------------------------------------


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
