"""The demo shows the meeting craft on its networks and meetings, and loads twice without duplicates."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse

from craft.selectors import host_suggestions, network_evaluations
from demo.load import load_demo
from demo.logins import CONSULTANT_EMAIL, MEMBER_EMAIL
from meetings.models import Meeting
from netvaerk.models import Network

pytestmark = pytest.mark.django_db

CRAFT = ["craft.Idea", "craft.IdeaComment", "craft.AgendaProposal", "craft.Evaluation", "registration.Registration"]


def _counts():
    return {label: apps.get_model(label).objects.count() for label in CRAFT}


def test_demo_craft_rows_load_twice_without_duplicates():
    load_demo(today=dt.date(2026, 11, 23))
    first = _counts()
    load_demo(today=dt.date(2026, 11, 23))
    assert _counts() == first
    load_demo(today=dt.date(2027, 2, 1))
    assert _counts() == first
    assert first["craft.Idea"] >= 4 and first["craft.Evaluation"] >= 10


def test_demo_resource_networks_carry_terms_of_reference(client, demo):
    for key in ("familier", "uddannelse", "naboskab"):
        network = Network.objects.get(slug=f"ressourcenetvaerk-{key}")
        assert network.has_terms and len(network.terms_task_list) == 6
    body = client.get("/netvaerk/ressourcenetvaerk-naboskab/").content.decode()
    assert "Sundhedshuset" in body and 'id="terms-heading"' in body


def test_demo_network_shows_host_history_and_suggests_the_member_who_never_hosted(client, demo):
    lokal = Network.objects.get(slug="lokalsamfund-medborgerskab")
    body = client.get(lokal.get_absolute_url()).content.decode()
    assert 'id="hosts-heading"' in body and "Albertslund Kommune" in body
    assert host_suggestions(network=lokal)[0].organisation.name == "Boligsocial indsats Ribe/Bramming"


def test_demo_shows_evaluations_ideas_and_proposals_in_the_group_space(client, demo):
    lokal = Network.objects.get(slug="lokalsamfund-medborgerskab")
    rated = [row for row in network_evaluations(network=lokal) if row.answers]
    assert len(rated) == 3, "evaluations of three past meetings: results over time"
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    ideas = client.get(reverse("craft:ideas", args=[lokal.slug]))
    assert len(ideas.context["ideas"]) >= 4
    proposals = client.get(reverse("craft:proposals", args=[lokal.slug]))
    assert len(proposals.context["open"]) == 2 and proposals.context["decided"][0].meeting is not None
    client.force_login(get_user_model().objects.get(email=CONSULTANT_EMAIL))
    assert client.get(reverse("craft:evaluations", args=[lokal.slug])).status_code == 200


def test_demo_seed_meeting_preview_shows_the_programme_check_to_staff(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email=CONSULTANT_EMAIL))
    body = client.get("/moeder/21-374/").content.decode()
    for code in ("too_long", "too_many_items", "overlap"):
        assert f'data-code="{code}"' in body


def test_demo_recent_meeting_has_attendance_and_no_minutes(demo):
    meeting = Meeting.objects.get(title="Frivillige, foreninger og de beboere, vi ikke når")
    assert meeting.registrations.filter(attended=True).count() == 12
    assert not hasattr(meeting, "minutes_record")
