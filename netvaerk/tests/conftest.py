import uuid

import pytest

from netvaerk.tests.redis_celery import CeleryWorker, broker_idle, redis_drop_queues, worker_env
from netvaerk.tests.smtp_sink import SmtpSink
from netvaerk.tests.support import database_url, wait_for


@pytest.fixture
def smtp_sink():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    """Send through Django's real SMTP backend to the sink (tasks still eager)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    return smtp_sink


def _services_problem(settings) -> str | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "needs DATABASE_URL on PostgreSQL (the worker process shares the test database)"
    if not settings.REDIS_URL:
        return "needs REDIS_URL"
    try:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
        client.ping()
        client.close()
    except Exception as exc:
        return f"Redis at REDIS_URL does not answer: {exc}"
    return None


@pytest.fixture
def real_services(settings):
    """Skip without PostgreSQL and Redis; fail instead when REQUIRE_SERVICES is on (CI)."""
    problem = _services_problem(settings)
    if problem:
        if getattr(settings, "REQUIRE_SERVICES", False):
            pytest.fail(f"REQUIRE_SERVICES is on but the email service tests {problem}")
        pytest.skip(problem)
    return settings


@pytest.fixture
def broker(real_services):
    """This test process publishes to the real Redis broker instead of running tasks eagerly.

    Queue names are unique per test, so parallel test runs sharing the Redis
    database (pytest -n, other checkouts) cannot take each other's tasks.
    """
    from config.celery_app import app

    suffix = uuid.uuid4().hex[:8]
    queues = {"mail": f"mail-{suffix}", "default": f"default-{suffix}"}
    real_services.EMAIL_QUEUE = queues["mail"]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield queues
    app.conf.task_always_eager = eager
    redis_drop_queues(real_services.REDIS_URL, list(queues.values()))


@pytest.fixture
def worker_settings(broker, transactional_db, smtp_sink, real_services):
    """Environment for processes that share this test's database, broker queues and SMTP sink."""
    from django.db import connection

    return worker_env(
        database_url=database_url(connection.settings_dict),
        redis_url=real_services.REDIS_URL,
        email_url=smtp_sink.url,
        EMAIL_QUEUE=broker["mail"],
        CELERY_DEFAULT_QUEUE=broker["default"],
        EMAIL_RETRY_BASE_SECONDS="0.2",
        EMAIL_RETRY_MAX_SECONDS="2",
    )


@pytest.fixture
def started_workers():
    """The workers start_worker started in this test."""
    return []


@pytest.fixture
def start_worker(broker, worker_settings, tmp_path, started_workers):
    """Start real Celery worker processes on the test database, sending to the sink.

    Returns a function; extra keyword arguments become environment variables
    (settings) of the worker, ``app`` names another Celery app module. Every
    worker started is stopped afterwards.
    """
    workers: list[CeleryWorker] = started_workers

    def start(app: str = "config", **extra) -> CeleryWorker:
        worker = CeleryWorker(
            env={**worker_settings, **{k: str(v) for k, v in extra.items()}},
            log_path=tmp_path / "worker.log",
            queues=f"{broker['mail']},{broker['default']}",
            app=app,
        )
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def settle(broker, real_services, started_workers):
    """Wait until nothing more can be sent: the test's queues are empty and every worker is idle.

    Then a count of what the SMTP sink received is final (no wrongly doubled
    message can still be on its way), without sleeping for a guessed time.
    Quiet must be seen twice in a row, so a message between the queue and a
    worker's reserved list is not missed.
    """

    def quiet() -> bool:
        return broker_idle(real_services.REDIS_URL, list(broker.values())) and all(
            worker.idle() for worker in started_workers
        )

    def wait(timeout: float = 60.0) -> None:
        seen = []

        def twice() -> bool:
            seen.append(quiet())
            return seen[-2:] == [True, True]

        wait_for(twice, timeout=timeout, interval=0.1, message="the broker queues and the workers to be idle")

    return wait


@pytest.fixture
def handed_over(monkeypatch):
    """The outbox tests: Records what goes to the broker (the tasks still run, eagerly): (task name, ids)."""
    from outbox.tasks import email_send_batch_task, email_send_task

    calls = []
    for task in (email_send_task, email_send_batch_task):
        original = task.apply_async

        def record(args=None, kwargs=None, _original=original, _name=task.name, **options):
            calls.append((_name, args[0]))
            return _original(args=args, kwargs=kwargs, **options)

        monkeypatch.setattr(task, "apply_async", record)
    return calls


# The access walk's world (two networks and one of everything), for test_access_walk and test_access_walk_staff.
from netvaerk.tests.access_walk_world import world  # noqa: E402, F401
