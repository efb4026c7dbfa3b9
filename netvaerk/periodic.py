"""Periodic jobs, created in django-celery-beat's tables after migrate.

Beat reads its schedule from the database (DatabaseScheduler), so staff can
change an interval or switch a job off in the admin. Jobs missing from the
database are created after every ``migrate``; existing ones are left as staff
edited them. Apps add their jobs to PERIODIC_TASKS by task name in their AppConfig.ready().
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str
    every_seconds: int
    queue: str | None = None  # None: the default queue (CELERY_TASK_DEFAULT_QUEUE)
    description: str = ""


# Filled by the apps in their AppConfig.ready() (the outbox's sweeper, registration's reminders, ...).
PERIODIC_TASKS: list[PeriodicJob] = []


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
