"""The blog's post is ``BlogPost`` (the board post is ``members.Post``): the table and its tag table are renamed.

RenameModel keeps the rows and renames the tables (content_post -> content_blogpost,
content_post_tags -> content_blogpost_tags with its post_id column). Django's
contenttypes renames the content type (model "post" -> "blogpost") right after it
during migrate, so its permissions keep their ids and the role groups keep them;
their codenames (add_post …) follow here, so that "content.change_blogpost" is the
permission the staff groups have and none is created twice.
"""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def _rename_codenames(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # Forwards the content type is renamed before this runs, backwards after it: either name.
    content_type = ContentType.objects.filter(app_label="content", model__in=[old, new]).first()
    if content_type is None:  # a fresh database: permissions are created after migrate
        return
    for action in ACTIONS:
        if Permission.objects.filter(content_type=content_type, codename=f"{action}_{new}").exists():
            continue
        Permission.objects.filter(content_type=content_type, codename=f"{action}_{old}").update(
            codename=f"{action}_{new}"
        )


def codenames_forwards(apps, schema_editor):
    _rename_codenames(apps, schema_editor, "post", "blogpost")


def codenames_backwards(apps, schema_editor):
    _rename_codenames(apps, schema_editor, "blogpost", "post")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("content", "0002_alter_historicalofferrequest_options"),
    ]

    operations = [
        migrations.RenameModel(old_name="Post", new_name="BlogPost"),
        # The index Django named after the table follows the table's new name.
        migrations.RenameIndex(
            model_name="blogpost", new_name="content_blo_status_e01a49_idx", old_name="content_pos_status_90c640_idx"
        ),
        migrations.RunPython(codenames_forwards, codenames_backwards),
    ]
