"""The programme check: each practice of the resource networks as a warning that never blocks saving."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import reverse

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingKind, MeetingStatus
from meetings.models import Meeting
from meetings.services import programme_limits, programme_warnings
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local

# These test the planning work, not who may do it (netvaerk/tests/test_access_walk.py does).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("consultant_plans_all_networks")]

DAY = dt.date(2030, 4, 25)


def meeting_with(programme, *, start=(13, 0), end=(15, 30), **fields):
    """A meeting on DAY with a programme of (start, end, kind) tuples."""
    meeting = MeetingFactory(
        starts_at=local(DAY, *start),
        ends_at=local(DAY, *end),
        registration_deadline=local(DAY - dt.timedelta(days=3), 12, 0),
        **fields,
    )
    for index, (item_start, item_end, kind) in enumerate(programme):
        AgendaItemFactory(
            meeting=meeting,
            start_time=dt.time(*item_start),
            end_time=dt.time(*item_end) if item_end else None,
            kind=kind,
            title=f"Punkt {index + 1}",
            order=index,
        )
    return meeting


GOOD = [
    ((13, 0), (13, 30), K.TALK),
    ((13, 30), (13, 45), K.BREAK),
    ((13, 45), (15, 0), K.GROUP_WORK),
    ((15, 0), (15, 30), K.WRAP_UP),
]


def codes(meeting):
    return [warning.code for warning in programme_warnings(meeting=meeting)]


def test_programme_by_the_book_has_no_warning():
    assert codes(meeting_with(GOOD)) == []


def test_seed_meeting_21_374_is_too_long_has_too_many_points_and_an_overlap(demo):
    meeting = Meeting.objects.get(code="21-374")
    warnings = programme_warnings(meeting=meeting)
    assert sorted(w.code for w in warnings) == ["overlap", "too_long", "too_many_items"]
    by_code = {w.code: w for w in warnings}
    assert "5.30" in by_code["too_long"].message  # 09.30-15.00
    assert "14.45" in by_code["overlap"].message and "14.40" in by_code["overlap"].message
    assert "8" in by_code["too_many_items"].message  # arrival, lunch and "Tak for i dag" are not points
    assert all(w.practice for w in warnings), "every warning names the practice behind it"


def test_after_work_meeting_over_two_and_a_half_hours_is_too_long():
    programme = [((15, 0), (15, 30), K.TALK), ((15, 30), (15, 45), K.MEAL), ((15, 45), (18, 0), K.GROUP_WORK)]
    meeting = meeting_with(programme, start=(15, 0), end=(18, 0))
    assert programme_limits(meeting=meeting).after_work
    assert codes(meeting) == ["too_long"]


def test_daytime_network_meeting_of_three_hours_is_within_its_kind_limit():
    programme = [((10, 0), (10, 30), K.TALK), ((10, 30), (10, 45), K.BREAK), ((10, 45), (13, 0), K.GROUP_WORK)]
    meeting = meeting_with(programme, start=(10, 0), end=(13, 0))
    assert not programme_limits(meeting=meeting).after_work
    assert codes(meeting) == []


@override_settings(PROGRAMME_AFTER_WORK_FROM="16:00")
def test_after_work_threshold_comes_from_settings():
    programme = [((15, 0), (15, 30), K.TALK), ((15, 30), (15, 45), K.MEAL), ((15, 45), (18, 0), K.GROUP_WORK)]
    assert codes(meeting_with(programme, start=(15, 0), end=(18, 0))) == []


def test_limits_per_kind_come_from_settings(settings):
    settings.PROGRAMME_LIMITS = {**settings.PROGRAMME_LIMITS, "theme_day": {"max_minutes": 120, "max_items": 2}}
    meeting = meeting_with(GOOD, kind=MeetingKind.THEME_DAY)
    assert codes(meeting) == ["too_long", "too_many_items"]
    meeting = meeting_with(GOOD, kind=MeetingKind.NETWORK_MEETING)
    assert codes(meeting) == []


def test_too_many_agenda_points_not_counting_arrival_breaks_and_meals():
    six_points = [((13, 0 + 5 * i), (13, 5 + 5 * i), K.GROUP_WORK) for i in range(6)]
    logistics = [((13, 30), (13, 45), K.ARRIVAL), ((13, 45), (14, 0), K.BREAK), ((14, 0), (14, 30), K.MEAL)]
    assert "too_many_items" not in codes(meeting_with(six_points + logistics))
    seven = [*six_points, ((14, 30), (14, 35), K.PLENARY)]
    assert "too_many_items" in codes(meeting_with(seven + logistics))


def test_long_programme_without_break_or_meal():
    programme = [((13, 0), (13, 30), K.TALK), ((13, 30), (15, 0), K.GROUP_WORK), ((15, 0), (15, 30), K.WRAP_UP)]
    assert codes(meeting_with(programme)) == ["no_break"]


def test_short_programme_needs_no_break():
    programme = [((9, 0), (9, 20), K.ONLINE_TALK), ((9, 20), (10, 15), K.GROUP_WORK), ((10, 15), (10, 30), K.WRAP_UP)]
    assert codes(meeting_with(programme, start=(9, 0), end=(10, 30))) == []


def test_more_talk_than_group_work_and_wrap_up():
    programme = [
        ((13, 0), (14, 0), K.TALK),
        ((14, 0), (14, 15), K.BREAK),
        ((14, 15), (14, 45), K.ONLINE_TALK),
        ((14, 45), (15, 15), K.GROUP_WORK),
        ((15, 15), (15, 30), K.WRAP_UP),
    ]
    warnings = programme_warnings(meeting=meeting_with(programme))
    assert [w.code for w in warnings] == ["talk_heavy"]
    assert "90" in warnings[0].message and "45" in warnings[0].message


def test_talk_equal_to_group_work_and_wrap_up_is_fine():
    programme = [((13, 0), (14, 0), K.TALK), ((14, 0), (14, 15), K.BREAK), ((14, 15), (15, 15), K.GROUP_WORK)]
    assert codes(meeting_with(programme, end=(15, 15))) == []


def test_no_participant_role_unless_described():
    programme = [((13, 0), (13, 30), K.PLENARY), ((13, 30), (13, 45), K.BREAK), ((13, 45), (15, 30), K.PLENARY)]
    assert codes(meeting_with(programme)) == ["no_role"]
    described = meeting_with(programme, participant_roles="Hvert bord har en ordstyrer blandt deltagerne.")
    assert codes(described) == []


def test_a_case_gives_the_participants_a_role():
    programme = [((13, 0), (13, 45), K.CASE), ((13, 45), (14, 0), K.BREAK), ((14, 0), (15, 30), K.PLENARY)]
    assert codes(meeting_with(programme)) == []


def test_meeting_without_purpose():
    assert codes(meeting_with(GOOD, purpose="")) == ["no_purpose"]


def test_draft_without_programme_only_hears_about_purpose_and_length():
    meeting = meeting_with([], purpose="", start=(9, 0), end=(16, 0))
    assert codes(meeting) == ["no_purpose", "too_long"]


def test_warnings_need_no_query_when_items_are_given(django_assert_num_queries):
    meeting = meeting_with(GOOD)
    items = list(meeting.agenda_items.all())
    with django_assert_num_queries(0):
        programme_warnings(meeting=meeting, items=items, workshops=[])


# --- Where the warnings show ---------------------------------------------------------------


def test_admin_saves_a_five_and_a_half_hour_meeting_and_warns_with_the_practice(consultant_client):
    meeting = meeting_with(GOOD)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    from meetings.tests.test_admin import _change_form_data

    data = _change_form_data(consultant_client.get(url))
    data["starts_at_1"] = "09:30"
    data["ends_at_1"] = "15:00"
    data["_continue"] = "1"
    response = consultant_client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == url
    meeting.refresh_from_db()
    assert meeting.local_start.time() == dt.time(9, 30)
    warnings = [str(w) for w in response.context["programme_check"].open]
    assert any("5.30" in message and "2½" in message for message in warnings), warnings
    assert response.content.decode().count('data-code="too_long"') == 1


def test_staff_preview_of_the_meeting_page_shows_the_warnings(consultant_client, client):
    meeting = meeting_with(GOOD, purpose="")
    meeting.status = MeetingStatus.DRAFT
    meeting.save()
    body = consultant_client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-code="no_purpose"' in body


def test_a_planners_preview_reads_the_workshops_once_for_the_check_and_the_sign_up_form(consultant_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.tests.factories import WorkshopFactory

    meeting = meeting_with(GOOD, purpose="")
    WorkshopFactory(meeting=meeting, title="Grøn omstilling")
    with CaptureQueriesContext(connection) as queries:
        response = consultant_client.get(meeting.get_absolute_url())
    body = response.content.decode()
    assert response.context["form"] is not None and 'data-code="no_purpose"' in body
    assert body.count(">Grøn omstilling</option>") == 2
    assert sum('FROM "meetings_workshop"' in q["sql"] for q in queries.captured_queries) == 1


def test_public_meeting_page_never_shows_the_warnings(client):
    meeting = meeting_with(GOOD, purpose="")
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "data-code=" not in body


# --- Purpose first when publishing ------------------------------------------------------------


def _admin_form(client, meeting):
    from meetings.tests.test_admin import _change_form_data

    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    return url, _change_form_data(client.get(url))


def test_publishing_without_purpose_asks_for_confirmation(consultant_client):
    meeting = meeting_with(GOOD, purpose="", status=MeetingStatus.DRAFT)
    url, data = _admin_form(consultant_client, meeting)
    data["status"] = MeetingStatus.PUBLISHED
    response = consultant_client.post(url, data)
    assert response.status_code == 200
    assert "purpose" in response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_publishing_without_purpose_after_confirming(consultant_client):
    meeting = meeting_with(GOOD, purpose="", status=MeetingStatus.DRAFT)
    url, data = _admin_form(consultant_client, meeting)
    data["status"] = MeetingStatus.PUBLISHED
    data["publish_without_purpose"] = "on"
    assert consultant_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED


def test_publishing_with_a_purpose_needs_no_confirmation(consultant_client):
    meeting = meeting_with(GOOD, status=MeetingStatus.DRAFT)
    url, data = _admin_form(consultant_client, meeting)
    data["status"] = MeetingStatus.PUBLISHED
    assert consultant_client.post(url, data).status_code == 302


def test_editing_a_published_meeting_without_purpose_is_not_asked_again(consultant_client):
    meeting = meeting_with(GOOD, purpose="")
    url, data = _admin_form(consultant_client, meeting)
    data["title"] = "Nyt navn"
    assert consultant_client.post(url, data).status_code == 302


def test_meeting_admin_shows_purpose_first_in_its_form():
    model_admin = admin.site._registry[Meeting]
    content = next(fields for name, fields in model_admin.fieldsets if name and "purpose" in fields["fields"])
    assert content["fields"][:2] == ("purpose", "publish_without_purpose")
