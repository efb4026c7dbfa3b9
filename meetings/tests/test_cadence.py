"""Cadence per network (plan against held and planned meetings of a calendar year), plan next year, past hosts."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meetings.enums import MeetingFormat, MeetingStatus
from meetings.models import Meeting
from meetings.planning import cadence_slots, network_plan_slots, network_plan_year
from meetings.selectors import network_cadence, network_cadence_overview, network_past_hosts
from meetings.tests.factories import MeetingFactory, VenueFactory, local
from netvaerk.tests.factories import NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NOW = local(dt.date(2026, 6, 1), 12, 0)


def meeting(network, start, *, minutes=120, **fields):
    return MeetingFactory(
        network=network,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=minutes),
        registration_deadline=start - dt.timedelta(days=3),
        **fields,
    )


@pytest.fixture
def network(db):
    return NetworkFactory(virtual_meetings_per_year=1, physical_meetings_per_year=2)


def test_cadence_counts_by_copenhagen_calendar_year_across_the_new_year(network):
    # 00.30 on 1 January 2026 in Copenhagen is still 31 December 2025 in UTC: it belongs to 2026.
    new_years_night = meeting(network, local(dt.date(2026, 1, 1), 0, 30), minutes=60)
    assert new_years_night.starts_at.astimezone(dt.UTC).year == 2025
    # 22.00 on New Year's Eve 2025 ends after midnight but started in 2025.
    meeting(network, local(dt.date(2025, 12, 31), 22, 0), minutes=180)
    # An online meeting on New Year's Eve 2026, late, is planned for 2026.
    meeting(network, local(dt.date(2026, 12, 31), 22, 30), minutes=60, format=MeetingFormat.ONLINE)

    year_2025 = network_cadence(network=network, year=2025, now=NOW)
    year_2026 = network_cadence(network=network, year=2026, now=NOW)

    assert (year_2025.physical_held, year_2025.physical_planned, year_2025.virtual_total) == (1, 0, 0)
    assert (year_2026.physical_held, year_2026.physical_planned) == (1, 0)
    assert (year_2026.virtual_held, year_2026.virtual_planned) == (0, 1)
    assert year_2026.physical_missing == 1 and year_2026.virtual_missing == 0
    assert year_2026.is_behind


def test_cadence_counts_hybrid_as_physical_drafts_as_planned_and_skips_cancelled(network):
    meeting(network, local(dt.date(2026, 3, 5), 13, 0), format=MeetingFormat.HYBRID)
    meeting(network, local(dt.date(2026, 9, 3), 13, 0), status=MeetingStatus.DRAFT)
    meeting(network, local(dt.date(2026, 10, 1), 13, 0), status=MeetingStatus.CANCELLED)
    meeting(network, local(dt.date(2026, 2, 5), 13, 0), status=MeetingStatus.DRAFT)  # a past draft was never held
    meeting(network, local(dt.date(2026, 11, 5), 9, 0), format=MeetingFormat.ONLINE)
    cadence = network_cadence(network=network, year=2026, now=NOW)
    assert (cadence.physical_held, cadence.physical_planned, cadence.drafts) == (1, 1, 1)
    assert (cadence.virtual_held, cadence.virtual_planned) == (0, 1)
    assert not cadence.is_behind


def test_other_networks_meetings_do_not_count(network):
    meeting(NetworkFactory(), local(dt.date(2026, 3, 5), 13, 0))
    assert network_cadence(network=network, year=2026, now=NOW).physical_total == 0


def test_overview_puts_networks_behind_plan_first_in_one_query(network, django_assert_num_queries):
    on_plan = NetworkFactory(name="Aaa på plan", virtual_meetings_per_year=0, physical_meetings_per_year=1)
    meeting(on_plan, local(dt.date(2026, 3, 5), 13, 0))
    for index in range(5):
        other = NetworkFactory(virtual_meetings_per_year=0, physical_meetings_per_year=1)
        meeting(other, local(dt.date(2026, 4, 2 + index), 13, 0))
    with django_assert_num_queries(1):
        rows = network_cadence_overview(year=2026, now=NOW)
    assert rows[0].network == network and rows[0].missing == 3
    assert {row.network for row in rows if not row.is_behind} >= {on_plan}


def test_cadence_slots_spread_one_virtual_between_two_physical_on_thursdays():
    slots = cadence_slots(virtual=1, physical=2, year=2027)
    assert [slot.format for slot in slots] == [MeetingFormat.IN_PERSON, MeetingFormat.ONLINE, MeetingFormat.IN_PERSON]
    assert all(slot.starts_on.year == 2027 and slot.starts_on.weekday() == 3 for slot in slots)
    assert [slot.starts_on.month for slot in slots] == [3, 8, 11]  # spring, after the summer holidays, autumn
    assert [slot.number for slot in slots] == [1, 2, 3] and {slot.count for slot in slots} == {3}


@pytest.mark.parametrize(("virtual", "physical"), [(0, 2), (2, 4), (1, 0), (4, 8), (0, 12)])
def test_cadence_slots_avoid_july_and_late_december(virtual, physical):
    slots = cadence_slots(virtual=virtual, physical=physical, year=2027)
    assert len(slots) == virtual + physical
    assert sum(1 for slot in slots if not slot.is_physical) == virtual
    for slot in slots:
        assert slot.starts_on.month != 7 and not (slot.starts_on.month == 12 and slot.starts_on.day > 15)
    assert [slot.starts_on for slot in slots] == sorted(slot.starts_on for slot in slots)


def test_plan_next_year_creates_the_missing_drafts_with_hosts_in_turn(network):
    first, second = OrganisationFactory(name="Høje Gladsaxe"), OrganisationFactory(name="Tingbjerg")
    venue = VenueFactory(host_organisation=first, name="Beboerhuset")
    created = network_plan_year(network=network, year=2027, hosts=[first, second], by=None)
    assert len(created) == 3
    assert {meeting.status for meeting in created} == {MeetingStatus.DRAFT}
    assert all(meeting.purpose == "" for meeting in created), "the working group writes the why"
    physical = [meeting for meeting in created if meeting.format != MeetingFormat.ONLINE]
    assert [meeting.host_organisation for meeting in physical] == [first, second]
    assert physical[0].venue == venue
    online = next(meeting for meeting in created if meeting.format == MeetingFormat.ONLINE)
    assert online.host_organisation is None and online.duration == dt.timedelta(minutes=90)
    assert physical[0].duration == dt.timedelta(minutes=150)
    assert all(meeting.code.startswith("27-") for meeting in created)


def test_plan_next_year_twice_creates_nothing_more(network):
    network_plan_year(network=network, year=2027, by=None)
    assert network_plan_year(network=network, year=2027, by=None) == []
    assert Meeting.objects.filter(network=network).count() == 3


def test_plan_fills_only_what_existing_meetings_leave(network):
    meeting(network, local(dt.date(2027, 4, 8), 13, 0))  # one physical meeting already planned
    slots = network_plan_slots(network=network, year=2027)
    assert sorted(slot.format for slot in slots) == [MeetingFormat.IN_PERSON, MeetingFormat.ONLINE]
    assert all(slot.starts_on.month != 3 for slot in slots), "the spring slot is taken by the April meeting"


def test_past_hosts_lists_held_public_meetings_most_recent_first(network):
    gladsaxe, tingbjerg = OrganisationFactory(name="Høje Gladsaxe"), OrganisationFactory(name="Tingbjerg")
    meeting(network, local(dt.date(2021, 10, 14), 13, 0), host_organisation=gladsaxe)
    meeting(network, local(dt.date(2023, 4, 20), 13, 0), host_organisation=tingbjerg)
    meeting(network, local(dt.date(2024, 4, 18), 13, 0), host_organisation=gladsaxe)
    meeting(network, local(dt.date(2024, 9, 5), 13, 0), host_organisation=tingbjerg, status=MeetingStatus.CANCELLED)
    meeting(network, timezone.now() + dt.timedelta(days=30), host_organisation=OrganisationFactory())
    hosts = network_past_hosts(network=network)
    assert [(h.organisation, h.times, h.last_hosted.date()) for h in hosts] == [
        (gladsaxe, 2, dt.date(2024, 4, 18)),
        (tingbjerg, 1, dt.date(2023, 4, 20)),
    ]


# --- The network page -----------------------------------------------------------------------


def test_network_page_shows_terms_of_reference_and_past_hosts(client, network):
    network.terms_composition = "Fagfolk fra kommunen og afdelingsbestyrelserne."
    network.terms_responsibility = "Rådgivende, udviklende og koordinerende."
    network.terms_tasks = "Sparring på tværs\n• Erfaringsudveksling"
    network.save()
    host = OrganisationFactory(name="VibySyd boligsocial indsats")
    meeting(network, local(dt.date(2022, 4, 21), 9, 30), host_organisation=host)
    body = client.get(network.get_absolute_url()).content.decode()
    assert "Rådgivende, udviklende og koordinerende." in body
    assert "<li>Erfaringsudveksling</li>" in body
    assert "VibySyd boligsocial indsats" in body and "21.04.2022" in body


@time_machine.travel(NOW)
def test_network_page_shows_cadence_to_its_staff_only(client, network):
    from members.tests.factories import ConsultantFactory

    meeting(network, timezone.now() + dt.timedelta(days=1))
    assert "cadence-table" not in Client().get(network.get_absolute_url()).content.decode()
    consultant = ConsultantFactory()
    client.force_login(consultant)
    # A consultant of another network does not get it (the access policy) ...
    assert "cadence-table" not in client.get(network.get_absolute_url()).content.decode()
    network.working_group.add(consultant)
    body = client.get(network.get_absolute_url()).content.decode()
    assert "cadence-table" in body
    assert 'data-missing="2"' in body  # 1 virtual and 2 physical planned, one physical held or planned
