"""The consultants' meeting admin: pages open, duplicate, programme warnings."""

import datetime as dt
import re

import pytest
from django import forms
from django.contrib import admin
from django.contrib.messages import WARNING
from django.urls import reverse
from django.utils.html import escape

from meetings.enums import AgendaItemKind, MeetingStatus
from meetings.models import Meeting
from meetings.programme_check import programme_warnings
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, VenueFactory, WorkshopFactory, local

# These test the planning work, not who may do it (netvaerk/tests/test_access_walk.py does).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("consultant_plans_all_networks")]

FACTORIES = {"venue": VenueFactory, "meeting": MeetingFactory}
MODELS = sorted(model._meta.model_name for model in admin.site._registry if model._meta.app_label == "meetings")
AUTOCOMPLETE_FIELDS = [
    (model._meta.model_name, field)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label == "meetings"
    for field in model_admin.autocomplete_fields
]


def test_admin_walk_covers_every_registered_meetings_model():
    # A model registered later needs a factory here, so its pages get tested too.
    assert set(MODELS) <= set(FACTORIES)


@pytest.mark.parametrize("model_name", MODELS)
def test_admin_pages_open_for_consultant(consultant_client, model_name):
    obj = FACTORIES[model_name]()
    if model_name == "meeting":
        AgendaItemFactory(meeting=obj)
        WorkshopFactory(meeting=obj)
    urls = [
        reverse(f"admin:meetings_{model_name}_changelist"),
        reverse(f"admin:meetings_{model_name}_changelist") + "?q=a",
        reverse(f"admin:meetings_{model_name}_add"),
        reverse(f"admin:meetings_{model_name}_change", args=[obj.pk]),
        reverse(f"admin:meetings_{model_name}_history", args=[obj.pk]),
    ]
    for url in urls:
        response = consultant_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(("model_name", "field_name"), AUTOCOMPLETE_FIELDS)
def test_admin_autocomplete_answers_consultant(consultant_client, model_name, field_name):
    MeetingFactory()
    response = consultant_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    assert response.json()["results"], "the consultant sees no choices"


def test_meeting_changelist_shows_code_and_danish_date(consultant_client):
    meeting = MeetingFactory(starts_at=local(dt.date(2030, 4, 25), 9, 30))
    response = consultant_client.get(reverse("admin:meetings_meeting_changelist"))
    assert meeting.code in response.text
    assert "25.04.2030 09.30" in response.text


# --- Duplicate a meeting -------------------------------------------------------


def _duplicate(client, meeting, **data):
    return client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "duplicate_meeting", admin.helpers.ACTION_CHECKBOX_NAME: [meeting.pk], **data},
    )


@pytest.fixture
def seed_like_meeting():
    """A winter meeting 09.30-15.00 with a three-point programme and two workshops."""
    meeting = MeetingFactory(
        title="Sociale viceværter",
        starts_at=local(dt.date(2030, 1, 17), 9, 30),
        ends_at=local(dt.date(2030, 1, 17), 15, 0),
        registration_deadline=local(dt.date(2030, 1, 14), 23, 59),
    )
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), title="Drop-in")
    AgendaItemFactory(meeting=meeting, start_time=dt.time(10, 0), end_time=dt.time(10, 30), title="Velkommen")
    AgendaItemFactory(meeting=meeting, start_time=dt.time(15, 0), end_time=None, title="Tak for i dag")
    WorkshopFactory(meeting=meeting, title="Naboskab, netværk & tryghed", capacity=20)
    WorkshopFactory(meeting=meeting, title="Sundhed & trivsel", capacity=15)
    return meeting


def test_meeting_duplicate_action_asks_for_new_date(consultant_client, seed_like_meeting):
    response = _duplicate(consultant_client, seed_like_meeting)
    assert response.status_code == 200
    assert seed_like_meeting.code in response.text
    assert 'name="starts_on"' in response.text
    assert Meeting.objects.count() == 1


