"""The programme's timetable in the meeting admin, without a browser: the form and the plain inline."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.admin_timetable import AgendaItemTimetableForm
from meetings.enums import AgendaItemKind
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.tests.test_admin import _change_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("consultant_plans_all_networks")]


def _form(instance=None, **data):
    fields = {"title": "Oplæg", "kind": AgendaItemKind.TALK, "order": "0", **data}
    return AgendaItemTimetableForm(data=fields, instance=instance)


@pytest.mark.parametrize("typed", ["9.30", "09.30", "09:30", "9:30:00", "930", "0930"])
def test_timetable_form_reads_times_typed_the_danish_way(typed):
    form = _form(start_time=typed, end_time="10")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_time"] == dt.time(9, 30) and form.cleaned_data["end_time"] == dt.time(10, 0)


def test_timetable_form_shows_times_with_a_dot_and_the_duration_of_an_item():
    item = AgendaItemFactory(start_time=dt.time(9, 30), end_time=dt.time(10, 15))
    form = AgendaItemTimetableForm(instance=item)

    assert 'value="09.30"' in str(form["start_time"]) and 'value="10.15"' in str(form["end_time"])
    assert form["duration"].value() == 45


def test_timetable_form_duration_sets_the_end_of_a_new_item():
    form = _form(start_time="10.00", duration="45")

    assert form.is_valid(), form.errors
    assert form.save(commit=False).end_time == dt.time(10, 45)


def test_timetable_form_changed_duration_moves_the_end_and_changed_end_wins_over_the_old_duration():
    item = AgendaItemFactory(start_time=dt.time(9, 30), end_time=dt.time(10, 0))
    initial = {"start_time": "09.30", "end_time": "10.00", "duration": "30", "title": item.title}

    by_duration = _form(instance=item, **{**initial, "duration": "60"})
    assert by_duration.is_valid(), by_duration.errors
    assert by_duration.cleaned_data["end_time"] == dt.time(10, 30)

    item.refresh_from_db()  # validating the first form changed it in memory
    by_end = _form(instance=item, **{**initial, "end_time": "11.00"})
    assert by_end.is_valid(), by_end.errors
    assert by_end.cleaned_data["end_time"] == dt.time(11, 0)


def test_timetable_form_refuses_an_end_and_duration_that_disagree_in_danish():
    form = _form(start_time="10.00", end_time="10.30", duration="45")

    assert not form.is_valid()
    assert form.errors["duration"] == ["Slut og varighed passer ikke sammen: 45 minutter efter 10.00 er 10.45."]


def test_timetable_form_refuses_an_item_past_midnight_in_danish():
    form = _form(start_time="23.30", duration="60")

    assert not form.is_valid()
    assert form.errors["duration"] == ["Punktet ville slutte efter midnat."]


def test_meeting_page_shows_the_timetable_with_its_script_from_static_files(consultant_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), title="Velkomst")

    page = consultant_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()

    assert 'class="inline-group timetable" id="agenda_items-group"' in page
    assert 'data-text-add="Tilføj endnu et programpunkt"' in page
    assert 'data-text-later-many="Ryk de næste {count} punkter {minutes} min. senere"' in page
    assert "/static/js/timetable.js" in page and "/static/css/timetable.css" in page
    assert page.count('<tbody class="form-row') == 3  # the item, the blank row, the template for new rows


def test_plain_inline_saves_changes_and_ignores_the_blank_row(consultant_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), title="Velkomst")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _change_form_data(consultant_client.get(url))
    assert data["agenda_items-TOTAL_FORMS"] == "2"  # the item and the blank row, sent as the page has them

    data["agenda_items-0-duration"] = "45"
    response = consultant_client.post(url, {**data, "_continue": "1"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.end_time == dt.time(10, 15)
    assert meeting.agenda_items.count() == 1


def test_plain_inline_shows_a_danish_error_in_the_row_and_loses_nothing(consultant_client):
    meeting = MeetingFactory()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _change_form_data(consultant_client.get(url))
    data.update({"agenda_items-0-start_time": "kl. ti", "agenda_items-0-title": "Oplæg om naboskab"})

    response = consultant_client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 200 and "Indtast en gyldig tid." in page
    assert 'value="Oplæg om naboskab"' in page and 'value="kl. ti"' in page
    assert meeting.agenda_items.count() == 0


def test_view_only_staff_see_the_programme_read_only(client, django_user_model):
    from django.contrib.auth.models import Permission

    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), title="Velkomst")
    viewer = django_user_model.objects.create_user(email="se@example.org", password="x", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_meeting", "view_agendaitem", "view_all_meetings"])
    )
    client.force_login(viewer)

    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()

    assert "Velkomst" in page and 'name="agenda_items-0-title"' not in page
