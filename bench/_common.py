"""Helpers shared by the benchmarks: a scratch PostgreSQL database and a gunicorn server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BENCH_REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(name: str) -> str:
    """Drop and create a PostgreSQL database and migrate it; returns its URL."""
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", PG_BASE + "/postgres", "-q", "-c", sql], check=True, capture_output=True)
    url = f"{PG_BASE}/{name}"
    manage("migrate", "--noinput", "-v0", env={"DATABASE_URL": url})
    return url


def flush_redis(url: str) -> None:
    """Empty the benchmark's own Redis database (cache and queued tasks of an earlier run)."""
    import redis

    redis.Redis.from_url(url).flushdb()


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DEBUG": "0", "DJANGO_SETTINGS_MODULE": "config.settings", "LOG_LEVEL": "WARNING"})
    env.update(extra or {})
    return env


def manage(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=bench_env(env),
        check=True,
        capture_output=True,
        text=True,
        input=input,
    )
    return result.stdout


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 4, threads: int = 1, app: str = "config.wsgi:application"):
    """Serve `app` (a WSGI application importable from the project root) with gunicorn."""
    manage("collectstatic", "--noinput", "-v0", env=env)
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--no-control-socket",
            "--log-level",
            "warning",
            "--backlog",
            "2048",
        ],
        cwd=ROOT,
        env=bench_env(env),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/privatliv/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(60)  # 16 workers on a busy 2-core machine can take a while to stop
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def require_postgres_and_redis() -> None:
    """The mail benchmarks' worker processes share the database and the broker with the script."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the worker processes share it).")
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL (the Celery broker).")


@contextlib.contextmanager
def mail_stack(*, name: str, run: str, concurrency: int, loglevel: str):
    """A local SMTP sink and a real Celery worker on queues of this run only; yields (sink, worker).

    The outbox's settings point at the run's queues (nothing else consuming the Redis database gets
    the tasks). On leaving, the worker is stopped (the caller may stop it earlier to count what
    arrived), the queues are dropped, then the sink closes. Needs Django set up.
    """
    from django.conf import settings
    from django.db import connection

    from config.celery_app import app
    from netvaerk.tests.redis_celery import CeleryWorker, redis_drop_queues, worker_env
    from netvaerk.tests.smtp_sink import SmtpSinkProcess
    from netvaerk.tests.support import database_url

    queues = [f"mail-bench-{run}", f"default-bench-{run}"]
    settings.EMAIL_QUEUE = queues[0]
    app.conf.task_default_queue = queues[1]
    log_path = ROOT / "var" / f"bench-{name}-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    log_path.unlink(missing_ok=True)
    with SmtpSinkProcess(ROOT / "var" / f"bench-{name}-sink.txt") as sink:
        env = worker_env(
            database_url=database_url(connection.settings_dict),
            redis_url=settings.REDIS_URL,
            email_url=sink.url,
            EMAIL_QUEUE=queues[0],
            CELERY_DEFAULT_QUEUE=queues[1],
        )
        worker = CeleryWorker(
            env=env, log_path=log_path, concurrency=concurrency, queues=",".join(queues), loglevel=loglevel
        ).start()
        try:
            yield sink, worker
        finally:
            worker.stop(graceful=True)
            redis_drop_queues(settings.REDIS_URL, queues)
