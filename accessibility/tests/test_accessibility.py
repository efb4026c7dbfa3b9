"""axe-core (WCAG 2.0/2.1 A and AA) on the accessibility statement, reached from the footer, also phone-sized."""

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from accessibility.enums import GapReason
from accessibility.tests.factories import GapFactory, StatementFactory
from members.tests.test_accessibility import submit
from netvaerk.tests.factories import OrganiserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_statement_from_the_footer_is_accessible_also_on_a_phone(browser, axe):
    statement = StatementFactory(
        manual_checks="Tastatur alene, NVDA med Firefox og 200 % zoom på tilmeldingen.",
        contact_organiser=OrganiserFactory(name="Boligsocialnet", email="bsn@netvaerk.example"),
    )
    GapFactory(statement=statement, title="Kort over mødestedet", fix_planned_by=dt.date(2027, 1, 31))
    GapFactory(statement=statement, title="Delte filer", reason=GapReason.OUT_OF_SCOPE, alternative="Skriv til os.")

    browser.get(browser.base_url + "/moeder/")
    submit(browser, "footer a[href='/was']")
    assert browser.current_url == browser.base_url + "/tilgaengelighed/"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tilgængelighedserklæring"
    assert "Kort over mødestedet" in browser.find_element(By.TAG_NAME, "main").text
    assert axe() == []
    browser.set_window_size(360, 800)
    assert axe() == []
