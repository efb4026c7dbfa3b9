# Emails about a blog post (comment notices) name it as ref_type "content.post" from before the
# rename to BlogPost: point them at the new name so the email log's filter and links find them.

from django.db import migrations


def _rename(apps, schema_editor, *, old: str, new: str) -> None:
    emails = apps.get_model("outbox", "OutgoingEmail").objects.using(schema_editor.connection.alias)
    emails.filter(ref_type=old).update(ref_type=new)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_rename_post_blogpost"),
        ("outbox", "0002_outgoingemail_render_later"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: _rename(apps, schema_editor, old="content.post", new="content.blogpost"),
            lambda apps, schema_editor: _rename(apps, schema_editor, old="content.blogpost", new="content.post"),
        ),
    ]
