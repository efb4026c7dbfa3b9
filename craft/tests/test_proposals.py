"""Agenda proposals: members propose topics; the working group puts one on a programme with one click."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from craft import services
from craft.enums import ProposalStatus
from craft.models import AgendaProposal
from craft.tests.factories import AgendaProposalFactory
from meetings.enums import AgendaItemKind, MeetingStatus
from meetings.models import AgendaItem
from meetings.services import programme_warnings
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def coming(network):
    day = timezone.localdate() + dt.timedelta(days=30)
    meeting = MeetingFactory(
        network=network,
        status=MeetingStatus.DRAFT,
        starts_at=local(day, 13, 0),
        ends_at=local(day, 15, 30),
        registration_deadline=local(day - dt.timedelta(days=7), 12, 0),
    )
    AgendaItemFactory(meeting=meeting, start_time=dt.time(13, 0), end_time=dt.time(13, 30), kind=AgendaItemKind.TALK)
    AgendaItemFactory(
        meeting=meeting, start_time=dt.time(13, 30), end_time=dt.time(14, 30), kind=AgendaItemKind.GROUP_WORK
    )
    return meeting


def test_member_proposes_a_topic(login, network, member):
    response = login(member).post(
        reverse("craft:proposals", args=[network.slug]),
        {
            "title": "  Hvordan holder vi fast i unge frivillige? ",
            "description": "De stopper, når de starter på en uddannelse.",
        },
    )
    assert response.status_code == 302
    proposal = AgendaProposal.objects.get()
    assert (proposal.title, proposal.author, proposal.status) == (
        "Hvordan holder vi fast i unge frivillige?",
        member,
        ProposalStatus.OPEN,
    )


def test_working_group_puts_a_proposal_on_the_programme_with_one_click(login, network, planner, coming):
    proposal = AgendaProposalFactory(network=network, title="Unge frivillige", description="Erfaringer, tak.")
    client = login(planner)
    page = client.get(reverse("craft:proposals", args=[network.slug]))
    assert coming in page.context["planning_meetings"]
    response = client.post(reverse("craft:proposal_plan", args=[network.slug, proposal.pk]), {"meeting": coming.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    item = AgendaItem.objects.get(meeting=coming, title="Unge frivillige")
    assert proposal.status == ProposalStatus.PLANNED
    assert (proposal.meeting, proposal.agenda_item, proposal.decided_by) == (coming, item, planner)
    # After the last point, as group work of half an hour, with the member's text.
    assert (item.start_time, item.end_time, item.kind) == (dt.time(14, 30), dt.time(15, 0), AgendaItemKind.GROUP_WORK)
    assert item.description == "Erfaringer, tak."


def test_second_click_makes_no_second_agenda_item(login, network, planner, coming):
    proposal = AgendaProposalFactory(network=network)
    client = login(planner)
    url = reverse("craft:proposal_plan", args=[network.slug, proposal.pk])
    client.post(url, {"meeting": coming.pk})
    client.post(url, {"meeting": coming.pk})
    assert AgendaItem.objects.filter(meeting=coming).count() == 3


def test_a_topic_that_runs_over_is_saved_and_the_programme_check_says_so(network, coordinator, coming):
    AgendaItemFactory(meeting=coming, start_time=dt.time(14, 30), end_time=dt.time(15, 30), kind=AgendaItemKind.WRAP_UP)
    proposal = AgendaProposalFactory(network=network)
    item = services.agenda_proposal_plan(proposal=proposal, meeting=coming, by=coordinator)
    assert item.start_time == dt.time(15, 30)
    assert "outside" in [warning.code for warning in programme_warnings(meeting=coming)]


def test_plain_member_cannot_plan(login, network, member, coming):
    proposal = AgendaProposalFactory(network=network)
    response = login(member).post(
        reverse("craft:proposal_plan", args=[network.slug, proposal.pk]), {"meeting": coming.pk}
    )
    assert response.status_code == 403
    assert AgendaItem.objects.filter(meeting=coming).count() == 2


def test_meeting_of_another_network_or_past_meeting_is_refused(login, network, planner, coordinator):
    proposal = AgendaProposalFactory(network=network)
    client = login(planner)
    url = reverse("craft:proposal_plan", args=[network.slug, proposal.pk])
    client.post(url, {"meeting": MeetingFactory().pk})
    client.post(url, {"meeting": MeetingFactory(network=network, past=True).pk})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    with pytest.raises(services.CraftError):
        services.agenda_proposal_plan(
            proposal=proposal, meeting=MeetingFactory(network=network, past=True), by=coordinator
        )


def test_working_group_sets_a_proposal_aside_and_the_author_may_withdraw(login, network, member, planner):
    aside = AgendaProposalFactory(network=network)
    own = AgendaProposalFactory(network=network, author=member)
    someone_elses = AgendaProposalFactory(network=network)
    assert login(planner).post(reverse("craft:proposal_decline", args=[network.slug, aside.pk])).status_code == 302
    client = login(member)
    assert client.post(reverse("craft:proposal_decline", args=[network.slug, own.pk])).status_code == 302
    assert client.post(reverse("craft:proposal_decline", args=[network.slug, someone_elses.pk])).status_code == 403
    statuses = dict(AgendaProposal.objects.values_list("pk", "status"))
    assert statuses == {aside.pk: "declined", own.pk: "declined", someone_elses.pk: "open"}


def test_network_working_group_field_and_its_consultants_may_plan(network, member, consultant, coming):
    from members.access import can_plan

    assert not can_plan(user=member, network=network)
    network.working_group.add(member)
    assert can_plan(user=member, network=network)
    # A consultant plans the networks they coordinate or plan in the working group, not every network.
    assert not can_plan(user=consultant, network=network)
    network.working_group.add(consultant)
    assert can_plan(user=consultant, network=network)


def test_outsider_cannot_propose(login, network, outsider):
    response = login(outsider).post(reverse("craft:proposals", args=[network.slug]), {"title": "Noget"})
    assert response.status_code == 403
    assert not AgendaProposal.objects.exists()


def test_planners_see_open_proposals_oldest_first(login, network, planner, coming):
    AgendaProposalFactory(network=network, title="Først")
    AgendaProposalFactory(network=network, title="Bagefter")
    AgendaProposalFactory(network=network, title="Sat til side", status=ProposalStatus.DECLINED)
    page = login(planner).get(reverse("craft:proposals", args=[network.slug]))
    assert [p.title for p in page.context["open"]] == ["Først", "Bagefter"]
    assert [p.title for p in page.context["decided"]] == ["Sat til side"]
    assert (
        page.content.decode().count(reverse("craft:proposal_plan", args=[network.slug, page.context["open"][0].pk]))
        == 1
    )


def test_proposals_page_keeps_its_query_count(login, network, planner, coming):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(planner)
    url = reverse("craft:proposals", args=[network.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    AgendaProposalFactory(network=network)
    before = count()
    AgendaProposalFactory.create_batch(6, network=network)
    AgendaProposalFactory.create_batch(3, network=network, status=ProposalStatus.PLANNED, meeting=coming)
    MeetingFactory.create_batch(3, network=network)
    assert count() == before
