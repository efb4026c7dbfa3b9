"""The programme check on real-shaped programmes: the warnings each must get, and no false warning."""

import datetime as dt

import pytest

from meetings.programme_check import programme_warnings
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory, local
from meetings.tests.programme_cases import ALL_CODES, CASES, Case

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 4, 25)


def _time(value: str) -> dt.time:
    hour, minute = value.split(".")
    return dt.time(int(hour), int(minute))


def meeting_of(case: Case):
    start, end = _time(case.start), _time(case.end)
    meeting = MeetingFactory(
        kind=case.kind,
        format=case.format,
        purpose=case.purpose,
        participant_roles=case.participant_roles,
        starts_at=local(DAY, start.hour, start.minute),
        ends_at=local(DAY, end.hour, end.minute),
        registration_deadline=local(DAY - dt.timedelta(days=7), 12, 0),
    )
    for order, (item_start, item_end, kind, title) in enumerate(case.items):
        AgendaItemFactory(
            meeting=meeting,
            start_time=_time(item_start),
            end_time=_time(item_end) if item_end else None,
            kind=kind,
            title=title,
            order=order,
        )
    for order, title in enumerate(case.workshops):
        WorkshopFactory(meeting=meeting, title=title, order=order)
    return meeting


def test_the_case_set_has_the_two_seeds_and_at_least_ten_more():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)) and len(CASES) >= 12
    assert {"seed_sociale_vicevaerter_21_april_2022", "seed_albertslund_workshop_evening_2020"} <= set(names)
    assert all(set(case.must) <= ALL_CODES for case in CASES)
    # The set checks both ways: programmes that must stay quiet and programmes that must be warned about.
    assert sum(not case.must for case in CASES) >= 6 and sum(bool(case.must) for case in CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_programme_gets_exactly_its_warnings(case):
    codes = sorted(warning.code for warning in programme_warnings(meeting=meeting_of(case)))
    false_alarms = [code for code in codes if code in case.must_not]
    assert false_alarms == [], f"false warnings: {false_alarms}"
    assert codes == sorted(case.must)
