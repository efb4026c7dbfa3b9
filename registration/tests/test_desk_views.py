"""The registration desk's pages: the form staff fill in for someone, the door's walk-in, move and cancel."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from members.tests.factories import ConsultantFactory
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail
from registration.enums import AuditAction, RegistrationChannel, RegistrationStatus
from registration.models import Registration, RegistrationAudit

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(db):
    return ConsultantFactory()


@pytest.fixture
def meeting(consultant):
    return MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=1, waiting_list_enabled=False)


@pytest.fixture
def staff(client, consultant):
    client.force_login(consultant)
    return client


def desk_url(meeting):
    return reverse("registration:staff_desk", kwargs={"code": meeting.code})


def entry(**overrides):
    data = {"channel": "phone", "name": "Bo Ring", "email": "bo@example.dk", "privacy": "on"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_desk_adds_a_phone_registration_with_the_same_email_as_the_public_form(staff, meeting, consultant):
    response = staff.post(desk_url(meeting), entry())
    assert response.status_code == 302
    registration = Registration.objects.get(email="bo@example.dk")
    assert registration.channel == RegistrationChannel.PHONE
    assert registration.status == RegistrationStatus.CONFIRMED
    assert RegistrationAudit.objects.get().by == consultant
    assert list(OutgoingEmail.objects.values_list("template", flat=True)) == ["registration_confirmed"]
    page = staff.get(desk_url(meeting)).content.decode()
    assert "Bo Ring har fået en plads." in page and "Telefon" in page


def test_the_desk_asks_who_pays_for_a_priced_meeting_and_keeps_it(staff, meeting):
    # The desk shows the same fields as the public form, so a priced meeting's payer can be given.
    meeting.price = 1200
    meeting.save()
    page = staff.get(desk_url(meeting)).content.decode()
    assert 'name="invoice-payer"' in page and 'name="invoice-ean"' in page
    response = staff.post(desk_url(meeting), entry(**{"invoice-payer": "organisation", "invoice-ean": "5798000000001"}))
    assert response.status_code == 302
    assert Registration.objects.get(email="bo@example.dk").invoice_details.ean == "5798000000001"


def test_the_desk_refuses_a_full_meeting_with_a_danish_hint_to_the_override(staff, meeting):
    RegistrationFactory(meeting=meeting)
    response = staff.post(desk_url(meeting), entry())
    assert response.status_code == 409
    assert "Mødet er fuldt booket. Sæt kryds i “Ud over kapaciteten”" in response.content.decode()
    assert not Registration.objects.filter(email="bo@example.dk").exists()


def test_an_override_without_a_reason_is_a_form_error(staff, meeting):
    RegistrationFactory(meeting=meeting)
    response = staff.post(desk_url(meeting), entry(override_capacity="on", override_deadline="on"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv hvorfor personen får en plads ud over kapaciteten." in page
    assert "Skriv hvorfor personen tilmeldes efter fristen." in page
    response = staff.post(desk_url(meeting), entry(override_capacity="on", capacity_reason="Taler på mødet"))
    assert response.status_code == 302
    assert RegistrationAudit.objects.get().override_capacity_reason == "Taler på mødet"


def test_the_desk_refuses_after_the_deadline_unless_overridden_with_a_reason(staff, meeting):
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(hours=2), tick=False):
        response = staff.post(desk_url(meeting), entry())
        assert response.status_code == 409
        assert "Sæt kryds i “Efter fristen”" in response.content.decode()
        response = staff.post(desk_url(meeting), entry(override_deadline="on", deadline_reason="Ringede i går"))
    assert response.status_code == 302
    assert RegistrationAudit.objects.get().override_deadline_reason == "Ringede i går"


def test_no_email_ticked_sends_nothing(staff, meeting):
    assert staff.post(desk_url(meeting), entry(no_email="on")).status_code == 302
    assert not OutgoingEmail.objects.exists()


def test_an_email_address_is_needed_except_at_the_door(staff, meeting):
    response = staff.post(desk_url(meeting), entry(email=""))
    assert response.status_code == 400
    assert "kan kun udelades ved døren" in response.content.decode()
    assert staff.post(desk_url(meeting), entry(email="", channel="door")).status_code == 302
    assert Registration.objects.get().channel == RegistrationChannel.DOOR


def test_the_desk_uses_the_public_forms_checks(staff, meeting):
    WorkshopFactory(meeting=meeting)
    response = staff.post(desk_url(meeting), entry(diets=["vegan"]))
    assert response.status_code == 400  # a workshop is required, and dietary data needs consent
    assert not Registration.objects.exists()


def test_the_walk_in_at_the_door_checks_the_person_in_at_once(staff, meeting, consultant):
    RegistrationFactory(meeting=meeting)  # full, and the meeting has started
    check_in = reverse("registration:check_in", kwargs={"code": meeting.code})
    assert "Kom uden tilmelding" in staff.get(check_in).content.decode()
    with time_machine.travel(meeting.starts_at + dt.timedelta(minutes=5), tick=False):
        staff.force_login(consultant)  # a session of two weeks ago has expired
        url = reverse("registration:check_in_walk_in", kwargs={"code": meeting.code})
        response = staff.post(url, {"name": "Kim Dør", "organisation": "", "email": ""})
    assert response.status_code == 302
    walk_in = Registration.objects.get(name="Kim Dør")
    assert walk_in.attended and walk_in.channel == RegistrationChannel.DOOR
    assert staff.post(url, {"name": ""}).status_code == 302  # a name is needed: nothing added
    assert Registration.objects.filter(meeting=meeting).count() == 2


def test_move_page_moves_and_the_person_is_told(staff, meeting, consultant):
    target = MeetingFactory(network=meeting.network, title="Næste møde")
    registration = RegistrationFactory(meeting=meeting, email="flyt@example.dk")
    url = reverse("registration:staff_registration_move", kwargs={"pk": registration.pk})
    page = staff.get(url).content.decode()
    assert "Næste møde" in page
    assert staff.post(url, {"to_meeting": target.pk}).status_code == 302
    assert Registration.objects.get(meeting=target).email == "flyt@example.dk"
    assert OutgoingEmail.objects.get().template == "registration_moved"


def test_move_page_offers_only_meetings_the_person_plans(staff, meeting):
    elsewhere = MeetingFactory(title="Et andet netværks møde")
    registration = RegistrationFactory(meeting=meeting)
    url = reverse("registration:staff_registration_move", kwargs={"pk": registration.pk})
    assert "Et andet netværks møde" not in staff.get(url).content.decode()
    assert staff.post(url, {"to_meeting": elsewhere.pk}).status_code == 400
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancel_page_cancels_for_the_person_and_tells_them(staff, meeting):
    registration = RegistrationFactory(meeting=meeting, email="afbud@example.dk")
    url = reverse("registration:staff_registration_cancel", kwargs={"pk": registration.pk})
    assert staff.post(url, {}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert OutgoingEmail.objects.get().template == "registration_cancelled"
    assert RegistrationAudit.objects.get().action == AuditAction.CANCELLED


def test_another_networks_consultant_is_refused_every_desk_page(client, meeting):
    registration = RegistrationFactory(meeting=meeting)
    client.force_login(ConsultantFactory())
    for url in (
        desk_url(meeting),
        reverse("registration:staff_registration_move", kwargs={"pk": registration.pk}),
        reverse("registration:staff_registration_cancel", kwargs={"pk": registration.pk}),
        reverse("registration:check_in_walk_in", kwargs={"code": meeting.code}),
    ):
        assert client.post(url, entry(name="Ubuden", to_meeting=meeting.pk)).status_code == 403
    assert Registration.objects.count() == 1
    assert not RegistrationAudit.objects.exists()


def test_the_desk_page_reads_the_same_number_of_queries_for_1_and_20_registrations(staff, consultant):
    counts = []
    for n in (1, 20):
        meeting = MeetingFactory(network=NetworkFactory(coordinator=consultant), capacity=None)
        RegistrationFactory.create_batch(n, meeting=meeting)
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(desk_url(meeting)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_admin_shows_the_desk_history_and_links_to_the_desk(admin_client, meeting):
    RegistrationFactory(meeting=meeting)  # full: the override is needed, so it is recorded
    admin_client.post(desk_url(meeting), entry(override_capacity="on", capacity_reason="Ringede sent"))
    registration = Registration.objects.get(email="bo@example.dk")
    history = admin_client.get(reverse("admin:registration_registration_history", args=[registration.pk]))
    page = history.content.decode()
    assert "Ringede sent" in page and "Telefon" in page
    change = admin_client.get(reverse("admin:registration_registration_change", args=[registration.pk]))
    assert reverse("registration:staff_registration_move", args=[registration.pk]) in change.content.decode()
    meetings = admin_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert desk_url(meeting) in meetings
    response = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "registration_desk", "_selected_action": [meeting.pk]},
    )
    assert response.status_code == 302 and response["Location"] == desk_url(meeting)


def test_the_desk_lists_a_large_meeting_in_pages_and_finds_a_person_by_a_search(staff, meeting):
    """A conference has a thousand participants: 50 a page, a search on name, email or organisation, and
    as many queries for page 1 of 10 as of 120."""
    from .factories import registrations_bulk

    registrations_bulk(meeting=meeting, count=10)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(url).status_code == 200
        return len(captured.captured_queries)

    few = queries(desk_url(meeting))
    registrations_bulk(meeting=meeting, count=110, prefix="gaest")
    assert queries(desk_url(meeting)) == few
    first = staff.get(desk_url(meeting)).content.decode()
    assert "120 tilmeldinger, bekræftede eller på venteliste." in first
    assert first.count("/flyt/") == 50 and "1 / 3" in first
    last = staff.get(desk_url(meeting), {"side": 3}).content.decode()
    assert last.count("/flyt/") == 20 and "3 / 3" in last
    found = staff.get(desk_url(meeting), {"q": "GAEST7@example"}).content.decode()
    assert "1 tilmelding passer." in found and "Gaest 7<" in found and "Deltager" not in found
    assert "21 tilmeldinger passer." in staff.get(desk_url(meeting), {"q": "gaest1"}).content.decode()
    # The pages of a search keep the search.
    several = staff.get(desk_url(meeting), {"q": "gaest", "side": 2}).content.decode()
    assert "110 tilmeldinger passer." in several and "2 / 3" in several and "q=gaest&amp;side=3" in several
    none = staff.get(desk_url(meeting), {"q": "ingen-som-hedder-sådan"}).content.decode()
    assert "Ingen tilmelding passer til søgningen." in none
