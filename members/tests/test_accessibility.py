"""axe-core (WCAG 2.0/2.1, A and AA) on the members' pages, signed in as the demo member, and on the login page."""

import pytest
from django.contrib.auth import get_user_model
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from members.models import BoardPost
from members.tests.factories import PASSWORD, VerifiedUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "lokalsamfund-medborgerskab"  # the demo member's network


def scroll_to(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    return element


def submit(browser, css):
    """Press a form's button and wait until the answer has replaced the page."""
    page = browser.find_element(By.TAG_NAME, "html")
    scroll_to(browser, browser.find_element(By.CSS_SELECTOR, css)).click()
    # While the old document is torn down Chromium may say "node does not belong to the document": ask again.
    WebDriverWait(browser, 10, ignored_exceptions=[WebDriverException]).until(expected_conditions.staleness_of(page))


def log_in(browser, email, password):
    browser.get(browser.base_url + "/konto/login/")
    browser.find_element(By.NAME, "login").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(password)
    submit(browser, "main form button[type=submit]")


def assert_accessible(browser, axe, path=None, *, lands_on=None):
    if path is not None:
        browser.get(browser.base_url + path)
        # The page itself, not the login page or a 403 instead.
        assert browser.current_url == browser.base_url + (lands_on or path)
        assert browser.find_element(By.TAG_NAME, "h1").text
    violations = axe()
    assert violations == [], f"{path or browser.current_url}: {violations}"


def test_login_page_empty_and_with_a_wrong_password_is_accessible(browser, axe, demo):
    assert_accessible(browser, axe, "/konto/login/")
    browser.find_element(By.NAME, "login").send_keys(demo.member_email)
    browser.find_element(By.NAME, "password").send_keys("forkert-adgangskode")
    submit(browser, "main form button[type=submit]")
    assert "/konto/login/" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, ".alert-danger, .invalid-feedback, .errorlist")
    assert_accessible(browser, axe)


def test_authenticator_code_page_empty_and_with_a_wrong_code_is_accessible(browser, axe, demo):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(get_user_model().objects.get(email=demo.member_email), generate_totp_secret())
    log_in(browser, demo.member_email, demo.member_password)
    assert_accessible(browser, axe, "/konto/2fa/authenticate/")
    browser.find_element(By.NAME, "code").send_keys("000000")
    submit(browser, "main form button[type=submit]")
    assert browser.find_elements(By.CSS_SELECTOR, ".is-invalid, .invalid-feedback, .alert-danger")
    assert_accessible(browser, axe)


def test_my_pages_are_accessible(browser, axe, demo):
    log_in(browser, demo.member_email, demo.member_password)
    for path in [
        "/mine-sider/",
        "/mine-sider/tilmeldinger/",
        "/mine-sider/profil/",
        "/mine-sider/mine-data/",
        "/mine-sider/slet-konto/",
    ]:
        assert_accessible(browser, axe, path)


def test_member_forms_with_validation_errors_are_accessible(browser, axe, demo):
    log_in(browser, demo.member_email, demo.member_password)
    post = BoardPost.objects.filter(network__slug=SLUG, parent__isnull=True, removed_at__isnull=True).first()
    for path, clear, button in [
        ("/mine-sider/profil/", "first_name", "main form button[type=submit]"),
        ("/mine-sider/slet-konto/", None, "main form button.btn-danger"),
        (f"/netvaerk/{SLUG}/gruppe/opslag/", None, "section[aria-labelledby=new-post-heading] button[type=submit]"),
        (
            f"/netvaerk/{SLUG}/gruppe/opslag/{post.pk}/",
            None,
            "section[aria-labelledby=replies-heading] form.mt-3 button",
        ),
        (f"/netvaerk/{SLUG}/gruppe/materiale/", None, "section[aria-labelledby=share-heading] button[type=submit]"),
    ]:
        browser.get(browser.base_url + path)
        if clear:
            scroll_to(browser, browser.find_element(By.NAME, clear)).clear()
        submit(browser, button)
        assert browser.find_elements(By.CSS_SELECTOR, ".is-invalid, main .alert-danger"), path
        assert_accessible(browser, axe)


def test_empty_profile_of_a_new_member_is_accessible(browser, axe, demo):
    VerifiedUserFactory(email="ny@example.dk", first_name="Ny", last_name="Bruger")
    log_in(browser, "ny@example.dk", PASSWORD)
    for path in ["/mine-sider/", "/mine-sider/tilmeldinger/", "/mine-sider/profil/", f"/netvaerk/{SLUG}/bliv-medlem/"]:
        assert_accessible(browser, axe, path)


def test_group_space_is_accessible(browser, axe, demo):
    log_in(browser, demo.member_email, demo.member_password)
    post = BoardPost.objects.filter(network__slug=SLUG, parent__isnull=True, removed_at__isnull=True).first()
    assert_accessible(browser, axe, f"/netvaerk/{SLUG}/gruppe/", lands_on=f"/netvaerk/{SLUG}/gruppe/opslag/")
    for path in [
        f"/netvaerk/{SLUG}/gruppe/opslag/",
        f"/netvaerk/{SLUG}/gruppe/opslag/{post.pk}/",
        f"/netvaerk/{SLUG}/gruppe/medlemmer/",
        f"/netvaerk/{SLUG}/gruppe/materiale/",
        f"/netvaerk/{SLUG}/gruppe/referater/",
        f"/netvaerk/{SLUG}/bliv-medlem/",  # already a member
        "/netvaerk/sociale-vicevaerter/bliv-medlem/",  # not a member yet
    ]:
        assert_accessible(browser, axe, path)


def test_board_after_saving_the_email_setting_is_accessible(browser, axe, demo):
    log_in(browser, demo.member_email, demo.member_password)
    browser.get(browser.base_url + f"/netvaerk/{SLUG}/gruppe/opslag/")
    # The email setting for new posts: saved, the board answers with a message.
    submit(browser, "form[action$='/gruppe/notifikationer/'] button[type=submit]")
    assert browser.find_elements(By.CSS_SELECTOR, "main .alert")
    assert_accessible(browser, axe)


def test_phone_sized_my_pages_and_board_are_accessible(browser, axe, demo):
    browser.set_window_size(390, 844)
    log_in(browser, demo.member_email, demo.member_password)
    for path in ["/mine-sider/", f"/netvaerk/{SLUG}/gruppe/opslag/", f"/netvaerk/{SLUG}/gruppe/medlemmer/"]:
        assert_accessible(browser, axe, path)
