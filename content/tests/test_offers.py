"""The catalogue of offers: pages, the PDF, and a request from the form to a draft theme day."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content import services
from content.enums import OfferFormat, OfferRequestStatus, OfferStatus
from content.models import OfferRequest
from meetings.enums import MeetingKind, MeetingStatus
from meetings.models import Meeting
from netvaerk.models import Organisation
from netvaerk.tests.factories import OrganisationFactory, OrganiserFactory
from netvaerk.tests.pdf import pdf_text
from outbox.models import OutgoingEmail

from .factories import OfferFactory, OfferRequestFactory, ProviderFactory

pytestmark = pytest.mark.django_db

REQUEST = {
    "organisation_name": "Gladsaxe Kommune, Social og Sundhed",
    "contact_name": "Birgitte Holm",
    "email": "birgitte.holm@example.dk",
    "phone": "39 57 50 00",
    "format": OfferFormat.WHOLE_DAY,
    "period": "Efteråret, gerne en torsdag",
    "participants": "24",
    "wishes": "Vi er en ny ledergruppe.",
    "privacy": "on",
}


@pytest.fixture
def offer():
    provider = ProviderFactory(
        organisation__name="Tverskov Kommunikation & Udvikling",
        presentation="Journalist og konsulent Kim Tverskov har i mange år udviklet projekter med kommuner.",
        email="kim@tverskov.example",
    )
    return OfferFactory(
        title="Dialog i udsatte boligområder",
        slug="dialog-i-udsatte-boligomraader",
        subtitle="Kultur, normer, uskrevne regler og beboerdemokrati",
        audience="Kommunale ledergrupper og personalegrupper",
        points="Hvilke barrierer er der i mødet?\nHvordan fungerer beboerdemokratiet?",
        price_note="Prisen aftales ud fra antal deltagere og kursusdesign.",
        provider=provider,
        organiser=OrganiserFactory(name="Boligsocialnet", email="boligsocialnet@netvaerk.example"),
    )


def test_catalogue_lists_published_offers_only(client, offer):
    OfferFactory(title="Kladdetilbud", status=OfferStatus.DRAFT)
    OfferFactory(title="Gammelt tilbud", status=OfferStatus.ARCHIVED)
    page = client.get(reverse("content:offer_list")).content.decode()
    assert offer.title in page and "Kladdetilbud" not in page and "Gammelt tilbud" not in page


def test_offer_page_shows_points_audience_formats_price_provider_and_pdf_link(client, offer):
    page = client.get(offer.get_absolute_url()).content.decode()
    for text in [
        "Kultur, normer, uskrevne regler og beboerdemokrati",
        "Kommunale ledergrupper og personalegrupper",
        "<li>Hvilke barrierer er der i mødet?</li>",
        "Prisen aftales ud fra antal deltagere og kursusdesign.",
        "Tverskov Kommunikation &amp; Udvikling",
        "Kim Tverskov har i mange år",
        reverse("content:offer_pdf", args=[offer.slug]),
        reverse("content:offer_request", args=[offer.slug]),
    ]:
        assert text in page, text


def test_draft_offer_is_hidden_from_visitors_but_previewed_by_staff(client, consultant):
    draft = OfferFactory(status=OfferStatus.DRAFT)
    for url in (
        draft.get_absolute_url(),
        reverse("content:offer_pdf", args=[draft.slug]),
        reverse("content:offer_request", args=[draft.slug]),
    ):
        assert client.get(url).status_code == 404
    staff = Client()
    staff.force_login(consultant)
    assert "preview-banner" in staff.get(draft.get_absolute_url()).content.decode()


def pdf_words(content: bytes) -> str:
    return " ".join(pdf_text(content).split())


def test_offer_pdf_has_the_same_content_as_the_page(client, offer):
    response = client.get(reverse("content:offer_pdf", args=[offer.slug]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{offer.slug}.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_words(response.content)
    for expected in [
        "Dialog i udsatte boligområder",
        "Kultur, normer, uskrevne regler og beboerdemokrati",
        "Kommunale ledergrupper og personalegrupper",
        "Hvilke barrierer er der i mødet?",
        "Hvordan fungerer beboerdemokratiet?",
        "Prisen aftales ud fra antal deltagere og kursusdesign.",
        "Tverskov Kommunikation & Udvikling",
        "kim@tverskov.example",
        f"/tilbud/{offer.slug}/forespoergsel/",
    ]:
        assert expected in text, expected


def test_offer_pdf_follows_changes_to_the_offer(client, offer):
    url = reverse("content:offer_pdf", args=[offer.slug])
    client.get(url)
    offer.title = "Dialog i boligområderne"
    offer.save()
    assert "Dialog i boligområderne" in pdf_words(client.get(url).content)


def test_request_form_offers_only_the_formats_of_the_offer(client, offer):
    page = client.get(reverse("content:offer_request", args=[offer.slug])).content.decode()
    assert 'value="whole_day"' in page and 'value="half_day"' in page and 'value="series"' not in page


def test_request_with_errors_is_shown_again_and_stores_nothing(client, offer):
    response = client.post(
        reverse("content:offer_request", args=[offer.slug]), {**REQUEST, "participants": "0", "email": "x"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("is-invalid") >= 2 and "Gladsaxe Kommune" in page
    assert not OfferRequest.objects.exists() and not OutgoingEmail.objects.exists()


def test_request_honeypot_and_rate_limit(one_rate_limit_window, client, offer, settings):
    settings.OFFER_REQUEST_RATE_LIMIT = "2/m"
    url = reverse("content:offer_request", args=[offer.slug])
    response = client.post(url, {**REQUEST, "website": "http://spam.example"})
    assert response.status_code == 302 and not OfferRequest.objects.exists()

    client.post(url, {**REQUEST, "email": "kunde@example.dk"})
    response = client.post(url, {**REQUEST, "email": "sidste@example.dk"})
    assert response.status_code == 429 and "sidste@example.dk" in response.content.decode()
    assert OfferRequest.objects.count() == 1


def test_request_flow_from_form_to_emails_to_status_to_draft_theme_day(client, offer, consultant_client):
    visitor = Client()
    response = visitor.post(reverse("content:offer_request", args=[offer.slug]), REQUEST)

    # 1. The visitor is thanked; the request is stored as new.
    assert response.status_code == 302
    assert response["Location"] == reverse("content:offer_request_thanks", args=[offer.slug])
    assert visitor.get(response["Location"]).status_code == 200
    offer_request = OfferRequest.objects.get()
    assert offer_request.status == OfferRequestStatus.NEW and offer_request.participants == 24

    # 2. The provider and the secretariat are told, the customer gets a receipt (all in the outbox).
    emails = {e.recipient: e for e in OutgoingEmail.objects.filter(ref_type="content.offerrequest")}
    assert set(emails) == {"kim@tverskov.example", "boligsocialnet@netvaerk.example", "birgitte.holm@example.dk"}
    to_provider = emails["kim@tverskov.example"]
    assert to_provider.reply_to == "birgitte.holm@example.dk"
    assert "Gladsaxe Kommune, Social og Sundhed" in to_provider.subject
    assert "Efteråret, gerne en torsdag" in to_provider.text_body and "24" in to_provider.text_body
    assert "/admin/content/offerrequest/" in emails["boligsocialnet@netvaerk.example"].text_body
    assert emails["birgitte.holm@example.dk"].template == "content_offer_request_received"

    # 3. Staff follow it through the statuses in the admin.
    change_url = reverse("admin:content_offerrequest_change", args=[offer_request.pk])
    assert consultant_client.get(change_url).status_code == 200
    changelist = reverse("admin:content_offerrequest_changelist")
    consultant_client.post(changelist, {"action": "mark_in_dialogue", "_selected_action": [offer_request.pk]})
    offer_request.refresh_from_db()
    assert offer_request.status == OfferRequestStatus.IN_DIALOGUE and offer_request.status_changed_at
    consultant_client.post(changelist, {"action": "mark_agreed", "_selected_action": [offer_request.pk]})
    offer_request.refresh_from_db()
    assert offer_request.status == OfferRequestStatus.AGREED

    # 4. The agreed request becomes a draft theme day hosted by the customer (admin action with a date form).
    form = consultant_client.post(changelist, {"action": "create_meeting", "_selected_action": [offer_request.pk]})
    assert form.status_code == 200 and 'value="15:30' in form.content.decode()  # whole day: 09.00-15.30
    day = timezone.localdate() + dt.timedelta(days=60)
    response = consultant_client.post(
        changelist,
        {
            "action": "create_meeting",
            "_selected_action": [offer_request.pk],
            "apply": "1",
            "date": day.isoformat(),
            "start_time": "09:00",
            "end_time": "15:30",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/admin/meetings/meeting/{meeting.pk}/change/"
    )
    assert meeting.kind == MeetingKind.THEME_DAY and meeting.status == MeetingStatus.DRAFT
    assert meeting.title == offer.title and meeting.network is None and meeting.organiser == offer.organiser
    assert meeting.host_organisation.name == "Gladsaxe Kommune, Social og Sundhed"
    assert meeting.capacity == 24 and meeting.purpose == "Vi er en ny ledergruppe."
    assert meeting.local_start.date() == day and meeting.local_start.hour == 9 and meeting.local_end.hour == 15
    offer_request.refresh_from_db()
    assert offer_request.meeting == meeting and offer_request.organisation == meeting.host_organisation
    # A draft: not on the public site.
    assert Client().get(meeting.get_absolute_url()).status_code == 404

    # 5. A second click makes no second meeting; the request now stays agreed.
    consultant_client.post(
        changelist,
        {
            "action": "create_meeting",
            "_selected_action": [offer_request.pk],
            "apply": "1",
            "date": day.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
        },
    )
    assert Meeting.objects.count() == 1
    with pytest.raises(services.ContentError):
        services.offer_request_set_status(offer_request=offer_request, status=OfferRequestStatus.DECLINED)


def test_only_an_agreed_request_becomes_a_meeting(offer):
    offer_request = OfferRequestFactory(offer=offer, status=OfferRequestStatus.IN_DIALOGUE)
    start = timezone.now() + dt.timedelta(days=30)
    with pytest.raises(services.ContentError):
        services.offer_request_create_meeting(
            offer_request=offer_request, starts_at=start, ends_at=start + dt.timedelta(hours=3), by=None
        )
    assert not Meeting.objects.exists()


def test_meeting_uses_the_customer_organisation_in_the_register(offer):
    existing = OrganisationFactory(name="Albertslund Kommune", municipality="Albertslund")
    offer_request = OfferRequestFactory(
        offer=offer, organisation_name="albertslund kommune", status=OfferRequestStatus.AGREED
    )
    start = timezone.now() + dt.timedelta(days=30)
    meeting = services.offer_request_create_meeting(
        offer_request=offer_request, starts_at=start, ends_at=start + dt.timedelta(hours=3), by=None
    )
    assert meeting.host_organisation == existing
    assert Organisation.objects.filter(name__iexact="albertslund kommune").count() == 1
    assert meeting.registration_deadline <= meeting.starts_at


def test_status_change_in_the_change_form_goes_through_the_service(consultant_client, offer):
    offer_request = OfferRequestFactory(offer=offer)
    url = reverse("admin:content_offerrequest_change", args=[offer_request.pk])
    response = consultant_client.post(
        url, {"status": "declined", "staff_note": "Ingen budget i år.", "organisation": ""}
    )
    assert response.status_code == 302
    offer_request.refresh_from_db()
    assert offer_request.status == OfferRequestStatus.DECLINED and offer_request.status_changed_at
    assert offer_request.staff_note == "Ingen budget i år."


def test_offer_pages_query_count_does_not_grow_with_offers(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    OfferFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("content:offer_list"))
    OfferFactory.create_batch(6)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("content:offer_list"))
    assert len(many.captured_queries) == len(few.captured_queries)
