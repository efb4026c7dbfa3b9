import datetime as dt

import pytest
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory, WorkshopFactory
from registration import services, waiting_list, workshops
from registration.enums import Outcome, RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def sign_up(meeting, email, **kwargs):
    data = {"name": kwargs.pop("name", "Deltager"), **kwargs.pop("data", {})}
    return services.registration_create(meeting=meeting, data=data, email=email, **kwargs)


def test_signup_confirms_until_capacity_then_waiting_list(meeting):
    outcomes = [sign_up(meeting, f"p{i}@example.dk").outcome for i in range(4)]
    assert outcomes == [Outcome.CONFIRMED, Outcome.CONFIRMED, Outcome.WAITING, Outcome.WAITING]
    assert Registration.objects.filter(meeting=meeting).confirmed().count() == 2


def test_signup_without_waiting_list_is_refused_when_full(meeting):
    meeting.waiting_list_enabled = False
    meeting.save()
    sign_up(meeting, "a@example.dk")
    sign_up(meeting, "b@example.dk")
    with pytest.raises(services.MeetingFull):
        sign_up(meeting, "c@example.dk")
    assert Registration.objects.filter(meeting=meeting).count() == 2


def test_signup_after_deadline_is_closed_on_server_clock(meeting):
    after = meeting.registration_deadline + dt.timedelta(seconds=1)
    with pytest.raises(services.RegistrationClosed) as error:
        sign_up(meeting, "late@example.dk", now=after)
    assert str(error.value.message) == "Tilmelding lukket"
    assert not Registration.objects.exists()


def test_signup_before_opening_is_refused(meeting):
    meeting.registration_opens_at = timezone.now() + dt.timedelta(days=1)
    meeting.save()
    with pytest.raises(services.RegistrationClosed):
        sign_up(meeting, "early@example.dk")


@pytest.mark.parametrize("status", [MeetingStatus.DRAFT, MeetingStatus.CANCELLED])
def test_signup_for_unpublished_or_cancelled_meeting_is_refused(meeting, status):
    meeting.status = status
    meeting.save()
    with pytest.raises(services.RegistrationClosed):
        sign_up(meeting, "x@example.dk")


def test_duplicate_email_any_case_creates_nothing(meeting):
    first = sign_up(meeting, "Aase@Example.dk")
    second = sign_up(meeting, "aase@example.DK")
    assert second.outcome == Outcome.DUPLICATE
    assert second.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1


def test_database_refuses_second_active_registration_for_email(meeting):
    RegistrationFactory(meeting=meeting, email="dup@example.dk")
    with pytest.raises(IntegrityError):
        RegistrationFactory(meeting=meeting, email="DUP@example.dk")


def test_cancelled_registration_allows_signing_up_again(meeting):
    result = sign_up(meeting, "again@example.dk")
    services.registration_cancel(registration=result.registration)
    again = sign_up(meeting, "again@example.dk")
    assert again.outcome == Outcome.CONFIRMED
    assert again.registration.pk != result.registration.pk


def test_sensitive_data_is_not_stored_without_consent(meeting):
    data = {"diets": ["vegan"], "diet_note": "Ingen nødder", "accessibility_needs": "Kørestol"}
    result = sign_up(meeting, "n@example.dk", data=data, sensitive_consent=False)
    registration = Registration.objects.get(pk=result.registration.pk)
    assert registration.diets == [] and registration.diet_note == "" and registration.accessibility_needs == ""
    assert registration.sensitive_consent_at is None


def test_sensitive_data_is_stored_with_consent(meeting):
    data = {"diets": ["vegan"], "diet_note": "Ingen nødder", "accessibility_needs": "Kørestol"}
    result = sign_up(meeting, "y@example.dk", data=data, sensitive_consent=True)
    registration = Registration.objects.get(pk=result.registration.pk)
    assert registration.diets == ["vegan"] and registration.accessibility_needs == "Kørestol"
    assert registration.sensitive_consent_at is not None


def test_database_refuses_sensitive_data_without_consent(meeting):
    with pytest.raises(IntegrityError):
        RegistrationFactory(meeting=meeting, diets=["halal"], sensitive_consent_at=None)


