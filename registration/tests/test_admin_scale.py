"""The registration and meeting admins at ten years of data (README "Data scale"): the same answers
with filters that do not list every meeting, a search that uses its indexes, counts per page."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from netvaerk.admin_scale import CappedCountPaginator
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.support import query_plan
from registration.enums import ExportKind, RegistrationChannel, RegistrationStatus
from registration.models import ExportLog
from registration.tests.factories import RegistrationFactory

LIST = "/admin/registration/registration/"


def _choices(response, title):
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        if str(spec.title) == title:
            return [choice["display"] for choice in spec.choices(changelist)][1:]
    return None


def _names(response):
    return sorted(registration.name for registration in response.context["cl"].result_list)


def test_search_finds_by_own_fields_and_by_the_meetings_code_and_title(secretariat_client):
    cafe = MeetingFactory(title="Fællesspisning i Gellerup")
    other = MeetingFactory(title="Sommerfest")
    RegistrationFactory(meeting=cafe, name="Anne Holm")
    RegistrationFactory(meeting=other, name="Anne Berg", organisation="Gellerup Boligforening")
    RegistrationFactory(meeting=other, name="Bo Dam")

    assert _names(secretariat_client.get(LIST, {"q": "gellerup"})) == ["Anne Berg", "Anne Holm"]
    assert _names(secretariat_client.get(LIST, {"q": other.code})) == ["Anne Berg", "Bo Dam"]
    # Each word on its own: a name and a meeting's title together, as Django's search does.
    assert _names(secretariat_client.get(LIST, {"q": "anne sommerfest"})) == ["Anne Berg"]
    assert _names(secretariat_client.get(LIST, {"q": '"Bo Dam"'})) == ["Bo Dam"]
    assert _names(secretariat_client.get(LIST, {"q": "ingen-saadan"})) == []


def test_meeting_filter_lists_the_meetings_of_the_chosen_network_and_the_workshops_of_the_chosen_meeting(
    secretariat_client,
):
    network, other = NetworkFactory(name="Boligsocial"), NetworkFactory(name="Andet")
    mine = MeetingFactory(network=network, title="Mit møde")
    second = MeetingFactory(network=network, title="Mit andet møde")
    theirs = MeetingFactory(network=other, title="Andres møde")
    workshop = WorkshopFactory(meeting=mine, title="Madklub")
    WorkshopFactory(meeting=theirs, title="Gåtur")
    RegistrationFactory(meeting=mine, workshop=workshop, name="Anne")
    RegistrationFactory(meeting=theirs, name="Bo")

    unfiltered = secretariat_client.get(LIST)
    assert _choices(unfiltered, "møde") is None and _choices(unfiltered, "tildelt workshop") is None
    assert {"Boligsocial", "Andet"} <= set(_choices(unfiltered, "netværk"))

    by_network = secretariat_client.get(LIST, {"meeting__network__id__exact": network.pk})
    assert sorted(_choices(by_network, "møde")) == sorted([str(mine), str(second)])
    assert _names(by_network) == ["Anne"]

    # The link from a meeting's row: the meeting is listed as chosen (and filters), its workshops too.
    by_meeting = secretariat_client.get(LIST, {"meeting__id__exact": theirs.pk})
    assert _choices(by_meeting, "møde") == [str(theirs)]
    assert _choices(by_meeting, "tildelt workshop") == ["Gåtur", "-"]
    assert _names(by_meeting) == ["Bo"]
    assert _names(secretariat_client.get(LIST, {"workshop__id__exact": workshop.pk})) == ["Anne"]


def test_a_consultant_never_sees_another_networks_meetings_or_workshops_in_the_filters(consultant_client, consultant):
    # Consultants have no right to the registration admin today; given one, the filters stay scoped.
    consultant.user_permissions.add(Permission.objects.get(codename="view_registration"))
    network, other = NetworkFactory(name="Mit netværk"), NetworkFactory(name="Andet netværk")
    network.working_group.add(consultant)
    MeetingFactory(network=network, title="Mit møde")
    theirs = MeetingFactory(network=other, title="Andres møde")
    WorkshopFactory(meeting=theirs, title="Hemmelig workshop")

    for query in (
        {"meeting__network__id__exact": other.pk},
        {"meeting__id__exact": theirs.pk},
        {"meeting__id__exact": theirs.pk, "meeting__network__id__exact": other.pk},
    ):
        page = consultant_client.get(LIST, query).content.decode()
        assert "Andres møde" not in page and "Hemmelig workshop" not in page and "Andet netværk" not in page
    assert _choices(consultant_client.get(LIST), "netværk") == ["Mit netværk", "-"]


def test_meeting_list_counts_each_meetings_registrations(secretariat_client):
    meeting = MeetingFactory(title="Tælles")
    WorkshopFactory(meeting=meeting)
    WorkshopFactory(meeting=meeting)
    for status in [RegistrationStatus.CONFIRMED] * 3 + [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED]:
        RegistrationFactory(meeting=meeting, status=status)
    empty = MeetingFactory(title="Tomt")

    rows = {m.pk: m for m in secretariat_client.get("/admin/meetings/meeting/").context["cl"].result_list}
    assert (rows[meeting.pk].n_confirmed, rows[meeting.pk].n_waiting, rows[meeting.pk].n_cancelled) == (3, 1, 1)
    assert (rows[empty.pk].n_confirmed, rows[empty.pk].n_waiting, rows[empty.pk].n_cancelled) == (0, 0, 0)
    by_confirmed = secretariat_client.get("/admin/meetings/meeting/", {"o": "-9"}).context["cl"].result_list
    assert [m.pk for m in by_confirmed][:1] == [meeting.pk]


def test_change_form_offers_the_workshops_of_the_registrations_meeting(secretariat_client):
    registration = RegistrationFactory(meeting=WorkshopFactory(title="Min workshop").meeting)
    WorkshopFactory(title="Et andet mødes workshop")
    page = secretariat_client.get(f"{LIST}{registration.pk}/change/").content.decode()
    assert "Min workshop" in page and "Et andet mødes workshop" not in page


def test_search_uses_the_indexes_on_postgresql(secretariat_client):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes are PostgreSQL's")
    meeting = MeetingFactory(title="Gellerup")
    RegistrationFactory(meeting=meeting, name="Anne")
    changelist = secretariat_client.get(LIST, {"q": "gellerup"}).context["cl"]
    plan = query_plan(changelist.queryset.order_by(), disable=("seqscan", "indexscan"))
    assert "BitmapOr" in plan and "Seq Scan" not in plan
    for index in ("name", "email", "organisation", "job_title"):
        assert f"registration_{index}_trgm" in plan


def test_a_list_longer_than_the_cap_says_more_than_and_pages_up_to_it(secretariat_client, monkeypatch):
    # The registrations and the email log count up to CappedCountPaginator.cap (10,000; 3 here).
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    meeting = MeetingFactory()
    for n in range(3):
        RegistrationFactory(meeting=meeting, name=f"Deltager {n}")

    exact = secretariat_client.get(LIST)
    assert exact.context["cl"].result_count == 3 and not exact.context["cl"].paginator.capped
    assert "3 tilmeldinger" in exact.content.decode()

    RegistrationFactory(meeting=meeting, name="Deltager 3")
    capped = secretariat_client.get(LIST, {"q": "deltager"})
    changelist = capped.context["cl"]
    assert changelist.result_count == 3 and changelist.paginator.capped
    page = capped.content.decode()
    assert "flere end 3 tilmeldinger" in page and "flere end 3 resultater" in page
    assert "Vælg alle, flere end 3 tilmeldinger" in page
    # Every row is still there to be found, by a search or a filter.
    assert _names(secretariat_client.get(LIST, {"q": '"Deltager 3"'})) == ["Deltager 3"]


def test_the_channel_filter_lists_the_desks_registrations(secretariat_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, name="Fra nettet")
    RegistrationFactory(meeting=meeting, name="Ringede", channel=RegistrationChannel.PHONE)
    RegistrationFactory(meeting=meeting, name="Kom bare", channel=RegistrationChannel.DOOR)

    assert _names(secretariat_client.get(LIST, {"channel__exact": "phone"})) == ["Ringede"]
    assert _names(secretariat_client.get(LIST, {"channel__exact": "web"})) == ["Fra nettet"]
    if connection.vendor == "postgresql":
        changelist = secretariat_client.get(LIST, {"channel__exact": "door"}).context["cl"]
        # Statistics of these rows, not of what earlier tests on this database left (the plan of three
        # rows is otherwise a tie between indexes); no table scan and no sort: the list's order must
        # come from an index, and the partial index of the desk's registrations is the smallest that gives it.
        plan = query_plan(changelist.queryset, disable=("seqscan", "sort"), analyze=["registration_registration"])
        assert "registration_desk_created" in plan, plan


def test_export_log_search_finds_by_address_meetings_code_and_title_and_networks_name(secretariat_client):
    network = NetworkFactory(name="Boligsocialt netværk")
    meeting = MeetingFactory(network=network, title="Temadag om tryghed")
    other = MeetingFactory(title="Sommerfest")
    ExportLog.objects.create(
        user_email="anne@example.dk", kind=ExportKind.PARTICIPANTS, format="csv", meeting=meeting, row_count=3
    )
    ExportLog.objects.create(
        user_email="bo@example.dk", kind=ExportKind.PARTICIPANTS, format="csv", network=network, row_count=9
    )
    ExportLog.objects.create(
        user_email="cai@example.dk", kind=ExportKind.PARTICIPANTS, format="pdf", meeting=other, row_count=1
    )

    def found(query):
        response = secretariat_client.get("/admin/registration/exportlog/", {"q": query})
        return sorted(log.user_email for log in response.context["cl"].result_list)

    assert found("anne@example") == ["anne@example.dk"]
    assert found(meeting.code) == ["anne@example.dk"]
    assert found("tryghed") == ["anne@example.dk"]
    assert found("boligsocialt") == ["bo@example.dk"]
    assert found("sommerfest pdf") == []
    assert found("sommerfest cai") == ["cai@example.dk"]