def test_meeting_duplicate_action_copies_programme_to_new_date_as_draft(consultant_client, seed_like_meeting):
    response = _duplicate(consultant_client, seed_like_meeting, apply="1", starts_on="2030-07-11", starts_at_time="")

    copy = Meeting.objects.exclude(pk=seed_like_meeting.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("admin:meetings_meeting_change", args=[copy.pk])
    assert copy.status == MeetingStatus.DRAFT
    assert copy.code == "30-002"
    assert copy.title == "Sociale viceværter"
    # Same wall-clock times in summer as in winter.
    assert (copy.local_start.date(), copy.local_start.time()) == (dt.date(2030, 7, 11), dt.time(9, 30))
    assert copy.local_end.time() == dt.time(15, 0)
    assert copy.registration_deadline == local(dt.date(2030, 7, 8), 23, 59)
    programme = [(item.start_time, item.end_time, item.title) for item in copy.agenda_items.all()]
    assert programme == [
        (dt.time(9, 30), dt.time(10, 0), "Drop-in"),
        (dt.time(10, 0), dt.time(10, 30), "Velkommen"),
        (dt.time(15, 0), None, "Tak for i dag"),
    ]
    assert [(w.title, w.capacity) for w in copy.workshops.all()] == [
        ("Naboskab, netværk & tryghed", 20),
        ("Sundhed & trivsel", 15),
    ]
    # The original is untouched.
    seed_like_meeting.refresh_from_db()
    assert seed_like_meeting.status == MeetingStatus.PUBLISHED
    assert seed_like_meeting.agenda_items.count() == 3
    assert seed_like_meeting.workshops.count() == 2


def test_meeting_duplicate_action_with_new_start_time(consultant_client, seed_like_meeting):
    _duplicate(consultant_client, seed_like_meeting, apply="1", starts_on="2030-02-14", starts_at_time="13.00")
    copy = Meeting.objects.exclude(pk=seed_like_meeting.pk).get()
    assert copy.local_start == local(dt.date(2030, 2, 14), 13, 0)
    assert copy.duration == seed_like_meeting.duration


def test_meeting_duplicate_action_refuses_two_meetings(consultant_client):
    first, second = MeetingFactory(), MeetingFactory()
    response = consultant_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "duplicate_meeting", admin.helpers.ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Meeting.objects.count() == 2


# --- Programme warnings when saving ------------------------------------------


def _form_data(form, prefix_data=None):
    """POST data that submits a rendered (admin) form unchanged."""
    data = {}
    for bound in form:
        widget = bound.field.widget
        widget = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper
        value = bound.value()
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def _change_form_data(response):
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


def _overlap_meeting():
    meeting = MeetingFactory(
        starts_at=local(dt.date(2030, 4, 25), 9, 30),
        ends_at=local(dt.date(2030, 4, 25), 15, 0),
        registration_deadline=local(dt.date(2030, 4, 22), 12, 0),
    )
    AgendaItemFactory(meeting=meeting, start_time=dt.time(14, 15), end_time=dt.time(14, 45), title="Oplæg v. Nils")
    AgendaItemFactory(meeting=meeting, start_time=dt.time(14, 50), end_time=dt.time(15, 0), title="Afrunding")
    return meeting


def _move_afrunding_into_the_talk(client, meeting, **extra):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _change_form_data(client.get(url))
    # Move "Afrunding" so it starts before the talk ends (as in the seed programme).
    second = next(key for key, value in data.items() if key.endswith("-title") and value == "Afrunding")
    data[second.replace("-title", "-start_time")] = "14:40"
    data["title"] = "Sociale viceværter i Viby J"
    data.update(extra)
    return client.post(url, data, follow=True)


def _warnings_on(response) -> list[str]:
    """Every programme warning the page shows: in its check panel and as messages."""
    body = response.content.decode()
    panel = re.findall(r'<li class="warning" data-code="(\w+)"', body)
    messages = [m.message for m in response.context["messages"] if m.level == WARNING]
    return panel + messages


def test_meeting_admin_save_with_overlapping_programme_warns_but_saves(consultant_client):
    meeting = _overlap_meeting()
    response = _move_afrunding_into_the_talk(consultant_client, meeting, _continue="1")

    assert response.redirect_chain[-1][0] == reverse("admin:meetings_meeting_change", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.title == "Sociale viceværter i Viby J"
    assert sorted(item.start_time for item in meeting.agenda_items.all()) == [dt.time(14, 15), dt.time(14, 40)]
    panel = response.content.decode().split('id="programme-check"')[1]
    assert "14.45" in panel and "14.40" in panel


def test_meeting_admin_save_and_continue_shows_each_warning_once(consultant_client):
    # It used to show every warning twice: once from saving, once from opening the change page.
    meeting = _overlap_meeting()
    meeting.purpose = ""
    meeting.save()
    response = _move_afrunding_into_the_talk(consultant_client, meeting, _continue="1")
    warnings = programme_warnings(meeting=meeting)
    assert {"no_purpose", "overlap"} <= {warning.code for warning in warnings}
    body = response.content.decode()
    for warning in warnings:
        assert body.count(escape(warning.message)) == 1, warning.code
    assert sorted(_warnings_on(response)) == sorted(warning.code for warning in warnings)


def test_meeting_admin_save_to_the_list_shows_each_warning_once_as_a_message(consultant_client):
    meeting = _overlap_meeting()
    response = _move_afrunding_into_the_talk(consultant_client, meeting, _save="1")
    assert response.redirect_chain[-1][0] == reverse("admin:meetings_meeting_changelist")
    warnings = _warnings_on(response)
    assert len(warnings) == len(programme_warnings(meeting=meeting)) == len(set(warnings))
    assert all(warning.startswith(meeting.code) for warning in warnings)
    assert sum("14.45" in warning for warning in warnings) == 1


def test_meeting_admin_change_page_warns_about_programme_outside_meeting_time(consultant_client):
    meeting = MeetingFactory(
        starts_at=local(dt.date(2030, 4, 25), 9, 30),
        ends_at=local(dt.date(2030, 4, 25), 15, 0),
        registration_deadline=local(dt.date(2030, 4, 22), 12, 0),
    )
    AgendaItemFactory(meeting=meeting, start_time=dt.time(15, 0), end_time=dt.time(16, 0), title="Rundvisning")
    response = consultant_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200
    assert "outside" in [w.code for w in response.context["programme_check"].open]
    panel = response.content.decode().split('id="programme-check"')[1]
    assert "Rundvisning" in panel and "09.30-15.00" in panel
    assert sorted(_warnings_on(response)) == sorted(w.code for w in programme_warnings(meeting=meeting))


def test_meeting_admin_change_page_without_problems_has_no_warning(consultant_client):
    # A programme by the book: 2½ hours with a purpose, a break, group work and a wrap-up.
    meeting = MeetingFactory(
        starts_at=local(dt.date(2030, 4, 25), 13, 0),
        ends_at=local(dt.date(2030, 4, 25), 15, 30),
        registration_deadline=local(dt.date(2030, 4, 22), 12, 0),
    )
    for start, end, kind in [
        ((13, 0), (13, 30), AgendaItemKind.TALK),
        ((13, 30), (13, 45), AgendaItemKind.BREAK),
        ((13, 45), (15, 0), AgendaItemKind.GROUP_WORK),
        ((15, 0), (15, 30), AgendaItemKind.WRAP_UP),
    ]:
        AgendaItemFactory(meeting=meeting, start_time=dt.time(*start), end_time=dt.time(*end), kind=kind)
    response = consultant_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert _warnings_on(response) == []
    assert 'id="programme-check"' not in response.content.decode()
