"""A network's public pages (pages/networks.py): the page, the list's filters, hidden networks, query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local
from netvaerk.tests.factories import NetworkFactory, TargetGroupFactory, ThemeFactory, WorkAreaFactory

from .support import page_facts, page_queries, page_text

pytestmark = pytest.mark.django_db


def test_network_page_shows_cadence_and_contact(client, demo):
    response = client.get("/netvaerk/lokalsamfund-medborgerskab/")
    text = page_text(response)
    assert "Lokalsamfund & medborgerskab" in text
    cadence = next(fact for fact in page_facts(response) if "Et virtuelt og to fysiske møder årligt." in fact)
    assert re.match(r"1\D+2\D", cadence), cadence  # 1 virtual and 2 physical meetings a year
    assert "Nils Thylander" in text
    assert "npe@netvaerk.example" in text
    assert "33 76 20 00" in text
    assert '<html lang="da">' in response.content.decode()


def test_network_page_shows_next_meeting_and_hides_drafts(client, demo):
    response = client.get("/netvaerk/lokalsamfund-medborgerskab/")
    text = page_text(response)
    next_meeting = response.context["next_meeting"]
    assert next_meeting.title == "Hvem ejer idéerne? Lokalsamfund og beboerinddragelse"
    assert timezone.localtime(next_meeting.starts_at).strftime("%d.%m.%Y") in text
    assert "Forårsmøde (kladde)" not in text
    # The historical meeting in Høje Gladsaxe is listed among earlier meetings.
    assert "Unge, fritid og demokrati" in text
    assert "14.10.2021" in text


def test_network_page_hidden_network_not_found(client):
    network = NetworkFactory(is_public=False)
    assert client.get(network.get_absolute_url()).status_code == 404
    assert client.get(reverse("public:network_calendar", args=[network.slug])).status_code == 404


def _network_names(response):
    assert response.status_code == 200
    return sorted(network.name for network in response.context["networks"])


def test_network_list_filters_by_work_area_target_group_and_theme(client, db):
    health, jobs = WorkAreaFactory(name="Sundhed"), WorkAreaFactory(name="Beskæftigelse")
    caretakers, boards = TargetGroupFactory(name="Sociale viceværter"), TargetGroupFactory(name="Afdelingsbestyrelser")
    families, neighbours = ThemeFactory(name="Familier"), ThemeFactory(name="Naboskab")
    NetworkFactory(name="Alfa", work_areas=[health], target_groups=[caretakers], theme=families)
    NetworkFactory(name="Beta", work_areas=[jobs, health], target_groups=[boards], theme=neighbours)
    NetworkFactory(name="Gamma", work_areas=[jobs], target_groups=[boards, caretakers], theme=families)
    NetworkFactory(name="Lukket", work_areas=[health], is_public=False)
    url = reverse("public:network_list")

    assert _network_names(client.get(url)) == ["Alfa", "Beta", "Gamma"]
    assert _network_names(client.get(url, {"work_area": health.slug})) == ["Alfa", "Beta"]
    assert _network_names(client.get(url, {"target_group": caretakers.slug})) == ["Alfa", "Gamma"]
    assert _network_names(client.get(url, {"theme": families.slug})) == ["Alfa", "Gamma"]
    assert _network_names(client.get(url, {"work_area": jobs.slug, "theme": families.slug})) == ["Gamma"]
    text = page_text(client.get(url, {"work_area": health.slug}))
    assert "Alfa" in text and "Beta" in text and "Gamma" not in text


def test_network_list_unknown_filter_value_shows_form_error_not_crash(client, db):
    NetworkFactory(name="Alfa")
    response = client.get(reverse("public:network_list"), {"theme": "findes-ikke"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_network_page_queries_do_not_grow_with_meetings_or_programme(client):
    small, large = NetworkFactory(), NetworkFactory()
    meeting = MeetingFactory(network=small)
    AgendaItemFactory(meeting=meeting)
    MeetingFactory(network=small, past=True)
    for index in range(10):
        meeting = MeetingFactory(network=large, starts_at=local(timezone.localdate() + dt.timedelta(days=5 + index), 9))
        AgendaItemFactory.create_batch(20 if index == 0 else 2, meeting=meeting)
        MeetingFactory(network=large, past=True)
    large.work_areas.set(WorkAreaFactory.create_batch(5))
    large.target_groups.set(TargetGroupFactory.create_batch(5))
    assert page_queries(client, small.get_absolute_url()) == page_queries(client, large.get_absolute_url())


def test_network_list_queries_do_not_grow_with_networks(client, db):
    NetworkFactory(work_areas=[WorkAreaFactory()], target_groups=[TargetGroupFactory()])
    few = page_queries(client, reverse("public:network_list"))
    for _ in range(10):
        NetworkFactory(work_areas=WorkAreaFactory.create_batch(2), target_groups=TargetGroupFactory.create_batch(2))
    assert page_queries(client, reverse("public:network_list")) == few
