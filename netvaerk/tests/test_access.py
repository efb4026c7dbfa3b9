"""The access policy (netvaerk/access.py) as rules: who reaches which network, meeting and registration."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from meetings import planning as meeting_planning
from meetings import services as meeting_services
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory, SecretariatUserFactory, SuperUserFactory, UserFactory
from netvaerk import access
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory, OrganiserFactory
from registration.models import Registration
from registration.tests.factories import RegistrationFactory

from .access_walk_support import admin_form_payload, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    consultant = ConsultantFactory()
    own = NetworkFactory(coordinator=consultant)
    shared = NetworkFactory()
    shared.working_group.add(consultant)
    other = NetworkFactory(coordinator=ConsultantFactory())
    meetings = {
        "own": MeetingFactory(network=own),
        "working group": MeetingFactory(network=shared),
        "other": MeetingFactory(network=other),
        "stand-alone, theirs": MeetingFactory(network=None, responsible=consultant),
        "stand-alone, nobody's": MeetingFactory(network=None),
    }
    return consultant, own, shared, other, meetings


def test_a_consultant_reaches_the_networks_they_plan_and_their_stand_alone_meetings(setting):
    consultant, own, shared, other, meetings = setting
    assert set(access.networks_planned(consultant)) == {own, shared}
    reached = set(access.scope_queryset(consultant, Meeting.objects.all()))
    assert reached == {meetings["own"], meetings["working group"], meetings["stand-alone, theirs"]}
    for name, meeting in meetings.items():
        expected = meeting in reached
        assert consultant.has_perm("meetings.change_meeting", meeting) is expected, name
        assert consultant.has_perm("registration.check_in", meeting) is expected, name
    assert consultant.has_perm("netvaerk.plan_network", own)
    assert not consultant.has_perm("netvaerk.plan_network", other)


def test_registrations_follow_their_meeting(setting):
    consultant, _own, _shared, _other, meetings = setting
    consultant.user_permissions.add(Permission.objects.get(codename="view_registration"))
    mine, theirs = RegistrationFactory(meeting=meetings["own"]), RegistrationFactory(meeting=meetings["other"])
    assert set(access.scope_queryset(consultant, Registration.objects.all())) == {mine}
    assert consultant.has_perm("registration.view_registration", mine)
    assert not consultant.has_perm("registration.view_registration", theirs)


@pytest.mark.parametrize("factory", [SecretariatUserFactory, SuperUserFactory])
def test_the_secretariat_reaches_everything(setting, factory):
    _consultant, _own, _shared, other, meetings = setting
    user = factory()
    assert access.is_secretariat(user)
    assert set(access.scope_queryset(user, Meeting.objects.all())) == set(meetings.values())
    assert user.has_perm("meetings.change_meeting", meetings["other"])
    assert user.has_perm("netvaerk.plan_network", other)


def test_a_member_gets_no_staff_right_whatever_the_account_holds(setting, client):
    """Not staff: no staff right, even as the network's coordinator and with every model permission."""
    _consultant, own, _shared, _other, meetings = setting
    member = UserFactory()
    member.user_permissions.add(*Permission.objects.all())
    own.coordinator = member
    own.save()
    assert not access.is_secretariat(member)
    assert not access.scope_queryset(member, Meeting.objects.all()).exists()
    assert not member.has_perm("meetings.change_meeting", meetings["own"])
    assert not member.has_perm("registration.check_in", meetings["own"])
    client.force_login(member)
    assert client.get(reverse("registration:check_in", args=[meetings["own"].code])).status_code == 403
    assert client.get(reverse("craft:plan_year", args=[own.slug])).status_code == 403


def test_a_consultant_who_leaves_the_working_group_loses_the_network(setting):
    consultant, _own, shared, _other, meetings = setting
    shared.working_group.remove(consultant)
    assert not consultant.has_perm("meetings.change_meeting", meetings["working group"])


def test_services_refuse_what_the_policy_refuses(setting):
    consultant, own, _shared, other, meetings = setting
    with pytest.raises(PermissionDenied):
        meeting_services.meeting_duplicate(
            meeting=meetings["other"], starts_at=meetings["other"].starts_at, by=consultant
        )
    with pytest.raises(PermissionDenied):
        meeting_planning.network_plan_year(network=other, year=2031, by=consultant)
    assert not other.meetings.filter(starts_at__year=2031).exists()
    created = meeting_planning.network_plan_year(network=own, year=2031, by=consultant)
    assert created and {meeting.responsible for meeting in created} == {consultant}


def test_a_consultants_stand_alone_meeting_stays_theirs_in_the_admin(setting):
    consultant, *_ = setting
    model_admin = admin.site._registry[Meeting]
    request = RequestFactory().get("/")
    request.user = consultant
    assert model_admin.get_changeform_initial_data(request)["responsible"] == consultant.pk
    meeting = MeetingFactory.build(network=None, responsible=None, organiser=OrganiserFactory(), venue=None)
    model_admin.save_model(request, meeting, form=None, change=False)
    assert meeting.responsible == consultant
    assert consultant.has_perm("meetings.change_meeting", meeting)


def test_a_consultant_who_creates_a_network_in_the_admin_plans_it(client, setting):
    consultant, own, *_ = setting
    client.force_login(consultant)
    # The change form of an existing network is a valid payload; give it a new name.
    data = admin_form_payload(client.get(reverse("admin:netvaerk_network_change", args=[own.pk])))
    data.update({"name": "Unge i Vestegnen", "slug": "unge-i-vestegnen", "coordinator": "", "working_group": []})
    response = client.post(reverse("admin:netvaerk_network_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    network = Network.objects.get(slug="unge-i-vestegnen")
    assert list(network.working_group.all()) == [consultant]
    assert consultant.has_perm("netvaerk.plan_network", network)


def test_the_meeting_form_offers_only_the_consultants_networks(client, setting):
    consultant, own, shared, other, meetings = setting
    client.force_login(consultant)
    form = client.get(reverse("admin:meetings_meeting_add")).context["adminform"].form
    assert set(form.fields["network"].queryset) == {own, shared}
    data = form_data(form)
    assert data["responsible"] == str(consultant.pk)
