"""Email plumbing: demo .eml files, Celery configuration, the beat schedule, app boundaries."""

import ast
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from outbox.enums import EmailStatus
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context
from outbox.sending import email_send


@pytest.mark.django_db
def test_demo_backend_writes_one_eml_file_per_email_named_by_time_and_key(settings, tmp_path):
    settings.EMAIL_BACKEND = "outbox.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    email = email_queue(
        to="deltager@example.org",
        template="test_message",
        context={**demo_organiser_context(), "recipient_name": "Trine"},
        language="da",
        idempotency_key="confirmation:5",
        attachments=[("invitation.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )

    assert email_send(email_id=email.pk).outcome == "sent"

    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1
    assert files[0].name.endswith("-confirmation_5.eml")
    assert files[0].name[:8].isdigit()  # YYYYMMDD first: files sort by time
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == email.message_id
    assert parsed["Subject"] == email.subject
    assert "Trine" in parsed.get_body(preferencelist=("plain",)).get_content()
    assert parsed.get_body(preferencelist=("html",)) is not None
    assert next(parsed.iter_attachments()).get_filename() == "invitation.ics"


def test_demo_mode_writes_eml_files_under_var_mail():
    # The project settings without EMAIL_URL (the test settings swap in locmem).
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL_URL", "REDIS_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_FILE_PATH, s.CELERY_TASK_ALWAYS_EAGER)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["outbox.backends.EmlFileBackend", str(Path(settings.BASE_DIR) / "var" / "mail"), "True"]


def test_celery_sends_email_tasks_to_the_mail_queue_late_acked_and_json_only():
    from config.celery_app import app
    from outbox.tasks import email_send_batch_task, email_send_task, email_sweep_task

    assert app.amqp.router.route({}, email_sweep_task.name)["queue"].name == "default"
    for task in (email_send_task, email_send_batch_task):
        assert app.amqp.router.route({}, task.name)["queue"].name == "mail"
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
        assert task.time_limit and task.soft_time_limit
        # The sweeper must not reclaim an email a worker is still allowed to be sending.
        assert settings.EMAIL_STUCK_AFTER_SECONDS > task.time_limit
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    # A retry's countdown must end before Redis would hand the message out again.
    assert app.conf.broker_transport_options["visibility_timeout"] > settings.EMAIL_RETRY_MAX_SECONDS


@pytest.mark.django_db
def test_outbox_sweeper_is_scheduled_every_minute_and_editable_in_the_admin(admin_client):
    from django_celery_beat.models import PeriodicTask

    from config.celery_app import app

    sweeper = PeriodicTask.objects.get(task="outbox.email_sweep")
    assert sweeper.enabled
    assert sweeper.interval.every == 60 and sweeper.interval.period == "seconds"
    assert sweeper.queue is None  # routed to the default queue, whatever it is called
    app.loader.import_default_modules()  # what a worker does at start: autodiscover tasks.py
    assert sweeper.task in app.tasks
    page = admin_client.get(f"/admin/django_celery_beat/periodictask/{sweeper.pk}/change/")
    assert page.status_code == 200


@pytest.mark.django_db
def test_schedule_sync_keeps_what_staff_changed():
    from django_celery_beat.models import PeriodicTask

    from netvaerk.periodic import periodic_tasks_sync

    PeriodicTask.objects.filter(task="outbox.email_sweep").update(enabled=False)
    periodic_tasks_sync()

    assert PeriodicTask.objects.filter(task="outbox.email_sweep").count() == 1
    assert PeriodicTask.objects.get(task="outbox.email_sweep").enabled is False


@pytest.mark.django_db(transaction=True)
def test_eager_mode_sends_through_the_task_on_commit():
    email = email_queue(
        to="x@example.org",
        template="test_message",
        context=demo_organiser_context(),
        language="en",
        idempotency_key="eager:1",
    )

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_core_app_does_not_import_the_other_apps():
    core = Path(settings.BASE_DIR) / "netvaerk"
    allowed: set[str] = set()  # settings and URLconf live in config/
    offenders = []
    for path in core.rglob("*.py"):
        if path.name in allowed or "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in {"meetings", "registration", "members"}
            ]
    assert offenders == []
