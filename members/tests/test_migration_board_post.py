"""Migration members 0005: ``Post`` became ``BoardPost`` and nothing is lost either way.

Through ``manage.py migrate`` itself (its pre-migrate hook renames the content type):
the rows and their replies, the content type's id, the permissions' ids (so the staff
groups keep them, under the new codenames), the admin log and the outbox's references.
"""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from members.models import BoardPost
from members.tests.factories import BoardPostFactory, UserFactory
from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync
from netvaerk.tests.factories import NetworkFactory
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = "0004_twofactormethod"


def _rows(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _state(table: str, model: str) -> dict:
    """What the database holds about the board posts, read without the ORM (the code knows one name only)."""
    content_type = _rows("SELECT id FROM django_content_type WHERE app_label = 'members' AND model = %s", model)
    return {
        "posts": _rows(f"SELECT id, network_id, author_id, parent_id, title, body, is_pinned FROM {table} ORDER BY id"),
        "content_type": content_type,
        "permissions": _rows(
            "SELECT p.id, p.codename FROM auth_permission p JOIN django_content_type t ON t.id = p.content_type_id"
            " WHERE t.app_label = 'members' AND t.model = %s ORDER BY p.id",
            model,
        ),
        "groups": _rows(
            "SELECT g.name, gp.permission_id FROM auth_group_permissions gp JOIN auth_group g ON g.id = gp.group_id"
            " JOIN auth_permission p ON p.id = gp.permission_id JOIN django_content_type t ON t.id = p.content_type_id"
            " WHERE t.app_label = 'members' AND t.model = %s ORDER BY g.name, gp.permission_id",
            model,
        ),
        "log": _rows(
            "SELECT object_id FROM django_admin_log WHERE content_type_id = %s",
            content_type[0][0] if content_type else 0,
        ),
        "emails": _rows("SELECT ref_id FROM outbox_outgoingemail WHERE ref_type = %s", f"members.{model}"),
    }


def test_the_rename_keeps_rows_permissions_of_the_staff_groups_and_references_both_ways():
    roles_sync()
    author = UserFactory()
    network = NetworkFactory()
    post = BoardPostFactory(network=network, author=author, title="Lektiecafé", is_pinned=True)
    BoardPostFactory(network=network, author=author, parent=post, title="")
    LogEntry.objects.create(
        user=UserFactory(is_staff=True),
        content_type=ContentType.objects.get_for_model(BoardPost),
        object_id=str(post.pk),
        object_repr=str(post),
        action_flag=CHANGE,
    )
    OutgoingEmail.objects.create(
        idempotency_key="board:1", recipient="a@example.dk", template="members_new_post", language="da",
        ref_type="members.boardpost", ref_id=str(post.pk),
    )  # fmt: skip
    after = _state("members_boardpost", "boardpost")
    assert len(after["posts"]) == 2 and len(after["permissions"]) == 4
    assert {name for name, _id in after["groups"]} == {CONSULTANT, SECRETARIAT}
    assert len(after["groups"]) == 8 and after["log"] == [(str(post.pk),)] and after["emails"] == [(str(post.pk),)]
    group_permissions = Permission.objects.filter(group__isnull=False).count()
    try:
        call_command("migrate", "members", BEFORE, verbosity=0)
        before = _state("members_post", "post")
        assert before["posts"] == after["posts"]
        assert before["content_type"] == after["content_type"]
        assert [pk for pk, _codename in before["permissions"]] == [pk for pk, _codename in after["permissions"]]
        assert {codename for _pk, codename in before["permissions"]} == {
            "add_post",
            "change_post",
            "delete_post",
            "view_post",
        }
        assert before["groups"] == after["groups"]
        assert before["log"] == after["log"] and before["emails"] == after["emails"]
    finally:
        call_command("migrate", "members", verbosity=0)
    ContentType.objects.clear_cache()
    assert _state("members_boardpost", "boardpost") == after
    assert Permission.objects.filter(group__isnull=False).count() == group_permissions
    consultant = UserFactory(is_staff=True)
    consultant.groups.add(Group.objects.get(name=CONSULTANT))
    assert consultant.has_perm("members.change_boardpost")
    assert list(BoardPost.objects.filter(network=network).values_list("title", flat=True)) == ["Lektiecafé", ""]
