"""The statement page, /was and the footer link on every page."""

import datetime as dt

import pytest
from django.urls import reverse

from accessibility.enums import Compliance, GapReason
from accessibility.models import Statement
from accessibility.services import statement_sync
from accessibility.tests.factories import GapFactory
from netvaerk.tests.factories import OrganiserFactory

pytestmark = pytest.mark.django_db

WAS_TOOL = "https://www.was.digst.dk/netvaerk-example-dk"


@pytest.mark.parametrize("path", ["/", "/moeder/", "/netvaerk/", "/konto/login/", "/tilgaengelighed/"])
def test_footer_links_to_the_statement_on_every_page(client, path):
    text = client.get(path).content.decode()
    footer = text[text.index("<footer") :]
    assert '<a href="/was">Tilgængelighedserklæring</a>' in footer


@pytest.mark.parametrize("path", ["/was", "/was/"])
def test_was_goes_to_the_statement_made_in_the_was_tool_when_it_is_set(client, settings, path):
    settings.ACCESSIBILITY_STATEMENT_URL = WAS_TOOL
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == WAS_TOOL
    # The portal's own page then points there too: one statement.
    assert client.get("/tilgaengelighed/")["Location"] == WAS_TOOL


def test_was_goes_to_the_portals_own_statement_when_none_is_set(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    response = client.get("/was")
    assert response.status_code == 302 and response["Location"] == "/tilgaengelighed/"


def test_statement_shows_status_gaps_evaluation_contact_and_review_date(client, statement):
    statement.compliance = Compliance.PARTIAL
    statement.manual_checks = "Tastatur alene og NVDA med Firefox på de vigtigste forløb."
    statement.last_reviewed = dt.date(2026, 3, 12)
    statement.contact_organiser = OrganiserFactory(
        name="Boligsocialnet", email="bsn@netvaerk.example", phone="33 76 20 00"
    )
    statement.save()
    GapFactory(statement=statement, title="Kort over mødestedet", wcag_criterion="1.1.1 Ikke-tekstbaseret indhold")
    GapFactory(
        statement=statement,
        title="Gamle referater som scannede PDF'er",
        reason=GapReason.DISPROPORTIONATE,
        alternative="Ring, så læser vi op.",
        fix_planned_by=dt.date(2027, 1, 31),
    )
    GapFactory(statement=statement, title="Rettet mangel", fixed_on=dt.date(2026, 1, 5))

    response = client.get(reverse("accessibility:statement"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Tilgængelighedserklæring</h1>" in text
    assert "Delvist i overensstemmelse" in text
    assert "Manglende overholdelse af loven" in text and "Kort over mødestedet" in text
    assert "WCAG 1.1.1 Ikke-tekstbaseret indhold" in text
    assert "Uforholdsmæssig stor byrde" in text and "Ring, så læser vi op." in text
    assert "31. januar 2027" in text
    assert "Rettet mangel" not in text
    assert "axe-core" in text and "Tastatur alene og NVDA" in text
    assert 'href="mailto:bsn@netvaerk.example"' in text and 'href="tel:33762000"' in text
    assert "senest gennemgået den 12. marts 2026" in text


def test_contact_from_the_settings_comes_before_the_organiser(client, statement, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tilgaengelighed@netvaerk.example"
    settings.ACCESSIBILITY_CONTACT_PHONE = "70 20 30 40"
    statement.contact_organiser = OrganiserFactory(email="bsn@netvaerk.example", phone="33 76 20 00")
    statement.save()
    text = client.get(reverse("accessibility:statement")).content.decode()
    assert "tilgaengelighed@netvaerk.example" in text and "70 20 30 40" in text
    assert "bsn@netvaerk.example" not in text


def test_statement_without_gaps_says_so(client, statement):
    statement.compliance = Compliance.FULL
    statement.save()
    text = client.get(reverse("accessibility:statement")).content.decode()
    assert "Fuldt ud i overensstemmelse" in text
    assert "Vi kender ikke til indhold, der ikke er tilgængeligt" in text


def test_statement_page_answers_before_any_statement_is_made(client):
    Statement.objects.all().delete()
    response = client.get(reverse("accessibility:statement"))
    assert response.status_code == 200
    assert "Den er ikke gennemgået endnu." in response.content.decode()


def test_statement_page_queries_do_not_grow_with_the_gaps(client, statement, django_assert_max_num_queries):
    GapFactory(statement=statement)
    with django_assert_max_num_queries(4) as few:
        client.get(reverse("accessibility:statement"))
    GapFactory.create_batch(10, statement=statement)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("accessibility:statement"))


def test_first_statement_is_made_after_migrate_and_never_overwritten(settings):
    Statement.objects.all().delete()
    statement_sync()
    statement = Statement.objects.get(site_id=settings.SITE_ID)
    assert statement.compliance == Compliance.PARTIAL
    assert statement.gaps.count() == 2
    statement.compliance = Compliance.FULL
    statement.save()
    statement_sync()
    assert Statement.objects.get().compliance == Compliance.FULL
