"""Staff roles: what a consultant and the secretariat may do in the admin."""

import pytest

from members.tests.factories import ConsultantFactory, SecretariatUserFactory
from netvaerk.roles import roles_sync

pytestmark = pytest.mark.django_db


def test_consultant_plans_networks_meetings_and_organisers():
    consultant = ConsultantFactory()
    assert not consultant.is_superuser
    for perm in [
        "netvaerk.add_network",
        "netvaerk.change_organiser",
        "meetings.add_meeting",
        "meetings.change_agendaitem",
        "meetings.add_workshop",
        "meetings.add_venue",
    ]:
        assert consultant.has_perm(perm), perm


def test_consultant_sees_but_cannot_edit_user_accounts():
    consultant = ConsultantFactory()
    assert consultant.has_perm("members.view_user")
    assert not consultant.has_perm("members.change_user")
    assert not consultant.has_perm("members.delete_user")


def test_secretariat_may_edit_user_accounts():
    assert SecretariatUserFactory().has_perm("members.change_user")


def test_roles_sync_twice_keeps_permissions():
    consultant = ConsultantFactory()
    roles_sync()
    roles_sync()
    consultant = type(consultant).objects.get(pk=consultant.pk)  # fresh permission cache
    assert consultant.groups.get().permissions.filter(codename="view_user").count() == 1
    assert consultant.has_perm("meetings.change_meeting")
