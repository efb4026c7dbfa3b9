"""Asking to join, approval by the coordinator, leaving, staff adding members (also by CSV)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members import services
from members.enums import MembershipRole, MembershipStatus
from members.models import Membership, Profile
from members.tests.factories import MembershipFactory, VerifiedUserFactory
from netvaerk.enums import NetworkStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return VerifiedUserFactory(email="ny@example.dk", first_name="Åse", last_name="Ærø")


def test_new_person_asks_to_join_is_approved_and_uses_the_group_space(
    client, network, coordinator, newcomer, member, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)
    # Before approval: the group space is closed, with a way to ask.
    response = client.get(reverse("members:directory", args=[network.slug]))
    assert response.status_code == 403
    assert reverse("members:join", args=[network.slug]) in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:join", args=[network.slug]), {"message": "Jeg arbejder i Tingbjerg."})
    assert response.status_code == 302
    membership = Membership.objects.get(network=network, user=newcomer)
    assert membership.status == MembershipStatus.REQUESTED
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Åse Ærø" in mail.outbox[0].subject
    assert client.get(reverse("members:board", args=[network.slug])).status_code == 403

    # The coordinator approves on the requests page.
    client.force_login(coordinator)
    page = client.get(reverse("members:requests", args=[network.slug]))
    assert "Jeg arbejder i Tingbjerg." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:requests", args=[network.slug]), {"membership": membership.pk, "decision": "approve"}
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by == coordinator
    assert mail.outbox[-1].to == [newcomer.email]
    assert reverse("members:group", args=[network.slug]) in mail.outbox[-1].body

    # Now the member sees the directory, the board and the material.
    client.force_login(newcomer)
    directory = client.get(reverse("members:directory", args=[network.slug]))
    assert directory.status_code == 200
    assert member.email in directory.content.decode()
    assert client.get(reverse("members:board", args=[network.slug])).status_code == 200
    assert client.get(reverse("members:material", args=[network.slug])).status_code == 200
    assert client.get(reverse("members:minutes", args=[network.slug])).status_code == 200
    assert "Lokalsamfund &amp; medborgerskab" in client.get(reverse("members:home")).content.decode()


def test_coordinator_declines_and_the_person_is_told(
    client, network, coordinator, newcomer, django_capture_on_commit_callbacks
):
    membership = services.membership_request(network=network, user=newcomer)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("members:requests", args=[network.slug]), {"membership": membership.pk, "decision": "decline"}
        )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED
    assert mail.outbox[-1].to == [newcomer.email]
    client.force_login(newcomer)
    assert client.get(reverse("members:board", args=[network.slug])).status_code == 403
    # Asking again opens a new request.
    services.membership_request(network=network, user=newcomer)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


def test_an_ordinary_member_cannot_approve_requests(member_client, network, newcomer):
    membership = services.membership_request(network=network, user=newcomer)
    assert member_client.get(reverse("members:requests", args=[network.slug])).status_code == 403
    response = member_client.post(
        reverse("members:requests", args=[network.slug]), {"membership": membership.pk, "decision": "approve"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED
    with pytest.raises(services.PermissionDenied):
        services.membership_approve(membership=membership, by=newcomer)


def test_a_member_with_the_coordinator_role_can_approve(client, network, newcomer):
    lead = VerifiedUserFactory()
    MembershipFactory(network=network, user=lead, role=MembershipRole.COORDINATOR)
    membership = services.membership_request(network=network, user=newcomer)
    services.membership_approve(membership=membership, by=lead)
    membership.refresh_from_db()
    assert membership.is_active


def test_coordinator_of_network_a_cannot_approve_requests_for_network_b(client, coordinator, other_network, newcomer):
    membership = services.membership_request(network=other_network, user=newcomer)
    client.force_login(coordinator)
    response = client.post(
        reverse("members:requests", args=[other_network.slug]), {"membership": membership.pk, "decision": "approve"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


def test_asking_twice_or_as_a_member_is_refused_with_a_message(client, network, member, newcomer):
    services.membership_request(network=network, user=newcomer)
    with pytest.raises(services.MembersError):
        services.membership_request(network=network, user=newcomer)
    with pytest.raises(services.MembersError):
        services.membership_request(network=network, user=member)
    client.force_login(member)
    response = client.post(reverse("members:join", args=[network.slug]), {}, follow=True)
    assert "allerede" in response.content.decode() or "already" in response.content.decode()
    assert Membership.objects.filter(network=network).count() == 2


def test_a_closed_network_takes_no_requests(network, newcomer):
    network.status = NetworkStatus.CLOSED
    network.save()
    with pytest.raises(services.MembersError):
        services.membership_request(network=network, user=newcomer)


def test_member_leaves_and_loses_access(member_client, network, member):
    response = member_client.post(reverse("members:leave", args=[network.slug]))
    assert response.status_code == 302
    assert Membership.objects.get(user=member).status == MembershipStatus.LEFT
    assert member_client.get(reverse("members:board", args=[network.slug])).status_code == 403


def test_join_page_needs_login(client, network):
    response = client.get(reverse("members:join", args=[network.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_join_page_of_a_hidden_network_is_not_found(client, network, newcomer):
    network.is_public = False
    network.save()
    client.force_login(newcomer)
    assert client.get(reverse("members:join", args=[network.slug])).status_code == 404
    assert client.get(reverse("members:board", args=[network.slug])).status_code == 404


# --- Staff add members -------------------------------------------------------------------


@pytest.mark.usefixtures("consultant_plans_all_networks")  # the network's own consultant
def test_membership_add_creates_account_profile_and_organisation(network, consultant):
    result = services.membership_add(
        network=network,
        email="Ny.Medlem@Example.dk ",
        name="Åse Marie Ærø",
        organisation="Tingbjerg Helhedsplan",
        by=consultant,
    )
    assert result.created_user and result.created_membership
    user = result.membership.user
    assert user.email == "Ny.Medlem@example.dk"
    assert (user.first_name, user.last_name) == ("Åse Marie", "Ærø")
    assert not user.has_usable_password()
    assert Profile.objects.get(user=user).organisation.name == "Tingbjerg Helhedsplan"
    assert result.membership.is_active
    again = services.membership_add(
        network=network, email="ny.medlem@example.dk", organisation="tingbjerg helhedsplan", by=None
    )
    assert not again.created_user and not again.created_membership


CSV = (
    "Navn;Email;Organisation\r\n"
    "Åse Ærø;aase@example.dk;Boligforeningen Rosenhøj\r\n"
    "Bo Ørsted;bo@example.dk;\r\n"
    "\r\n"
    "Uden mail;ikke-en-mail;Kommunen\r\n"
    "kun-et-felt\r\n"
)


@pytest.mark.parametrize(
    "data",
    [
        CSV.encode("utf-8"),
        ("\ufeff" + CSV).encode("utf-8"),  # Excel's "CSV UTF-8" starts with a BOM
        CSV.replace(";", ",").encode("utf-8"),
    ],
    ids=["semicolon", "bom", "comma"],
)
def test_csv_import_adds_good_lines_and_reports_bad_ones(network, data):
    result = services.members_import_csv(network=network, data=data, by=None)
    assert sorted(result.added) == ["aase@example.dk", "bo@example.dk"]
    assert [line for line, _message in result.errors] == [5, 6]
    assert Profile.objects.get(user__email="aase@example.dk").organisation.name == "Boligforeningen Rosenhøj"
    assert Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE).count() == 2
    again = services.members_import_csv(network=network, data=data, by=None)
    assert again.added == [] and sorted(again.already) == ["aase@example.dk", "bo@example.dk"]


def test_csv_import_reports_lines_with_nul_bytes_or_too_long_values(network):
    data = (
        "Åse Ærø;aase@example.dk;Rosenhøj\r\n"
        "Nul\x00Byte;nul@example.dk;Kommunen\r\n"
        f"{'N' * 400};lang@example.dk;Kommunen\r\n"
        f"Bo;bo@example.dk;{'O' * 300}\r\n"
        f"Mail;{'m' * 300}@example.dk;\r\n"
    ).encode()
    result = services.members_import_csv(network=network, data=data, by=None)
    assert result.added == ["aase@example.dk"]
    assert [line for line, _message in result.errors] == [2, 3, 4, 5]
    assert all(len(message) < 400 for _line, message in result.errors)


def test_csv_import_refuses_a_file_that_is_not_utf8(network):
    result = services.members_import_csv(network=network, data="Åse;aase@example.dk;Rosenhøj".encode("cp1252"), by=None)
    assert result.added == []
    assert result.errors and result.errors[0][0] == 0


@pytest.mark.usefixtures("consultant_plans_all_networks")  # the network's own consultant
def test_csv_import_in_the_admin(consultant_client, network):
    page = consultant_client.get(reverse("admin:members_membership_changelist"))
    assert page.status_code == 200
    assert reverse("admin:members_membership_import") in page.content.decode()
    upload = SimpleUploadedFile("medlemmer.csv", ("\ufeff" + CSV).encode("utf-8"), content_type="text/csv")
    response = consultant_client.post(
        reverse("admin:members_membership_import"), {"network": network.pk, "role": "member", "file": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ikke-en-mail" in html
    assert Membership.objects.filter(network=network, user__email="aase@example.dk", status="active").exists()


@pytest.mark.usefixtures("consultant_plans_all_networks")  # the network's own consultant
def test_staff_add_one_member_in_the_admin(consultant_client, network):
    assert consultant_client.get(reverse("admin:members_membership_add")).status_code == 302
    response = consultant_client.post(
        reverse("admin:members_membership_add_member"),
        {
            "network": network.pk,
            "email": "line@example.dk",
            "name": "Line Kjær",
            "organisation": "",
            "role": "working_group",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="line@example.dk")
    assert membership.role == MembershipRole.WORKING_GROUP and membership.is_active


@pytest.mark.usefixtures("consultant_plans_all_networks")  # the network's own consultant
def test_staff_approve_requests_with_an_admin_action(consultant_client, network, newcomer):
    membership = services.membership_request(network=network, user=newcomer)
    consultant_client.post(
        reverse("admin:members_membership_changelist"),
        {"action": "approve", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert membership.is_active


def test_members_without_admin_rights_cannot_import(client, network, member):
    client.force_login(member)
    response = client.get(reverse("admin:members_membership_import"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("value", ["", "abc", "1; DROP TABLE", "99999", "²", "9" * 30, "\x00"])
def test_requests_page_answers_bad_input_without_a_server_error(coordinator_client, network, value):
    response = coordinator_client.post(
        reverse("members:requests", args=[network.slug]), {"membership": value, "decision": "approve"}
    )
    assert response.status_code == 400


def test_a_request_of_another_network_cannot_be_approved_from_this_page(
    coordinator_client, network, other_network, newcomer
):
    membership = services.membership_request(network=other_network, user=newcomer)
    response = coordinator_client.post(
        reverse("members:requests", args=[network.slug]), {"membership": membership.pk, "decision": "approve"}
    )
    assert response.status_code == 400
    assert "Anmodningen venter ikke længere" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED
