"""My pages: networks, registrations (change and cancel through the personal link), profile, prefill."""

import pytest
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from members.models import Profile
from members.tests.factories import MembershipFactory, VerifiedUserFactory
from netvaerk.models import Organisation
from netvaerk.tests.factories import OrganisationFactory, WorkAreaFactory
from registration.enums import RegistrationStatus
from registration.models import Registration
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_my_networks_lists_active_and_requested_memberships(member_client, member, network, other_network):
    MembershipFactory(network=other_network, user=member, status="requested")
    html = member_client.get(reverse("members:home")).content.decode()
    assert reverse("members:group", args=[network.slug]) in html
    assert "Sociale viceværter" in html
    assert reverse("members:group", args=[other_network.slug]) not in html


def test_my_registrations_upcoming_and_past_with_the_personal_link(member_client, member):
    upcoming = RegistrationFactory(user=member, email=member.email, meeting=MeetingFactory(title="Kommende møde"))
    past = RegistrationFactory(user=member, email=member.email, meeting=MeetingFactory(title="Gammelt møde", past=True))
    # Signed up with the same (verified) address before the account existed.
    earlier = RegistrationFactory(user=None, email=member.email.upper(), meeting=MeetingFactory(title="Før kontoen"))
    RegistrationFactory(email="en-anden@example.dk", meeting=MeetingFactory(title="Fremmed møde"))
    response = member_client.get(reverse("members:registrations"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    upcoming_ids = [row["registration"].pk for row in response.context["upcoming"]]
    past_ids = [row["registration"].pk for row in response.context["past"]]
    assert sorted(upcoming_ids) == sorted([upcoming.pk, earlier.pk])
    assert past_ids == [past.pk]
    html = response.content.decode()
    assert reverse("registration:personal", args=[upcoming.token]) in html
    assert "Fremmed møde" not in html


def test_registrations_with_an_unverified_address_are_not_claimed(client):
    user = VerifiedUserFactory(email="maja@example.dk")
    user.emailaddress_set.update(verified=False)
    RegistrationFactory(user=None, email="maja@example.dk")
    client.force_login(user)
    response = client.get(reverse("members:registrations"))
    assert response.context["upcoming"] == []


def test_cancel_from_my_pages_goes_through_the_personal_link_service(member_client, member):
    registration = RegistrationFactory(user=member, email=member.email)
    response = member_client.post(reverse("registration:cancel", args=[registration.token]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    html = member_client.get(reverse("members:registrations")).content.decode()
    assert "Afmeldt" in html or "Annulleret" in html or "cancelled" in html.lower()


def test_profile_edit_saves_user_and_profile_and_a_new_organisation(member_client, member):
    area = WorkAreaFactory(name="Beboerdemokrati")
    response = member_client.post(
        reverse("members:profile"),
        {
            "first_name": "Maja",
            "last_name": "Holm",
            "phone": "11 22 33 44",
            "organisation": "",
            "new_organisation": "Boligforeningen Rosenhøj",
            "new_organisation_kind": "housing_association",
            "job_title": "Social vicevært",
            "work_areas": [area.pk],
            "introduction": "Hej",
            "directory_consent": "",
            "language": "en",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    profile = Profile.objects.get(user=member)
    assert (member.last_name, member.phone) == ("Holm", "11 22 33 44")
    assert profile.organisation == Organisation.objects.get(name="Boligforeningen Rosenhøj")
    assert profile.organisation.kind == "housing_association"
    assert list(profile.work_areas.all()) == [area]
    assert not profile.directory_consent and profile.directory_consent_at is None
    assert profile.language == "en"


def test_profile_edit_refuses_an_empty_name(member_client, member):
    response = member_client.post(reverse("members:profile"), {"first_name": "", "last_name": "", "language": "da"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.first_name == "Maja"


def test_registration_form_is_prefilled_from_the_profile_and_linked_to_the_member(member_client, member):
    organisation = OrganisationFactory(name="Høje Gladsaxe Helhedsplan")
    Profile.objects.filter(user=member).update(organisation=organisation, job_title="Boligsocial medarbejder")
    meeting = MeetingFactory()
    response = member_client.get(meeting.get_absolute_url())
    initial = response.context["form"].initial
    assert initial["name"] == "Maja Nørgaard"
    assert initial["email"] == member.email
    assert initial["organisation"] == "Høje Gladsaxe Helhedsplan"
    assert initial["job_title"] == "Boligsocial medarbejder"
    member_client.post(
        meeting.get_absolute_url(),
        {"name": "Maja Nørgaard", "email": member.email, "organisation": "Høje Gladsaxe Helhedsplan", "privacy": "on"},
    )
    assert Registration.objects.get(meeting=meeting).user == member


def test_network_page_links_to_the_group_space_and_joining(client, network):
    html = client.get(network.get_absolute_url()).content.decode()
    assert reverse("members:join", args=[network.slug]) in html
    assert reverse("members:group", args=[network.slug]) in html


def test_my_pages_queries_do_not_grow_with_the_data(member_client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netvaerk.tests.factories import NetworkFactory

    def add(n):
        for _ in range(n):
            MembershipFactory(network=NetworkFactory(), user=member)
            RegistrationFactory(user=member, email=member.email)
            RegistrationFactory(user=member, email=member.email, meeting=MeetingFactory(past=True))

    def count():
        result = []
        for url in (reverse("members:home"), reverse("members:registrations")):
            with CaptureQueriesContext(connection) as queries:
                assert member_client.get(url).status_code == 200
            result.append(len(queries))
        return result

    add(2)
    before = count()
    add(6)
    assert count() == before