def test_cancel_promotes_first_person_waiting(meeting):
    a = sign_up(meeting, "a@example.dk").registration
    sign_up(meeting, "b@example.dk")
    c = sign_up(meeting, "c@example.dk").registration
    d = sign_up(meeting, "d@example.dk").registration
    services.registration_cancel(registration=a)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == RegistrationStatus.CONFIRMED
    assert d.status == RegistrationStatus.WAITING
    assert Registration.objects.filter(meeting=meeting).confirmed().count() == 2


def test_people_waiting_come_before_new_signups(meeting):
    meeting.capacity = 1
    meeting.save()
    sign_up(meeting, "a@example.dk")
    waiting = sign_up(meeting, "b@example.dk").registration
    # Staff raise the capacity: the waiting person must still come first.
    meeting.capacity = 2
    meeting.save()
    newcomer = sign_up(meeting, "c@example.dk")
    assert newcomer.outcome == Outcome.WAITING
    promoted = waiting_list.waiting_list_fill(meeting=meeting)
    assert [r.pk for r in promoted] == [waiting.pk]


def test_no_automatic_promotion_close_to_the_meeting(meeting):
    a = sign_up(meeting, "a@example.dk").registration
    sign_up(meeting, "b@example.dk")
    c = sign_up(meeting, "c@example.dk").registration
    late = meeting.starts_at - dt.timedelta(hours=23)
    services.registration_cancel(registration=a, now=late)
    c.refresh_from_db()
    assert c.status == RegistrationStatus.WAITING


@override_settings(WAITING_LIST_AUTO_PROMOTE_CUTOFF_HOURS=2)
def test_promotion_cutoff_is_configurable(meeting):
    a = sign_up(meeting, "a@example.dk").registration
    sign_up(meeting, "b@example.dk")
    c = sign_up(meeting, "c@example.dk").registration
    services.registration_cancel(registration=a, now=meeting.starts_at - dt.timedelta(hours=3))
    c.refresh_from_db()
    assert c.status == RegistrationStatus.CONFIRMED


def test_staff_promote_above_capacity_only_when_confirmed(meeting):
    sign_up(meeting, "a@example.dk")
    sign_up(meeting, "b@example.dk")
    c = sign_up(meeting, "c@example.dk").registration
    with pytest.raises(services.MeetingFull):
        waiting_list.registration_promote(registration=c, by=None)
    waiting_list.registration_promote(registration=c, allow_over_capacity=True, by=None)
    c.refresh_from_db()
    assert c.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(meeting=meeting).confirmed().count() == 3


def test_cancel_is_refused_after_the_meeting_started(meeting):
    a = sign_up(meeting, "a@example.dk").registration
    with pytest.raises(services.ChangeNotAllowed):
        services.registration_cancel(registration=a, now=meeting.starts_at + dt.timedelta(minutes=1))
    a.refresh_from_db()
    assert a.status == RegistrationStatus.CONFIRMED


def test_edit_is_refused_after_the_deadline(meeting):
    a = sign_up(meeting, "a@example.dk").registration
    with pytest.raises(services.ChangeNotAllowed):
        services.registration_update(
            registration=a,
            data={"name": "Nyt navn"},
            sensitive_consent=False,
            now=meeting.registration_deadline + dt.timedelta(minutes=1),
        )
    a.refresh_from_db()
    assert a.name == "Deltager"


def test_edit_before_deadline_changes_answers_and_withdrawn_consent_deletes_sensitive_data(meeting):
    a = sign_up(meeting, "a@example.dk", data={"diets": ["halal"]}, sensitive_consent=True).registration
    services.registration_update(registration=a, data={"name": "Nyt Navn", "diets": ["halal"]}, sensitive_consent=False)
    a.refresh_from_db()
    assert a.name == "Nyt Navn"
    assert a.diets == [] and a.sensitive_consent_at is None


def test_first_come_gives_first_priority_then_second_then_none(workshop_meeting):
    w1, w2, _w3 = workshop_meeting.workshops.all()
    a = sign_up(workshop_meeting, "a@example.dk", data={"workshop_first": w1, "workshop_second": w2}).registration
    b = sign_up(workshop_meeting, "b@example.dk", data={"workshop_first": w1, "workshop_second": w2}).registration
    c = sign_up(workshop_meeting, "c@example.dk", data={"workshop_first": w1, "workshop_second": w2}).registration
    assert (a.workshop, b.workshop, c.workshop) == (w1, w2, None)


