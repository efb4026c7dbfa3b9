"""The meeting page with its sign-up form, and the receipt (pages/meetings.py).

Moved here from registration/tests/test_views.py with the views; what they assert is unchanged.
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members.models import User
from netvaerk.tests.factories import NetworkFactory
from registration.enums import RegistrationStatus
from registration.models import Registration
from registration.tests.conftest import form_data
from registration.tests.factories import RegistrationFactory, registrations_bulk

pytestmark = pytest.mark.django_db


def test_meeting_page_shows_the_form_when_open(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="privacy"' in html
    assert "Tilmeld" in html


def test_meeting_page_has_workshop_priorities_only_with_workshops(client, meeting, workshop_meeting):
    assert 'name="workshop_first"' not in client.get(meeting.get_absolute_url()).content.decode()
    html = client.get(workshop_meeting.get_absolute_url()).content.decode()
    assert 'name="workshop_first"' in html and 'name="workshop_second"' in html
    assert "Naboskab, netværk &amp; tryghed" in html


def test_signup_redirects_to_receipt_that_says_what_happens_next(client, meeting):
    response = client.post(meeting.get_absolute_url(), form_data())
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert "aase@example.dk" in html
    assert "personlige link" in html
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_the_receipt_opens_only_for_its_own_meeting_and_with_an_untampered_cookie(client, meeting):
    other = MeetingFactory()
    receipt_url = client.post(meeting.get_absolute_url(), form_data())["Location"]
    other_receipt = reverse("public:registration_receipt", kwargs={"code": other.code})
    # The test client sends the cookie regardless of its path; the signature is bound to the meeting.
    assert client.get(other_receipt)["Location"] == other.get_absolute_url()
    client.cookies["registration_receipt"] = client.cookies["registration_receipt"].value + "x"
    assert client.get(receipt_url)["Location"] == meeting.get_absolute_url()
    assert Client().get(receipt_url)["Location"] == meeting.get_absolute_url()


def test_duplicate_signup_says_only_already_registered_and_creates_nothing(meeting):
    first, second = Client(), Client()
    r1 = first.post(meeting.get_absolute_url(), form_data())
    r2 = second.post(meeting.get_absolute_url(), form_data(email="AASE@example.dk", name="En anden"))
    assert r1.status_code == r2.status_code == 302
    assert r1["Location"] == r2["Location"]
    page2 = second.get(r2["Location"]).content.decode()
    assert "allerede tilmeldt" in page2
    # Not whether the address has a seat or waits, and not the personal link.
    assert "Plads bekræftet" not in page2 and "venteliste" not in page2.split("Hvad sker der nu")[0]
    assert Registration.objects.get().token not in page2 and "/tilmelding/" not in page2
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Åse Ærø"


def test_form_loaded_before_deadline_and_posted_after_is_refused(client, meeting):
    with time_machine.travel(meeting.registration_deadline - dt.timedelta(minutes=5), tick=False):
        assert 'name="email"' in client.get(meeting.get_absolute_url()).content.decode()
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(minutes=1), tick=False):
        response = client.post(meeting.get_absolute_url(), form_data())
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tilmelding lukket" in html
    assert "Åse Ærø" in html  # what the person typed is still on screen
    assert not Registration.objects.exists()


def test_closed_meeting_page_says_registration_closed(client):
    meeting = MeetingFactory()
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(hours=1), tick=False):
        html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Tilmelding lukket" in html and 'name="email"' not in html


def test_full_meeting_with_waiting_list_offers_the_waiting_list(client, meeting):
    RegistrationFactory.create_batch(2, meeting=meeting)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "venteliste" in html.lower()
    client.post(meeting.get_absolute_url(), form_data())
    assert Registration.objects.get(email="aase@example.dk").status == RegistrationStatus.WAITING


def test_full_meeting_without_waiting_list_has_no_form(client, meeting):
    meeting.waiting_list_enabled = False
    meeting.save()
    RegistrationFactory.create_batch(2, meeting=meeting)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert 'name="email"' not in html and "fuldt booket" in html


def test_seats_left_shown_when_staff_enable_it(client, meeting):
    meeting.show_seats_left = True
    meeting.save()
    RegistrationFactory(meeting=meeting)
    assert "1 ledig plads" in client.get(meeting.get_absolute_url()).content.decode()


def test_invalid_input_shows_errors_in_danish_and_keeps_input(client, meeting):
    response = client.post(meeting.get_absolute_url(), form_data(email="ikke-en-email", privacy=None))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indtast en gyldig e-mail-adresse" in html
    assert "Åse Ærø" in html
    assert not Registration.objects.exists()


def test_same_workshop_twice_is_refused_in_the_form(client, workshop_meeting):
    w1 = workshop_meeting.workshops.first()
    response = client.post(workshop_meeting.get_absolute_url(), form_data(workshop_first=w1.pk, workshop_second=w1.pk))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_dietary_details_without_consent_are_refused_with_a_clear_message(client, meeting):
    response = client.post(meeting.get_absolute_url(), form_data(diets=["vegan"]))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_html_in_name_is_escaped_and_emoji_kept(client, meeting):
    client.post(meeting.get_absolute_url(), form_data(name="<script>alert(1)</script> Ærlige 😀"))
    registration = Registration.objects.get()
    assert registration.name == "<script>alert(1)</script> Ærlige 😀"
    html = client.get(reverse("registration:personal", args=[registration.token])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html and "😀" in html


def test_control_characters_are_refused(client, meeting):
    response = client.post(meeting.get_absolute_url(), form_data(name="Åse\x00\x07"))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_too_long_values_are_refused_not_crashing(client, meeting):
    response = client.post(meeting.get_absolute_url(), form_data(name="x" * 5000, comment="y" * 50000))
    assert response.status_code == 400


def test_honeypot_creates_nothing_but_looks_like_success(client, meeting):
    response = client.post(meeting.get_absolute_url(), form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_csrf_token_is_required(meeting):
    client = Client(enforce_csrf_checks=True)
    response = client.post(meeting.get_absolute_url(), form_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


@override_settings(REGISTRATION_RATE_LIMIT="3/m")
def test_rate_limit_answers_429_with_a_message(one_rate_limit_window, client):
    meeting = MeetingFactory(capacity=100)
    codes = [client.post(meeting.get_absolute_url(), form_data(email=f"p{i}@example.dk")).status_code for i in range(5)]
    assert codes[:3] == [302, 302, 302]
    assert codes[3] == 429
    assert Registration.objects.count() == 3


def test_signed_in_member_gets_a_prefilled_form(client, meeting):
    user = User.objects.create_user(email="medlem@example.dk", password="pw", first_name="Mona", last_name="Medlem")
    client.force_login(user)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert 'value="medlem@example.dk"' in html and 'value="Mona Medlem"' in html
    client.post(meeting.get_absolute_url(), form_data(email="medlem@example.dk"))
    assert Registration.objects.get().user == user


def _with_registrations(count: int, **meeting_fields):
    meeting = MeetingFactory(capacity=600, show_seats_left=True, **meeting_fields)
    registrations_bulk(meeting=meeting, count=count)
    return meeting


def test_meeting_page_and_sign_up_keep_their_query_count_with_1_and_500_registrations(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (1, 500):
        meeting = _with_registrations(size)
        with CaptureQueriesContext(connection) as page:
            assert Client().get(meeting.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as post:
            response = Client().post(meeting.get_absolute_url(), form_data(email=f"ny{size}@example.dk"))
        assert response.status_code == 302
        counts[size] = (len(page), len(post))
    assert counts[1] == counts[500]
    assert Registration.objects.filter(email="ny500@example.dk", status=RegistrationStatus.CONFIRMED).exists()


def test_an_anonymous_sign_up_reads_the_network_only_with_the_seat_lock(db):
    """The burst's hot path: Meeting.objects.public() already keeps hidden networks out for visitors,
    so the POST reads the network once, joined to the locked meeting row (the emails need it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = _with_registrations(1, network=NetworkFactory(is_public=True))
    with CaptureQueriesContext(connection) as post:
        response = Client().post(meeting.get_absolute_url(), form_data(email="ny@example.dk"))
    assert response.status_code == 302
    network_reads = [q["sql"] for q in post.captured_queries if 'FROM "netvaerk_network"' in q["sql"]]
    assert network_reads == [], network_reads
    assert any('JOIN "netvaerk_network"' in q["sql"] for q in post.captured_queries)
