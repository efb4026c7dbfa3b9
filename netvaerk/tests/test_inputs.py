"""The shared means of reading input (netvaerk/forms.py, NulByteMiddleware, the admin mixins), case by case.

test_bad_input.py walks every URL pattern with random values; these tests pin
the answers a person sees for the faults found that way.
"""

import datetime as dt
import re

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.db import models
from django.urls import reverse

from netvaerk.admin import CalendarFiltersMixin, HistoryAdmin
from netvaerk.forms import (
    BoundedModelMultipleChoiceField,
    CalendarDateField,
    CalendarYearField,
    MonthField,
    calendar_date,
    parse_id,
)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_calendar_date_field_refuses_a_date_outside_the_calendar_in_danish(value):
    field = CalendarDateField()
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value)
    assert refused.value.messages == ["Vælg en dato mellem 1. januar 2000 og 31. december 2100."]


@pytest.mark.parametrize("value", ["10000-01-01", "2026-02-30", "2026-13-01", "x" * 10_000, "١٢٣"])
def test_calendar_date_field_refuses_no_date(value):
    with pytest.raises(forms.ValidationError):
        CalendarDateField().clean(value)


def test_calendar_date_field_takes_a_date_inside_it():
    assert CalendarDateField().clean("2026-04-21") == dt.date(2026, 4, 21)


@pytest.mark.parametrize("value", ["9999-12", "0001-01", "2026-13", "10000-01", "oktober", "2026-10-01"])
def test_month_field_refuses_months_outside_the_calendar_or_badly_written(value):
    with pytest.raises(forms.ValidationError):
        MonthField().clean(value)


def test_month_field_names_the_months_of_the_calendar_in_danish():
    with pytest.raises(forms.ValidationError) as refused:
        MonthField().clean("9999-12")
    assert refused.value.messages == ["Vælg en måned mellem januar 2000 og december 2100."]


def test_month_field_reads_the_first_day_of_the_month():
    assert MonthField().clean("2026-10") == dt.date(2026, 10, 1)


@pytest.mark.parametrize("value", ["1999", "2101", "9999", "-1", "9" * 5000])
def test_calendar_year_field_refuses_years_outside_the_calendar(value):
    with pytest.raises(forms.ValidationError):
        CalendarYearField().clean(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("42", 42), (" 7 ", 7), ("0", None), ("-1", None), ("²", None), ("abc", None), ("\x00", None)]
    + [("9" * 19, None), ("9" * 5000, None), ("", None), (None, None)],
)
def test_parse_id_reads_only_ids_a_bigint_holds(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [(("2026", "2", "28"), dt.date(2026, 2, 28)), (("2026", "2", "30"), None), (("9999", "12", "31"), None)]
    + [(("10000", "1", "1"), None), (("2026", "13", "1"), None), (("x", "1", "1"), None)],
)
def test_calendar_date_is_none_outside_the_calendar(parts, expected):
    assert calendar_date(*parts) == expected


