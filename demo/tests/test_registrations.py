"""The demo's registrations: refreshed in place, never past a meeting's capacity."""

import pytest
from django.db.models import Count, F, Q

from demo.load import load_demo
from meetings.models import Meeting
from registration.enums import RegistrationStatus
from registration.models import Registration

pytestmark = pytest.mark.django_db


def test_demo_registrations_are_refreshed_not_duplicated(demo):
    count = Registration.objects.count()
    load_demo()
    assert Registration.objects.count() == count


def test_demo_meetings_are_never_confirmed_past_their_capacity(demo):
    over = (
        Meeting.objects.filter(capacity__isnull=False)
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
        .filter(confirmed__gt=F("capacity"))
    )
    assert list(over.values_list("title", "confirmed", "capacity")) == []


def test_demo_has_registrations_entered_at_the_desk_with_their_history(demo):
    from registration.enums import RegistrationChannel
    from registration.models import RegistrationAudit

    door = Registration.objects.filter(channel=RegistrationChannel.DOOR)
    assert door.count() == 2 and all(registration.attended for registration in door)
    assert RegistrationAudit.objects.filter(registration__in=door).exclude(override_deadline_reason="").count() == 2
    load_demo()
    assert Registration.objects.filter(channel=RegistrationChannel.DOOR).count() == 2
