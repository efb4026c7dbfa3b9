"""The craft in the admin: its models, the network admin's cadence and action, the meeting admin's planning help."""

import pytest
from django.contrib import admin
from django.urls import reverse

from craft.models import AgendaProposal, Evaluation, Idea
from craft.tests.factories import AgendaProposalFactory, EvaluationFactory, IdeaFactory
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import OrganisationFactory

# These test the planning work, not who may do it (netvaerk/tests/test_access_walk.py does).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("consultant_plans_all_networks")]


@pytest.mark.parametrize(
    ("model", "factory"),
    [(Idea, IdeaFactory), (AgendaProposal, AgendaProposalFactory), (Evaluation, EvaluationFactory)],
)
def test_craft_admin_pages_open_for_consultant(consultant_client, model, factory):
    obj = factory()
    name = f"admin:craft_{model._meta.model_name}"
    assert consultant_client.get(reverse(f"{name}_changelist")).status_code == 200
    assert consultant_client.get(reverse(f"{name}_changelist") + "?q=a").status_code == 200
    assert consultant_client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200


def test_evaluations_are_read_only_in_the_admin(consultant_client):
    model_admin = admin.site._registry[Evaluation]
    assert "registration" not in model_admin.fields  # the list and form show no participant name


def test_network_admin_shows_this_years_meetings_against_the_plan(consultant_client, network):
    response = consultant_client.get(reverse("admin:netvaerk_network_changelist"))
    assert response.status_code == 200
    assert "⚠" in response.content.decode()  # nothing planned: behind plan


def test_network_admin_action_plan_next_year_opens_the_plan(consultant_client, network):
    response = consultant_client.post(
        reverse("admin:netvaerk_network_changelist"),
        {"action": "plan_next_year", admin.helpers.ACTION_CHECKBOX_NAME: [network.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("craft:plan_year", args=[network.slug])


def test_meeting_admin_suggests_hosts_and_shows_open_proposals(consultant_client, network, make_member):
    make_member("ribe@example.dk", organisation=OrganisationFactory(name="Boligsocial indsats Ribe/Bramming"))
    AgendaProposalFactory(network=network)
    meeting = MeetingFactory(network=network, draft=True)
    response = consultant_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    body = response.content.decode()
    assert "Boligsocial indsats Ribe/Bramming" in body
    assert reverse("craft:proposals", args=[network.slug]) in body


def test_meeting_admin_add_page_opens_with_planning_help(consultant_client):
    assert consultant_client.get(reverse("admin:meetings_meeting_add")).status_code == 200