@pytest.mark.parametrize("value", ["9" * 25, "-1", "²", "abc"])
def test_bounded_multiple_choice_refuses_what_is_no_id_before_the_database(db, value):
    from netvaerk.models import WorkArea

    field = BoundedModelMultipleChoiceField(queryset=WorkArea.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean([value])


# --- Bounded echoes ------------------------------------------------------------------------------------------


class _EchoForm(forms.Form):
    name = forms.CharField(max_length=20)
    when = forms.ChoiceField(choices=[("upcoming", "Upcoming")])
    day = forms.DateField()


def test_a_re_rendered_form_echoes_values_and_refusals_only_up_to_the_field_length():
    long = "Q" * 10_000
    form = _EchoForm({"name": long, "when": long, "day": long})
    assert not form.is_valid()
    assert form["name"].value() == "Q" * 20  # its max_length
    assert form["day"].value() == "Q" * 100  # a date, a number or a choice is short
    assert max(len(run) for run in re.findall("Q+", str(form))) <= 300  # the choice's refusal quotes the value
    # The form's own errors keep the whole message for the code; only what is shown is cut.
    assert len(form.errors["when"][0]) > 10_000


# --- NUL bytes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/moeder/21%00374/", "/moeder/?month=%00", "/moeder/?%00=1", "/netvaerk/x/gruppe/ideer/?tag=a%00b"]
)
def test_a_nul_byte_in_the_address_answers_400_in_danish(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Ugyldig forespørgsel" in response.content.decode()


def test_a_nul_byte_in_a_cookie_answers_400(client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/").status_code == 400


def test_a_nul_byte_in_a_form_field_gets_a_message_next_to_the_field(client, demo):
    response = client.post("/moeder/21-374/", {"name": "Åse\x00", "email": "aase@example.dk", "privacy": "on"})
    assert response.status_code in (400, 409)


# --- The admin ---------------------------------------------------------------------------------------------


def test_every_admin_that_filters_by_date_bounds_the_filters_to_the_calendar():
    def filters_by_date(model, model_admin):
        names = [entry[0] if isinstance(entry, tuple | list) else entry for entry in model_admin.list_filter]
        return model_admin.date_hierarchy or any(
            isinstance(name, str) and isinstance(get_fields_from_path(model, name)[-1], models.DateField)
            for name in names
        )

    registered = [
        (model, admin.site.get_model_admin(model)) for model in apps.get_models() if admin.site.is_registered(model)
    ]
    filtering = [model_admin for model, model_admin in registered if filters_by_date(model, model_admin)]
    assert len(filtering) >= 7
    unbounded = [type(each).__name__ for each in filtering if not isinstance(each, CalendarFiltersMixin)]
    assert not unbounded


@pytest.mark.parametrize(
    "query",
    ["starts_at__year=9999", "starts_at__year=2026&starts_at__month=13", "starts_at__year=10000"]
    + [
        "starts_at__year=9999&starts_at__month=12&starts_at__day=31",
        "starts_at__year=2026&starts_at__month=2&starts_at__day=30",
    ],
)
def test_admin_date_hierarchy_outside_the_calendar_shows_every_date_with_a_message(admin_client, query):
    url = reverse("admin:meetings_meeting_changelist")
    response = admin_client.get(f"{url}?{query}&status__exact=published")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?status__exact=published"
    page = admin_client.get(response["Location"])
    assert "Datoen i filteret skal ligge mellem 2000 og 2100" in page.content.decode()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31 23:59:59+01:00", "2101-01-01"])
def test_admin_date_list_filter_outside_the_calendar_shows_every_date_with_a_message(admin_client, value):
    url = reverse("admin:registration_exportlog_changelist")
    response = admin_client.get(url, {"created_at__gte": value, "created_at__lt": "2026-01-01"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?created_at__lt=2026-01-01"


def test_admin_date_hierarchy_inside_the_calendar_filters_as_before(admin_client):
    url = reverse("admin:meetings_meeting_changelist")
    assert admin_client.get(f"{url}?starts_at__year=2100&starts_at__month=12&starts_at__day=31").status_code == 200


def test_history_pages_answer_404_to_ids_that_are_no_ids(admin_client):
    from meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory()
    assert isinstance(admin.site.get_model_admin(type(meeting)), HistoryAdmin)
    history = reverse("admin:meetings_meeting_history", args=[meeting.pk])
    assert admin_client.get(history).status_code == 200
    for path in [
        reverse("admin:meetings_meeting_history", args=["9999-12-31"]),
        reverse("admin:meetings_meeting_history", args=["9" * 25]),
        f"/admin/meetings/meeting/{meeting.pk}/history/9999-12-31/",
        "/admin/meetings/meeting/9999-12-31/history/1/",
    ]:
        assert admin_client.get(path).status_code == 404, path
