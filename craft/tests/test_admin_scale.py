"""The craft's admin pages read as many queries whichever related rows are set (README "Data scale")."""

import pytest
from django.utils import timezone

from craft.enums import ProposalStatus
from craft.tests.factories import AgendaProposalFactory, IdeaCommentFactory, IdeaFactory
from meetings.tests.factories import AgendaItemFactory
from members.tests.factories import UserFactory
from netvaerk.tests.support import page_queries

pytestmark = pytest.mark.django_db

PROPOSAL = "/admin/craft/agendaproposal/{}/change/"


def test_proposal_change_form_reads_as_many_queries_open_as_planned(admin_client):
    open_one = AgendaProposalFactory(author=None)
    item = AgendaItemFactory()
    planned = AgendaProposalFactory(
        network=item.meeting.network,
        status=ProposalStatus.PLANNED,
        meeting=item.meeting,
        agenda_item=item,
        decided_by=UserFactory(),
        decided_at=timezone.now(),
    )
    assert page_queries(admin_client, PROPOSAL.format(open_one.pk)) == page_queries(
        admin_client, PROPOSAL.format(planned.pk)
    )


def test_proposal_list_reads_as_many_queries_for_10_as_for_1(admin_client):
    AgendaProposalFactory()
    one = page_queries(admin_client, "/admin/craft/agendaproposal/")
    AgendaProposalFactory.create_batch(9)
    assert page_queries(admin_client, "/admin/craft/agendaproposal/") == one


def test_idea_change_form_reads_as_many_queries_with_1_and_10_comments(admin_client):
    """The comments inline shows each comment's author: read with the comments, not once a row."""
    one, ten = IdeaFactory(), IdeaFactory()
    IdeaCommentFactory(idea=one)
    IdeaCommentFactory.create_batch(10, idea=ten)
    url = "/admin/craft/idea/{}/change/"
    assert page_queries(admin_client, url.format(one.pk)) == page_queries(admin_client, url.format(ten.pk))
