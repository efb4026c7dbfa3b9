"""Invoice details for priced meetings: EAN/CVR checks, the form part, the personal page, cancel terms, privacy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.tests.factories import MeetingFactory
from registration import privacy
from registration.enums import PayerKind, RegistrationStatus
from registration.forms import RegistrationForm
from registration.forms_invoice import InvoiceDetailsForm
from registration.invoicing import cvr_clean, ean_clean, invoice_details_store
from registration.models import InvoiceDetails, Registration

from .conftest import form_data
from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

EAN = "5798000000001"  # a valid GLN (check digit 1)
CVR = "13585628"  # a valid CVR number (modulus 11)
TERMS = "Gratis afmelding indtil 14 dage før. Derefter opkræves fuld pris."


@pytest.fixture
def priced(db):
    return MeetingFactory(capacity=20, price=Decimal("1500.00"), cancellation_terms=TERMS, free_cancellation_days=7)


def organisation_payer(**overrides):
    data = {
        "invoice-payer": "organisation",
        "invoice-ean": EAN,
        "invoice-cvr": "",
        "invoice-reference": "Rekv. 4711",
        "invoice-contact_person": "Birthe Bogholder",
    }
    data.update(overrides)
    return data


# --- EAN and CVR numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [EAN, "5798 0000 0000 1", "5798-0000-00001", " 5798000000001 ", "5798.000000001"])
def test_ean_with_spaces_hyphens_and_dots_is_normalised(typed):
    assert ean_clean(value=typed) == EAN


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5798000000002", "kontrolcifret"),  # wrong check digit
        ("579800000000", "13 cifre"),  # 12 digits
        ("57980000000011", "13 cifre"),  # 14 digits (a GTIN-14 is not an EAN location number)
        ("57980000000O1", "kun indeholde tal"),  # the letter O
        ("abc", "kun indeholde tal"),
        ("５７９８０００００００００１", "kun indeholde tal"),  # full-width digits
    ],
)
def test_wrong_ean_is_refused_with_a_danish_message(typed, message):
    with pytest.raises(ValidationError) as error:
        ean_clean(value=typed)
    assert message in error.value.messages[0]


@pytest.mark.parametrize("typed", [CVR, "13 58 56 28", "13-58-56-28", "DK13585628", "dk 1358 5628"])
def test_cvr_with_spaces_hyphens_and_dk_is_normalised(typed):
    assert cvr_clean(value=typed) == CVR


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("13585627", "modulus 11"),  # wrong check digit
        ("1358562", "8 cifre"),
        ("135856280", "8 cifre"),
        ("A3585628", "kun indeholde tal"),
        ("03585628", "0"),  # a CVR number never starts with 0
    ],
)
def test_wrong_cvr_is_refused_with_a_danish_message(typed, message):
    with pytest.raises(ValidationError) as error:
        cvr_clean(value=typed)
    assert message in error.value.messages[0]


# --- The form asks only when there is a price ---------------------------------------------------


def test_free_meeting_form_does_not_ask_who_pays(client):
    meeting = MeetingFactory(price=0)
    assert RegistrationForm(meeting=meeting).invoice is None
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert 'name="invoice-payer"' not in content
    response = client.post(meeting.get_absolute_url(), form_data())
    assert response.status_code == 302
    assert not InvoiceDetails.objects.exists()


def test_priced_meeting_form_asks_who_pays_and_shows_the_terms(client, priced):
    content = client.get(priced.get_absolute_url()).content.decode()
    assert 'name="invoice-payer"' in content
    assert 'name="invoice-ean"' in content and 'name="invoice-private_name"' in content
    assert "Gratis afmelding indtil 14 dage før" in content


def test_priced_meeting_refuses_a_sign_up_without_payer(client, priced):
    response = client.post(priced.get_absolute_url(), form_data())
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert (
        "Vælg, hvem der betaler" in response.content.decode() or "Dette felt er påkrævet" in response.content.decode()
    )


def test_organisation_payer_with_ean_signs_up_and_stores_the_details(client, priced):
    response = client.post(
        priced.get_absolute_url(), form_data(**organisation_payer(**{"invoice-ean": "5798 0000 0000 1"}))
    )
    assert response.status_code == 302
    details = Registration.objects.get().invoice_details
    assert (details.payer, details.ean, details.cvr) == (PayerKind.ORGANISATION, EAN, "")
    assert details.reference == "Rekv. 4711" and details.contact_person == "Birthe Bogholder"
    assert details.payer_name() == "Boligforeningen Rosenhøj"  # the registration's organisation


def test_organisation_payer_needs_ean_or_cvr(client, priced):
    response = client.post(priced.get_absolute_url(), form_data(**organisation_payer(**{"invoice-ean": ""})))
    assert response.status_code == 400
    assert "EAN-nummer eller CVR-nummer" in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(
        priced.get_absolute_url(), form_data(**organisation_payer(**{"invoice-ean": "", "invoice-cvr": "DK 13585628"}))
    )
    assert response.status_code == 302
    assert Registration.objects.get().invoice_details.cvr == CVR


def test_wrong_ean_on_the_form_keeps_the_input_and_says_why(client, priced):
    response = client.post(
        priced.get_absolute_url(), form_data(**organisation_payer(**{"invoice-ean": "5798000000002"}))
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "kontrolcifret" in content
    assert 'value="5798000000002"' in content
    assert not Registration.objects.exists()


def test_private_payer_needs_name_and_address(client, priced):
    response = client.post(
        priced.get_absolute_url(),
        form_data(**{"invoice-payer": "private", "invoice-private_name": "Åse Ærø", "invoice-street": ""}),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Skriv den adresse, fakturaen skal sendes til." in content
    assert "Skriv postnummeret." in content
    assert not Registration.objects.exists()
    response = client.post(
        priced.get_absolute_url(),
        form_data(
            **{
                "invoice-payer": "private",
                "invoice-private_name": "Åse Ærø",
                "invoice-street": "Rosenhøjvej 1, 2. th.",
                "invoice-postal_code": "8260",
                "invoice-city": "Viby J",
                # An organisation's number typed before choosing "private" is not kept.
                "invoice-ean": EAN,
            }
        ),
    )
    assert response.status_code == 302
    details = Registration.objects.get().invoice_details
    assert details.payer == PayerKind.PRIVATE and details.ean == ""
    assert details.address() == "Rosenhøjvej 1, 2. th., 8260 Viby J"


@pytest.mark.parametrize(
    "payload",
    [
        {"invoice-payer": "bank"},
        {"invoice-payer": ["organisation", "private"]},
        {"invoice-payer": "organisation", "invoice-ean": "5" * 5000},
        {"invoice-payer": "organisation", "invoice-ean": "5798\x00000000001"},
        {"invoice-payer": "organisation", "invoice-cvr": "١٣٥٨٥٦٢٨"},  # Arabic-Indic digits
        {"invoice-payer": "private", "invoice-postal_code": "x" * 50},
    ],
)
def test_odd_invoice_input_never_crashes(client, priced, payload):
    response = client.post(priced.get_absolute_url(), form_data(**payload))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_service_refuses_invoice_data_the_form_would_refuse(priced):
    registration = RegistrationFactory(meeting=priced)
    with pytest.raises(ValidationError):
        invoice_details_store(registration=registration, data={"payer": "organisation", "ean": "123"})
    assert not InvoiceDetails.objects.exists()


# --- The personal page --------------------------------------------------------------------------


def test_invoice_details_are_editable_on_the_personal_page_until_the_deadline(client, priced):
    client.post(priced.get_absolute_url(), form_data(**organisation_payer()))
    registration = Registration.objects.get()
    url = reverse("registration:personal", kwargs={"token": registration.token})
    page = client.get(url).content.decode()
    assert f'value="{EAN}"' in page and 'value="Rekv. 4711"' in page
    data = {
        **{key: value for key, value in form_data().items() if key not in ("email", "privacy")},
        **organisation_payer(**{"invoice-ean": "", "invoice-cvr": CVR, "invoice-reference": "PO-99"}),
    }
    assert client.post(url, data).status_code == 302
    details = InvoiceDetails.objects.get()
    assert (details.ean, details.cvr, details.reference) == ("", CVR, "PO-99")
    priced.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    priced.save()
    assert client.post(url, {**data, "invoice-reference": "for sent"}).status_code == 409
    assert InvoiceDetails.objects.get().reference == "PO-99"


def test_form_initial_holds_the_stored_details(priced):
    registration = RegistrationFactory(meeting=priced)
    invoice_details_store(registration=registration, data={"payer": "organisation", "cvr": CVR})
    form = RegistrationForm(meeting=priced, editing=True, initial=RegistrationForm.initial_from(registration))
    assert form.invoice.initial["cvr"] == CVR
    assert isinstance(form.invoice, InvoiceDetailsForm)


# --- Cancellation terms -------------------------------------------------------------------------


def test_cancel_page_of_a_priced_meeting_shows_the_terms_and_the_free_period(client, priced):
    registration = RegistrationFactory(meeting=priced)
    content = client.get(reverse("registration:cancel", kwargs={"token": registration.token})).content.decode()
    assert TERMS in content
    assert "gratis indtil" in content
    assert "gebyr" not in content


def test_cancel_page_after_the_free_period_says_a_fee_may_apply(client, priced):
    priced.free_cancellation_days = 20  # the meeting starts in two weeks: the free period is over
    priced.save()
    registration = RegistrationFactory(meeting=priced)
    content = client.get(reverse("registration:cancel", kwargs={"token": registration.token})).content.decode()
    assert TERMS in content
    assert "kan der blive opkrævet et gebyr" in content
    # The waiting list holds no seat: cancelling it costs nothing.
    waiting = RegistrationFactory(meeting=priced, status=RegistrationStatus.WAITING, confirmed_at=None)
    waiting.waiting_since = timezone.now()
    waiting.save()
    content = client.get(reverse("registration:cancel", kwargs={"token": waiting.token})).content.decode()
    assert "gebyr" not in content


def test_cancel_page_of_a_free_meeting_shows_no_terms(client):
    meeting = MeetingFactory(price=0, cancellation_terms=TERMS, free_cancellation_days=20)
    registration = RegistrationFactory(meeting=meeting)
    content = client.get(reverse("registration:cancel", kwargs={"token": registration.token})).content.decode()
    assert TERMS not in content


def test_meeting_page_shows_the_terms_of_a_priced_meeting_only(client, priced):
    content = client.get(priced.get_absolute_url()).content.decode()
    assert "Afbestillingsbetingelser" in content or "Afmeldingsbetingelser" in content
    free = MeetingFactory(price=0, cancellation_terms=TERMS)
    assert TERMS not in client.get(free.get_absolute_url()).content.decode()


# --- Personal data ------------------------------------------------------------------------------


def test_personal_data_export_and_erasure_include_invoice_details(priced):
    organisation = RegistrationFactory(meeting=priced, email="aase@example.dk")
    invoice_details_store(
        registration=organisation,
        data={"payer": "organisation", "ean": EAN, "reference": "R-1", "contact_person": "Birthe ZQX Bogholder"},
    )
    other = MeetingFactory(price=500)
    private = RegistrationFactory(meeting=other, email="aase@example.dk")
    invoice_details_store(
        registration=private,
        data={
            "payer": "private",
            "private_name": "Åse ZQX",
            "street": "Vej 1",
            "postal_code": "8000",
            "city": "Aarhus C",
        },
    )
    exported = privacy.personal_data_for_email(email="aase@example.dk")
    invoices = {row["meeting"]: row["invoice"] for row in exported["registrations"]}
    assert invoices[priced.code]["ean"] == EAN and invoices[priced.code]["contact_person"] == "Birthe ZQX Bogholder"
    assert invoices[other.code]["street"] == "Vej 1"

    privacy.personal_data_erase(email="aase@example.dk")
    assert not InvoiceDetails.objects.filter(registration=private).exists()
    kept = InvoiceDetails.objects.get(registration=organisation)
    # The organisation's number stays (it names an organisation); the person goes.
    assert (kept.ean, kept.contact_person) == (EAN, "")
    assert not InvoiceDetails.objects.filter(contact_person__contains="ZQX").exists()


def test_retention_anonymises_the_invoice_details_of_old_meetings():
    start = timezone.now() - dt.timedelta(days=800)
    old = MeetingFactory(price=900, starts_at=start, ends_at=start + dt.timedelta(hours=3), registration_deadline=start)
    registration = RegistrationFactory(meeting=old)
    invoice_details_store(
        registration=registration,
        data={"payer": "private", "private_name": "Gammel", "street": "Vej 2", "postal_code": "8000", "city": "Aarhus"},
    )
    privacy.registrations_apply_retention()
    assert not InvoiceDetails.objects.exists()


# --- The admin ----------------------------------------------------------------------------------


def test_admin_inline_checks_numbers_like_the_form(priced):
    from registration.admin_invoice import InvoiceDetailsAdminForm

    registration = RegistrationFactory(meeting=priced)
    wrong = InvoiceDetailsAdminForm(data={"payer": "organisation", "ean": "5798000000002"})
    assert not wrong.is_valid() and "kontrolcifret" in wrong.errors["ean"][0]
    right = InvoiceDetailsAdminForm(
        data={"payer": "organisation", "ean": "5798 0000 0000 1", "private_name": "Glemt"},
        instance=InvoiceDetails(registration=registration),
    )
    assert right.is_valid(), right.errors
    details = right.save()
    assert (details.ean, details.private_name) == (EAN, "")


def test_secretariat_sees_who_pays_on_the_registration_admin_page(client, priced):
    from members.tests.factories import SecretariatUserFactory

    registration = RegistrationFactory(meeting=priced)
    invoice_details_store(registration=registration, data={"payer": "organisation", "ean": EAN})
    client.force_login(SecretariatUserFactory())
    page = client.get(reverse("admin:registration_registration_change", args=[registration.pk]))
    assert page.status_code == 200
    assert f'value="{EAN}"' in page.content.decode()


def test_the_registration_admin_page_reads_who_pays_without_reading_the_registration_again(client, priced):
    """The inline's heading names the payer, by default the registration's organisation: the registration
    comes with the details (was one query more for a registration with details than for one without)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.tests.factories import SecretariatUserFactory

    with_details = RegistrationFactory(meeting=priced, organisation="Albertslund Kommune")
    invoice_details_store(registration=with_details, data={"payer": "organisation", "ean": EAN})
    without = RegistrationFactory(meeting=priced, organisation="Albertslund Kommune")
    client.force_login(SecretariatUserFactory())
    counts, pages = {}, {}
    for registration in (with_details, without):
        url = reverse("admin:registration_registration_change", args=[registration.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            pages[registration] = client.get(url).content.decode()
        counts[registration] = len(queries)
    assert "(EAN- eller CVR-nummer): Albertslund Kommune" in pages[with_details]
    assert counts[with_details] == counts[without], counts
