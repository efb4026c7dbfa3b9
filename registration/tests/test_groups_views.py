"""Colleagues in one go through the public page: rows without script, the limit, the receipt, the booker's page."""

import pytest
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from outbox.models import OutgoingEmail
from registration.enums import RegistrationStatus
from registration.models import GroupBooking, Registration
from registration.questions.models import Answer

from .conftest import form_data
from .questions_support import choice, housing_questions

pytestmark = [pytest.mark.django_db, pytest.mark.services("postgresql")]


def _rows(*people, start=1):
    data = {}
    for n, (name, email) in enumerate(people, start=start):
        data[f"c{n}-name"], data[f"c{n}-email"], data[f"c{n}-organisation"] = name, email, ""
    return data


def test_the_page_shows_empty_colleague_rows_without_script(client):
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Tilmeld også kolleger" in html
    assert 'name="c1-email"' in html and 'name="c3-email"' in html and 'name="c4-email"' not in html
    assert "/static/js/colleagues.js" in html and "<template data-colleague-template>" in html
    off = MeetingFactory(capacity=10, max_colleagues=0)
    assert 'name="c1-email"' not in client.get(off.get_absolute_url()).content.decode()


def test_a_post_without_script_signs_up_the_booker_and_two_colleagues(client):
    meeting = MeetingFactory(capacity=2, max_colleagues=5)
    post = form_data(**_rows(("Bo Kollega", "bo@example.dk"), ("Sara Kollega", "sara@example.dk")))
    post.update({"c3-name": "", "c3-email": "", "c3-organisation": ""})  # the third, empty row of the page
    response = client.post(meeting.get_absolute_url(), post)
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "aase@example.dk": RegistrationStatus.CONFIRMED,
        "bo@example.dk": RegistrationStatus.CONFIRMED,
        "sara@example.dk": RegistrationStatus.WAITING,
    }
    assert Registration.objects.get(email="sara@example.dk").organisation == "Boligforeningen Rosenhøj"
    html = client.get(response.url).content.decode()
    assert "Din gruppe" in html and "Sara Kollega" in html and "Venteliste, nummer 1" in html
    assert OutgoingEmail.objects.filter(template="registration_group_booked", recipient="aase@example.dk").exists()


def test_a_booker_who_does_not_take_part(client):
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    post = form_data(not_attending="on", **_rows(("Bo Kollega", "bo@example.dk")))
    response = client.post(meeting.get_absolute_url(), post)
    assert response.status_code == 302
    assert list(Registration.objects.values_list("email", flat=True)) == ["bo@example.dk"]
    assert GroupBooking.objects.get().booker_attends is False
    html = client.get(response.url).content.decode()
    assert "Du deltager ikke selv" in html and "Bo Kollega" in html
    # Not taking part and no colleague: refused with a message.
    response = client.post(meeting.get_absolute_url(), form_data(email="x@example.dk", not_attending="on"))
    assert response.status_code == 400 and "tilføj mindst én kollega" in response.content.decode()


def test_a_hostile_post_with_fifty_rows_is_refused_with_a_message(client):
    meeting = MeetingFactory(capacity=100, max_colleagues=5)
    post = form_data(**_rows(*[(f"K{i}", f"k{i}@example.dk") for i in range(50)]))
    response = client.post(meeting.get_absolute_url(), post)
    assert response.status_code == 400
    assert "Du kan højst tilmelde 5 kolleger til dette møde." in response.content.decode()
    assert not Registration.objects.exists()
    off = MeetingFactory(capacity=100, max_colleagues=0)
    response = client.post(off.get_absolute_url(), form_data(**_rows(("K", "k@example.dk"))))
    assert response.status_code == 400 and not Registration.objects.exists()


def test_duplicates_are_said_per_row_on_the_receipt(client):
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    post = form_data(**_rows(("Bo", "bo@example.dk"), ("Bo igen", "BO@example.dk"), ("Mig selv", "aase@example.dk")))
    response = client.post(meeting.get_absolute_url(), post)
    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("email", flat=True)) == ["aase@example.dk", "bo@example.dk"]
    html = client.get(response.url).content.decode()
    assert html.count("Ikke tilmeldt: adressen står tidligere i gruppen.") == 2


def test_the_booker_cancels_one_seat_from_their_page(client):
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    client.post(meeting.get_absolute_url(), form_data(**_rows(("Bo", "bo@example.dk"), ("Sara", "sara@example.dk"))))
    booking = GroupBooking.objects.get()
    page = reverse("registration:group_booking", kwargs={"token": booking.token})
    assert "Annullér pladsen for Bo" in client.get(page).content.decode()
    bo = Registration.objects.get(email="bo@example.dk")
    response = client.post(reverse("registration:group_booking_cancel", kwargs={"token": booking.token, "pk": bo.pk}))
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["bo@example.dk"] == RegistrationStatus.CANCELLED
    assert statuses["sara@example.dk"] == statuses["aase@example.dk"] == RegistrationStatus.CONFIRMED
    # Another key, or a registration outside the group, cancels nothing.
    assert client.get(reverse("registration:group_booking", kwargs={"token": "x" * 40})).status_code == 404
    other = MeetingFactory(capacity=10)
    client.post(other.get_absolute_url(), form_data(email="z@example.dk"))
    z = Registration.objects.get(email="z@example.dk")
    client.post(reverse("registration:group_booking_cancel", kwargs={"token": booking.token, "pk": z.pk}))
    assert Registration.objects.get(pk=z.pk).status == RegistrationStatus.CONFIRMED


def test_colleagues_answer_now_or_later_through_their_own_link(client):
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    area, other = housing_questions(meeting)
    gellerup = str(choice(area, "Gellerup").pk)
    post = form_data(**{f"q-{area.field_name}": gellerup})
    post.update(_rows(("Bo", "bo@example.dk"), ("Sara", "sara@example.dk")))
    post[f"c1-{area.field_name}"] = gellerup  # Bo's answer given by the booker; Sara answers later
    assert client.post(meeting.get_absolute_url(), post).status_code == 302
    bo, sara = Registration.objects.get(email="bo@example.dk"), Registration.objects.get(email="sara@example.dk")
    assert Answer.objects.filter(registration=bo).count() == 1
    assert not Answer.objects.filter(registration=sara).exists()
    page = reverse("registration:personal", kwargs={"token": sara.token})
    edit = {
        "name": "Sara",
        "organisation": sara.organisation,
        f"q-{area.field_name}": str(choice(area, "Andet").pk),
        f"q-{other.field_name}": "Skovparken",
    }
    assert client.post(page, edit).status_code == 302
    assert sorted(Answer.objects.filter(registration=sara).values_list("value", flat=True), key=str)[-1] == "Skovparken"


def test_the_booker_sees_the_group_on_their_own_personal_page_and_a_colleague_does_not(client):
    meeting = MeetingFactory(capacity=10, max_colleagues=5)
    client.post(meeting.get_absolute_url(), form_data(**_rows(("Bo", "bo@example.dk"))))
    booker, bo = Registration.objects.get(email="aase@example.dk"), Registration.objects.get(email="bo@example.dk")
    own = client.get(reverse("registration:personal", kwargs={"token": booker.token})).content.decode()
    assert "Din gruppe" in own and "Annullér pladsen for Bo" in own
    theirs = client.get(reverse("registration:personal", kwargs={"token": bo.token})).content.decode()
    assert "Din gruppe" not in theirs
