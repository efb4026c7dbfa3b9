"""Periodic jobs, created in django-celery-beat's tables after migrate.

Beat reads its schedule from the database (DatabaseScheduler), so staff can
change an interval or switch a job off in the admin. Jobs missing from the
database are created after every ``migrate``; existing ones are left as staff
edited them. Other apps add their jobs to PERIODIC_TASKS by task name.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str
    every_seconds: int
    queue: str | None = None  # None: the default queue (CELERY_TASK_DEFAULT_QUEUE)
    description: str = ""


PERIODIC_TASKS: list[PeriodicJob] = [
    PeriodicJob(
        name="Outbox sweeper",
        task="netvaerk.email_sweep",
        every_seconds=60,
        description=gettext_noop(
            "Re-enqueues emails left queued or sending by a lost worker or an unreachable broker."
        ),
    ),
]


def periodic_tasks_sync(sender=None, using="default", **kwargs):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    for job in PERIODIC_TASKS:
        if PeriodicTask.objects.using(using).filter(name=job.name).exists():
            continue
        interval, _created = IntervalSchedule.objects.using(using).get_or_create(
            every=job.every_seconds, period=IntervalSchedule.SECONDS
        )
        PeriodicTask.objects.using(using).create(
            name=job.name, task=job.task, interval=interval, queue=job.queue, description=job.description
        )
