"""Staff roles: what a consultant and the secretariat may do in the admin."""

import pytest

from members.tests.factories import ConsultantFactory, SecretariatUserFactory
from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync

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


def test_post_migrate_syncs_the_roles_once_after_every_apps_permissions_exist():
    """migrate and the flush after a transactional test send post_migrate once per app; the roles are synced
    at the last one (all permissions exist by then), not once per app."""
    from django.contrib.auth.models import Group
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Group.objects.filter(name__in=[CONSULTANT, SECRETARIAT]).delete()
    with CaptureQueriesContext(connection) as queries:
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    group_lookups = [q["sql"] for q in queries if 'FROM "auth_group"' in q["sql"] and CONSULTANT in q["sql"]]
    assert len(group_lookups) == 1, group_lookups
    secretariat = Group.objects.get(name=SECRETARIAT)
    assert secretariat.permissions.filter(content_type__app_label="registration").exists()  # an app after netvaerk
    consultant = Group.objects.get(name=CONSULTANT)
    assert consultant.permissions.filter(codename="view_user").count() == 1
    assert consultant.permissions.filter(content_type__app_label="meetings", codename="change_meeting").exists()
