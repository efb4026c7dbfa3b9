"""Who a message to participants goes to: each filter alone (status, workshop, check-in, sign-up days)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from registration.enums import RegistrationStatus
from registration.selectors_messages import message_recipients

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING, CANCELLED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.CANCELLED


@pytest.fixture
def meeting(db):
    return MeetingFactory(capacity=50)


def _recipients(meeting, **filters):
    return set(message_recipients(meeting=meeting, filters=filters).values_list("name", flat=True))


def test_filter_by_status(meeting):
    for name, status in [("Bekræftet", CONFIRMED), ("Venter", WAITING), ("Afmeldt", CANCELLED)]:
        RegistrationFactory(meeting=meeting, name=name, status=status)
    RegistrationFactory(name="Andet møde")
    assert _recipients(meeting) == {"Bekræftet"}
    assert _recipients(meeting, statuses=[WAITING]) == {"Venter"}
    assert _recipients(meeting, statuses=[CANCELLED, WAITING]) == {"Afmeldt", "Venter"}


def test_filter_by_workshop(meeting):
    one, two = WorkshopFactory(meeting=meeting), WorkshopFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, name="Et", workshop=one)
    RegistrationFactory(meeting=meeting, name="To", workshop=two)
    RegistrationFactory(meeting=meeting, name="Intet")
    assert _recipients(meeting, workshop=one.pk) == {"Et"}
    assert _recipients(meeting) == {"Et", "To", "Intet"}


def test_filter_by_check_in(meeting):
    RegistrationFactory(meeting=meeting, name="Mødt", attended=True, checked_in_at=timezone.now())
    RegistrationFactory(meeting=meeting, name="Udeblevet")
    assert _recipients(meeting, checked_in="yes") == {"Mødt"}
    assert _recipients(meeting, checked_in="no") == {"Udeblevet"}
    assert _recipients(meeting, checked_in="") == {"Mødt", "Udeblevet"}


def test_filter_by_sign_up_date_whole_days_in_copenhagen(meeting):
    for name, when in [
        ("Tidlig", dt.datetime(2026, 3, 1, 23, 30)),  # 1 March, late evening in Copenhagen
        ("Midt", dt.datetime(2026, 3, 2, 0, 10)),
        ("Sen", dt.datetime(2026, 3, 5, 12, 0)),
    ]:
        with time_machine.travel(timezone.make_aware(when), tick=False):
            RegistrationFactory(meeting=meeting, name=name)
    assert _recipients(meeting, registered_from="2026-03-02") == {"Midt", "Sen"}
    assert _recipients(meeting, registered_to="2026-03-01") == {"Tidlig"}
    assert _recipients(meeting, registered_from="2026-03-02", registered_to="2026-03-02") == {"Midt"}
