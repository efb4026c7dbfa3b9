"""The board's post is ``BoardPost`` (the blog's is ``content.BlogPost``): the table is renamed.

RenameModel keeps the rows and renames the table (members_post -> members_boardpost;
the replies' ``parent_id`` follows, it points at the same table). Django's contenttypes
renames the content type (model "post" -> "boardpost") right after it during migrate,
so its permissions keep their ids and the staff groups keep them; their codenames
(add_post …) follow here, so that "members.change_boardpost" is the permission the
groups have and none is created twice. Emails in the outbox that name a board post
by its model follow too. The admin's log entries and anything else that
names the content type by id keep pointing at it. The related names on the network
and the author become ``board_posts`` (no change in the database).
"""

from django.conf import settings
from django.db import migrations, models

ACTIONS = ("add", "change", "delete", "view")


def _rename_codenames(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    alias = schema_editor.connection.alias
    # Forwards the content type is renamed before this runs, backwards after it: either name.
    content_type = ContentType.objects.using(alias).filter(app_label="members", model__in=[old, new]).first()
    if content_type is None:  # a fresh database: permissions are created after migrate
        return
    permissions = Permission.objects.using(alias).filter(content_type=content_type)
    for action in ACTIONS:
        if permissions.filter(codename=f"{action}_{new}").exists():
            continue
        permissions.filter(codename=f"{action}_{old}").update(codename=f"{action}_{new}")


def _rename_email_references(apps, schema_editor, old, new):
    # Emails that name a board post by its model (ref_type "members.post") point at the new name,
    # so the email log's filter and links find them (none do today: the board's notices name no object).
    emails = apps.get_model("outbox", "OutgoingEmail").objects.using(schema_editor.connection.alias)
    emails.filter(ref_type=f"members.{old}").update(ref_type=f"members.{new}")


def forwards(apps, schema_editor):
    _rename_codenames(apps, schema_editor, "post", "boardpost")
    _rename_email_references(apps, schema_editor, "post", "boardpost")


def backwards(apps, schema_editor):
    _rename_codenames(apps, schema_editor, "boardpost", "post")
    _rename_email_references(apps, schema_editor, "boardpost", "post")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("netvaerk", "0001_initial"),
        ("members", "0004_twofactormethod"),
        ("outbox", "0003_outgoingemail_headers"),
    ]

    operations = [
        migrations.RenameModel(old_name="Post", new_name="BoardPost"),
        # The index Django named after the table follows the table's new name.
        migrations.RenameIndex(
            model_name="boardpost", new_name="members_boa_network_d8653c_idx", old_name="members_pos_network_b0dc11_idx"
        ),
        migrations.AlterField(
            model_name="boardpost",
            name="author",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty when the author has deleted their account.",
                null=True,
                on_delete=models.SET_NULL,
                related_name="board_posts",
                to=settings.AUTH_USER_MODEL,
                verbose_name="author",
            ),
        ),
        migrations.AlterField(
            model_name="boardpost",
            name="network",
            field=models.ForeignKey(
                on_delete=models.CASCADE, related_name="board_posts", to="netvaerk.network", verbose_name="network"
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
