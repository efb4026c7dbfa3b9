"""Staff pages: the cadence of all networks and "plan next year"."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from meetings.enums import MeetingFormat, MeetingStatus
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory, local
from netvaerk.tests.factories import NetworkFactory, OrganisationFactory

# These test the planning work, not who may do it (netvaerk/tests/test_access_walk.py does).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("consultant_plans_all_networks")]

NOW = local(dt.date(2026, 6, 1), 12, 0)


@time_machine.travel(NOW)
def test_cadence_overview_shows_which_networks_are_behind(consultant_client, network):
    on_plan = NetworkFactory(name="Sociale viceværter", virtual_meetings_per_year=0, physical_meetings_per_year=1)
    MeetingFactory(
        network=on_plan,
        starts_at=local(dt.date(2026, 3, 5), 9, 30),
        ends_at=local(dt.date(2026, 3, 5), 15, 0),
        registration_deadline=local(dt.date(2026, 3, 1), 12, 0),
    )
    response = consultant_client.get(reverse("craft:cadence"))
    assert response.status_code == 200
    rows = {row.network: row for row in response.context["rows"]}
    assert rows[network].is_behind and rows[network].missing == 3
    assert not rows[on_plan].is_behind
    assert response.context["behind"] >= 1
    body = response.content.decode()
    assert f'data-network="{network.slug}" data-missing="3"' in body


def test_cadence_overview_of_another_year(consultant_client, network):
    response = consultant_client.get(reverse("craft:cadence"), {"aar": "2031"})
    assert response.context["year"] == 2031


def test_cadence_overview_is_for_staff(client, login, network, member):
    assert client.get(reverse("craft:cadence")).status_code == 302
    assert login(member).get(reverse("craft:cadence")).status_code == 403


@time_machine.travel(NOW)
def test_plan_next_year_proposes_the_cadence_with_suggested_hosts_and_creates_drafts(
    consultant_client, network, make_member
):
    ribe, gladsaxe = OrganisationFactory(name="Ribe/Bramming"), OrganisationFactory(name="Høje Gladsaxe")
    make_member("ribe@example.dk", organisation=ribe)
    make_member("gladsaxe@example.dk", organisation=gladsaxe)
    MeetingFactory(
        network=network,
        host_organisation=gladsaxe,
        starts_at=local(dt.date(2026, 3, 5), 13, 0),
        ends_at=local(dt.date(2026, 3, 5), 15, 0),
        registration_deadline=local(dt.date(2026, 3, 1), 12, 0),
    )
    url = reverse("craft:plan_year", args=[network.slug])
    page = consultant_client.get(url)
    assert page.status_code == 200 and page.context["year"] == 2027
    formset = page.context["formset"]
    initial = [form.initial for form in formset.forms]
    assert [row["format"] for row in initial] == [
        MeetingFormat.IN_PERSON,
        MeetingFormat.ONLINE,
        MeetingFormat.IN_PERSON,
    ]
    assert [row["host"] for row in initial] == [ribe, None, gladsaxe]  # never hosted first
    assert [s.organisation for s in page.context["suggestions"]] == [ribe, gladsaxe]

    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3"}
    for index, row in enumerate(initial):
        data.update(
            {
                f"form-{index}-create": "on" if index != 1 else "",
                f"form-{index}-starts_on": row["starts_on"].isoformat(),
                f"form-{index}-format": row["format"],
                f"form-{index}-host": row["host"].pk if row["host"] else "",
                f"form-{index}-number": row["number"],
                f"form-{index}-count": row["count"],
            }
        )
    data["form-2-starts_on"] = "2027-10-14"
    response = consultant_client.post(url, data)
    assert response.status_code == 302
    drafts = list(Meeting.objects.filter(network=network, starts_at__year=2027).order_by("starts_at"))
    assert [(m.status, m.host_organisation, m.local_start.date()) for m in drafts] == [
        (MeetingStatus.DRAFT, ribe, initial[0]["starts_on"]),
        (MeetingStatus.DRAFT, gladsaxe, dt.date(2027, 10, 14)),
    ]
    # The virtual meeting was left out, so it is still proposed.
    again = consultant_client.get(url)
    assert [form.initial["format"] for form in again.context["formset"].forms] == [MeetingFormat.ONLINE]


def test_plan_refuses_a_day_outside_the_year(consultant_client, network):
    url = reverse("craft:plan_year", args=[network.slug]) + "?aar=2027"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-create": "on",
        "form-0-starts_on": "2028-01-06",
        "form-0-format": MeetingFormat.IN_PERSON,
        "form-0-host": "",
        "form-0-number": "1",
        "form-0-count": "1",
    }
    assert consultant_client.post(url, data).status_code == 400
    assert not Meeting.objects.exists()


def test_plan_next_year_needs_the_right_to_add_meetings(client, login, network, member):
    url = reverse("craft:plan_year", args=[network.slug])
    assert client.get(url).status_code == 302
    assert login(member).get(url).status_code == 403