def test_workshops_must_differ(workshop_meeting):
    w1 = workshop_meeting.workshops.first()
    with pytest.raises(services.RegistrationError):
        sign_up(workshop_meeting, "a@example.dk", data={"workshop_first": w1, "workshop_second": w1})
    assert not Registration.objects.exists()


def test_workshop_of_another_meeting_is_refused(workshop_meeting):
    foreign = WorkshopFactory()
    with pytest.raises(services.RegistrationError):
        sign_up(workshop_meeting, "a@example.dk", data={"workshop_first": foreign})


def test_cancel_frees_workshop_seat_for_the_promoted_person(workshop_meeting):
    workshop_meeting.capacity = 1
    workshop_meeting.save()
    w1 = workshop_meeting.workshops.first()
    a = sign_up(workshop_meeting, "a@example.dk", data={"workshop_first": w1}).registration
    b = sign_up(workshop_meeting, "b@example.dk", data={"workshop_first": w1}).registration
    assert b.status == RegistrationStatus.WAITING and b.workshop is None
    services.registration_cancel(registration=a)
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED and b.workshop == w1


def test_allocation_after_deadline_is_proposed_then_final(workshop_meeting):
    workshop_meeting.workshop_allocation = "after_deadline"
    workshop_meeting.save()
    w1, w2, w3 = workshop_meeting.workshops.all()
    regs = [
        sign_up(
            workshop_meeting, f"p{i}@example.dk", data={"workshop_first": w1, "workshop_second": second}
        ).registration
        for i, second in enumerate([w2, w3, w2])
    ]
    assert all(r.workshop is None for r in regs)  # nothing assigned before the allocation
    result = workshops.workshop_allocation_propose(meeting=workshop_meeting, by=None)
    assert result == {regs[0].pk: w1.pk, regs[1].pk: w3.pk, regs[2].pk: w2.pk}
    workshop_meeting.refresh_from_db()
    assert workshop_meeting.workshop_allocation_state == "proposed"
    assert workshops.workshop_allocation_finalize(meeting=workshop_meeting, by=None) == 3
    with pytest.raises(services.RegistrationError):
        workshops.workshop_allocation_propose(meeting=workshop_meeting, by=None)


def test_finalize_refuses_a_workshop_over_capacity(workshop_meeting):
    w1 = workshop_meeting.workshops.first()
    RegistrationFactory(meeting=workshop_meeting, workshop=w1)
    RegistrationFactory(meeting=workshop_meeting, workshop=w1)  # staff adjusted by hand, over the capacity of 1
    with pytest.raises(services.RegistrationError):
        workshops.workshop_allocation_finalize(meeting=workshop_meeting, by=None)


def test_every_event_goes_through_its_notification(meeting, caplog):
    caplog.set_level("INFO", logger="registration.notifications")
    a = sign_up(meeting, "a@example.dk").registration
    sign_up(meeting, "b@example.dk")
    sign_up(meeting, "c@example.dk")
    sign_up(meeting, "a@example.dk")
    services.registration_update(registration=a, data={"name": "Ny"}, sensitive_consent=False)
    services.registration_cancel(registration=a)
    events = [record.getMessage().split()[1] for record in caplog.records]
    assert events == ["confirmed", "confirmed", "waiting", "duplicate", "changed", "cancelled", "promoted"]
    assert all("@" not in record.getMessage() for record in caplog.records)  # no personal data in logs


def test_check_in_marks_attendance(meeting):
    a = sign_up(meeting, "a@example.dk").registration
    services.registration_check_in(registration=a, attended=True, by=None)
    a.refresh_from_db()
    assert a.attended and a.checked_in_at is not None
    services.registration_check_in(registration=a, attended=False, by=None)
    a.refresh_from_db()
    assert not a.attended and a.checked_in_at is None


def test_personal_link_is_long_and_random():
    tokens = {RegistrationFactory.build().token for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 40 for token in tokens)


def test_unlimited_capacity_confirms_everyone():
    meeting = MeetingFactory(capacity=None)
    outcomes = {sign_up(meeting, f"p{i}@example.dk").outcome for i in range(30)}
    assert outcomes == {Outcome.CONFIRMED}
