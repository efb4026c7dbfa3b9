"""Host rotation: member organisations that have not hosted for the longest time come first."""

import datetime as dt

import pytest

from craft.selectors import host_suggestions
from meetings.enums import MeetingStatus
from meetings.tests.factories import MeetingFactory, local
from members.enums import MembershipStatus
from netvaerk.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def hosted(network, organisation, day, **fields):
    return MeetingFactory(
        network=network,
        host_organisation=organisation,
        starts_at=local(day, 13, 0),
        ends_at=local(day, 15, 30),
        registration_deadline=local(day - dt.timedelta(days=7), 12, 0),
        **fields,
    )


def test_never_hosted_first_then_longest_since_hosting(network, make_member):
    gladsaxe = OrganisationFactory(name="Høje Gladsaxe")
    tingbjerg = OrganisationFactory(name="Tingbjerg")
    ribe = OrganisationFactory(name="Ribe/Bramming")
    albertslund = OrganisationFactory(name="Albertslund Kommune")
    for index, org in enumerate([gladsaxe, tingbjerg, ribe, albertslund]):
        make_member(f"m{index}@example.dk", organisation=org)
    make_member("kollega@example.dk", organisation=gladsaxe)  # two members, one organisation
    hosted(network, gladsaxe, dt.date(2021, 10, 14))
    hosted(network, albertslund, dt.date(2022, 5, 12))
    hosted(network, gladsaxe, dt.date(2024, 3, 7))
    hosted(network, tingbjerg, dt.date(2030, 4, 25), status=MeetingStatus.DRAFT)  # a planned turn counts
    rows = host_suggestions(network=network)
    assert [row.organisation for row in rows] == [ribe, albertslund, gladsaxe, tingbjerg]
    assert rows[0].never_hosted
    assert (rows[2].times, rows[2].last_hosted.date()) == (2, dt.date(2024, 3, 7))


def test_cancelled_meetings_and_other_networks_do_not_count(network, make_member):
    vibysyd, rosenhoej = OrganisationFactory(name="VibySyd"), OrganisationFactory(name="Rosenhøj")
    make_member("a@example.dk", organisation=vibysyd)
    make_member("b@example.dk", organisation=rosenhoej)
    hosted(network, vibysyd, dt.date(2025, 3, 6), status=MeetingStatus.CANCELLED)
    hosted(None, rosenhoej, dt.date(2025, 3, 6))
    hosted(network, rosenhoej, dt.date(2020, 3, 5))
    rows = host_suggestions(network=network)
    assert [(row.organisation, row.times) for row in rows] == [(vibysyd, 0), (rosenhoej, 1)]


def test_only_organisations_of_active_members(network, make_member):
    active = OrganisationFactory(name="Aktiv")
    make_member("aktiv@example.dk", organisation=active)
    make_member("spurgt@example.dk", organisation=OrganisationFactory(name="Spurgt"), status=MembershipStatus.REQUESTED)
    make_member("gik@example.dk", organisation=OrganisationFactory(name="Gået"), status=MembershipStatus.LEFT)
    hosted(network, OrganisationFactory(name="Ekstern vært"), dt.date(2024, 3, 7))
    assert [row.organisation for row in host_suggestions(network=network)] == [active]


def test_suggestions_take_one_query(network, make_member, django_assert_num_queries):
    for index in range(6):
        org = OrganisationFactory()
        make_member(f"n{index}@example.dk", organisation=org)
        hosted(network, org, dt.date(2020 + index, 3, 5))
    with django_assert_num_queries(1):
        assert len(host_suggestions(network=network, limit=3)) == 3
