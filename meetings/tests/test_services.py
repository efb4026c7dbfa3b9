"""Meeting services: duplicating a meeting and warnings about its programme."""

import datetime as dt

import pytest

from meetings.enums import MeetingStatus
from meetings.services import meeting_duplicate, programme_warnings
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory, local

pytestmark = pytest.mark.django_db


def test_meeting_duplicate_keeps_wall_clock_deadline_across_summer_time_change():
    # Summer meeting, deadline three days before at 23.59. The copy starts on
    # Monday 28 October 2030 (winter time) but its deadline, Friday 25 October,
    # is still summer time: it must stay 23.59 on the 25th, not 00.59 on the 26th.
    meeting = MeetingFactory(
        starts_at=local(dt.date(2030, 7, 15), 9, 30),
        ends_at=local(dt.date(2030, 7, 15), 15, 0),
        registration_deadline=local(dt.date(2030, 7, 12), 23, 59),
        registration_opens_at=local(dt.date(2030, 6, 14), 8, 0),
    )
    meeting.refresh_from_db()  # as the admin action gets it: times in UTC
    copy = meeting_duplicate(meeting=meeting, starts_at=local(dt.date(2030, 10, 28), 9, 30), by=None)
    copy.refresh_from_db()
    assert copy.registration_deadline == local(dt.date(2030, 10, 25), 23, 59)
    assert copy.registration_opens_at == local(dt.date(2030, 9, 27), 8, 0)
    assert copy.ends_at == local(dt.date(2030, 10, 28), 15, 0)


def test_meeting_duplicate_is_a_draft_with_new_code_and_same_content():
    meeting = MeetingFactory(starts_at=local(dt.date(2030, 3, 7), 9, 30), cancelled=True)
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), bullet_points="Tjek ind")
    WorkshopFactory(meeting=meeting, title="Beskæftigelse & opkvalificering", room="Salen")
    meeting.target_groups.set([])

    copy = meeting_duplicate(meeting=meeting, starts_at=local(dt.date(2030, 9, 5), 9, 30), by=None)

    assert copy.code != meeting.code
    assert copy.status == MeetingStatus.DRAFT
    assert copy.cancellation_reason == ""
    assert [item.bullets for item in copy.agenda_items.all()] == [["Tjek ind"]]
    assert [(w.title, w.room) for w in copy.workshops.all()] == [("Beskæftigelse & opkvalificering", "Salen")]
    assert (copy.teaser, copy.venue_id, copy.network_id) == (meeting.teaser, meeting.venue_id, meeting.network_id)


def _meeting_0930_1500():
    return MeetingFactory(
        starts_at=local(dt.date(2030, 4, 25), 9, 30),
        ends_at=local(dt.date(2030, 4, 25), 15, 0),
        registration_deadline=local(dt.date(2030, 4, 22), 12, 0),
    )


def test_programme_warnings_report_overlap_of_seed_programme():
    meeting = _meeting_0930_1500()
    AgendaItemFactory(meeting=meeting, start_time=dt.time(14, 15), end_time=dt.time(14, 45))
    AgendaItemFactory(meeting=meeting, start_time=dt.time(14, 40), end_time=dt.time(14, 50))
    AgendaItemFactory(meeting=meeting, start_time=dt.time(15, 0), end_time=None)
    assert [w.code for w in programme_warnings(meeting=meeting) if w.code in ("overlap", "outside")] == ["overlap"]


def test_programme_warnings_report_item_after_meeting_end():
    meeting = _meeting_0930_1500()
    AgendaItemFactory(meeting=meeting, start_time=dt.time(14, 30), end_time=dt.time(15, 30))
    assert [w.code for w in programme_warnings(meeting=meeting) if w.code in ("overlap", "outside")] == ["outside"]


def test_programme_warnings_no_timing_warning_for_back_to_back_items():
    meeting = _meeting_0930_1500()
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0))
    AgendaItemFactory(meeting=meeting, start_time=dt.time(10, 0), end_time=dt.time(15, 0))
    assert [w.code for w in programme_warnings(meeting=meeting) if w.code in ("overlap", "outside")] == []
