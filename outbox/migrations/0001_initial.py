# The outbox's email table, which netvaerk/migrations/0006 renamed from netvaerk_outgoingemail: only
# the state is created here. The content type (and so the permissions staff groups hold) and the
# periodic sweeper's task name move along.

import django.contrib.postgres.indexes
import netvaerk.db_indexes
import django.db.models.functions.text
import django.utils.timezone
import outbox.models
from django.db import migrations, models
from django.utils import timezone


def _rename(apps, schema_editor, *, old: str, new: str) -> None:
    db = schema_editor.connection.alias
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(db)
    if not content_types.filter(app_label=new, model="outgoingemail").exists():
        content_types.filter(app_label=old, model="outgoingemail").update(app_label=new)
    tasks = apps.get_model("django_celery_beat", "PeriodicTask").objects.using(db)
    renamed = 0
    for name in ("email_send", "email_send_batch", "email_sweep"):
        renamed += tasks.filter(task=f"{old}.{name}").update(task=f"{new}.{name}")
    if renamed:
        # Beat reloads its schedule when this marker changes (an update() sends no signal).
        changed = apps.get_model("django_celery_beat", "PeriodicTasks").objects.using(db)
        changed.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def _move_to_outbox(apps, schema_editor):
    _rename(apps, schema_editor, old="netvaerk", new="outbox")


def _move_to_core(apps, schema_editor):
    _rename(apps, schema_editor, old="outbox", new="netvaerk")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("netvaerk", "0006_outgoingemail_to_outbox"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='OutgoingEmail',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('idempotency_key', models.CharField(help_text='Names the reason for the email, e.g. confirmation:42; the same key is never sent twice.', max_length=200, unique=True, verbose_name='idempotency key')),
                    ('message_id', models.CharField(default=outbox.models.new_message_id, editable=False, max_length=250, unique=True, verbose_name='Message-ID')),
                    ('recipient', models.EmailField(max_length=254, verbose_name='recipient')),
                    ('from_email', models.CharField(blank=True, max_length=254, verbose_name='sender')),
                    ('reply_to', models.EmailField(blank=True, max_length=254, verbose_name='reply to')),
                    ('template', models.CharField(help_text='Name under templates/emails/.', max_length=100, verbose_name='template')),
                    ('language', models.CharField(max_length=10, verbose_name='language')),
                    ('subject', models.CharField(max_length=998, verbose_name='subject')),
                    ('text_body', models.TextField(verbose_name='text')),
                    ('html_body', models.TextField(blank=True, verbose_name='HTML')),
                    ('attachments', models.JSONField(blank=True, default=list, help_text='List of {filename, content_type, content (base64)}.', verbose_name='attachments')),
                    ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                    ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                    ('last_error', models.TextField(blank=True, verbose_name='last error')),
                    ('ref_type', models.CharField(blank=True, help_text='What the email is about, as app_label.model (e.g. meetings.meeting).', max_length=100, verbose_name='reference type')),
                    ('ref_id', models.CharField(blank=True, max_length=64, verbose_name='reference id')),
                    ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, help_text='A queued email is not retried before this time; the sweeper picks it up a while after.', verbose_name='next attempt')),
                    ('last_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='last attempt')),
                    ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ],
                options={
                    'verbose_name': 'outgoing email',
                    'verbose_name_plural': 'outgoing emails',
                    'ordering': ['-id'],
                    'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='outgoingemail_status_next'), models.Index(fields=['ref_type', 'ref_id'], name='outgoingemail_ref'), models.Index(fields=['template'], name='outgoingemail_template'), models.Index(fields=['created_at'], name='outgoingemail_created'), models.Index(fields=['ref_id'], name='outgoingemail_ref_id'), models.Index(fields=['language'], name='outgoingemail_language'), netvaerk.db_indexes.ContainsIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('recipient'), name='gin_trgm_ops'), name='outgoingemail_recipient_trgm'), netvaerk.db_indexes.ContainsIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('subject'), name='gin_trgm_ops'), name='outgoingemail_subject_trgm'), netvaerk.db_indexes.ContainsIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('idempotency_key'), name='gin_trgm_ops'), name='outgoingemail_key_trgm')],
                    'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('status', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='outgoingemail_sent_has_sent_at')],
                },
            ),
            ],
        ),
        migrations.RunPython(_move_to_outbox, _move_to_core),
    ]
