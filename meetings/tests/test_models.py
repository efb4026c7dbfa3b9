"""Rules the database keeps on its own: times, prices, seats and meeting codes."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory, local

pytestmark = pytest.mark.django_db


def _refused(factory, **fields):
    # The savepoint keeps the test's transaction usable on PostgreSQL after the error.
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_meeting_end_before_start_refused():
    start = local(dt.date(2030, 3, 7), 9, 30)
    _refused(MeetingFactory, starts_at=start, ends_at=start - dt.timedelta(hours=1))


def test_meeting_end_equal_to_start_refused():
    start = local(dt.date(2030, 3, 7), 9, 30)
    _refused(MeetingFactory, starts_at=start, ends_at=start)


def test_meeting_deadline_after_start_refused():
    start = local(dt.date(2030, 3, 7), 9, 30)
    _refused(MeetingFactory, starts_at=start, registration_deadline=start + dt.timedelta(minutes=1))


def test_meeting_deadline_at_start_accepted():
    start = local(dt.date(2030, 3, 7), 9, 30)
    meeting = MeetingFactory(starts_at=start, registration_deadline=start)
    assert Meeting.objects.get(pk=meeting.pk).registration_deadline == start


def test_meeting_registration_opening_after_deadline_refused():
    start = local(dt.date(2030, 3, 7), 9, 30)
    deadline = start - dt.timedelta(days=3)
    _refused(
        MeetingFactory,
        starts_at=start,
        registration_deadline=deadline,
        registration_opens_at=deadline + dt.timedelta(hours=1),
    )


def test_meeting_negative_price_refused():
    _refused(MeetingFactory, price=-1)


def test_meeting_negative_capacity_refused():
    _refused(MeetingFactory, capacity=-1)


def test_workshop_negative_capacity_refused():
    _refused(WorkshopFactory, capacity=-5)


def test_workshop_same_title_twice_in_one_meeting_refused():
    workshop = WorkshopFactory(title="Sundhed & trivsel")
    _refused(WorkshopFactory, meeting=workshop.meeting, title="Sundhed & trivsel")


def test_agenda_item_end_before_start_refused():
    _refused(AgendaItemFactory, start_time=dt.time(10, 30), end_time=dt.time(10, 0))


def test_agenda_item_end_equal_to_start_refused():
    _refused(AgendaItemFactory, start_time=dt.time(10, 30), end_time=dt.time(10, 30))


def test_agenda_item_without_end_accepted():
    # "15.00 Tak for i dag" is a point in time.
    item = AgendaItemFactory(start_time=dt.time(15, 0), end_time=None, title="Tak for i dag")
    assert AgendaItem.objects.get(pk=item.pk).end_time is None


# --- Meeting codes -------------------------------------------------------------


def test_meeting_code_assigned_as_year_and_number():
    meeting = MeetingFactory(starts_at=local(dt.date(2030, 4, 21), 9, 30))
    assert meeting.code == "30-001"
    assert Meeting.objects.get(pk=meeting.pk).code == "30-001"
    assert meeting.get_absolute_url() == "/moeder/30-001/"


def test_meeting_code_counts_up_within_a_year():
    codes = [MeetingFactory(starts_at=local(dt.date(2030, month, 1), 10)).code for month in (3, 5, 9)]
    assert codes == ["30-001", "30-002", "30-003"]


def test_meeting_code_sequence_starts_again_each_year():
    MeetingFactory(starts_at=local(dt.date(2030, 5, 1), 10))
    MeetingFactory(starts_at=local(dt.date(2030, 6, 1), 10))
    assert MeetingFactory(starts_at=local(dt.date(2031, 1, 15), 10)).code == "31-001"
    assert MeetingFactory(starts_at=local(dt.date(2030, 11, 1), 10)).code == "30-003"


def test_meeting_code_year_follows_copenhagen_time():
    # 23.30 UTC on New Year's Eve is already 00.30 on 1 January in Copenhagen.
    starts_at = dt.datetime(2030, 12, 31, 23, 30, tzinfo=dt.UTC)
    meeting = MeetingFactory(starts_at=starts_at, registration_deadline=starts_at - dt.timedelta(days=2))
    assert meeting.code == "31-001"


def test_meeting_code_of_deleted_meeting_never_reused():
    MeetingFactory(starts_at=local(dt.date(2030, 3, 1), 10))
    second = MeetingFactory(starts_at=local(dt.date(2030, 3, 2), 10))
    assert second.code == "30-002"
    second.delete()
    assert MeetingFactory(starts_at=local(dt.date(2030, 3, 3), 10)).code == "30-003"


def test_meeting_code_skips_codes_taken_by_hand():
    MeetingFactory(code="30-001", starts_at=local(dt.date(2030, 3, 1), 10))
    MeetingFactory(code="30-002", starts_at=local(dt.date(2030, 3, 1), 10))
    assert MeetingFactory(starts_at=local(dt.date(2030, 3, 2), 10)).code == "30-003"


def test_meeting_code_duplicate_refused():
    MeetingFactory(code="21-374")
    _refused(MeetingFactory, code="21-374")


def test_meeting_code_kept_when_meeting_moves_to_another_year():
    # The code is printed on invitations and is part of the page address.
    meeting = MeetingFactory(starts_at=local(dt.date(2030, 12, 10), 10))
    meeting.starts_at = local(dt.date(2031, 1, 14), 10)
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=3)
    meeting.save()
    meeting.refresh_from_db()
    assert meeting.code == "30-001"
