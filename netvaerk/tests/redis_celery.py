"""Real parts for the worker tests and the benchmark: a redis-server process, a Celery worker process, their queues."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from netvaerk.tests.support import BASE_DIR, free_port, wait_for


class RedisServer:
    """A redis-server of the test's own on a free port, without persistence, that the test may stop and start.

    Never the shared Redis: other test runs use that one at the same time.
    """

    def __init__(self, log_path: Path):
        import shutil

        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        import redis

        try:
            return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self, timeout: float = 15.0) -> RedisServer:
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

        def ready():
            if self.proc.poll() is not None:
                raise AssertionError(f"redis-server exited with {self.proc.returncode}: {self.log_path.read_text()}")
            return self.ping()

        wait_for(ready, timeout=timeout, interval=0.05, message="the test's redis-server")
        return self

    def freeze(self) -> None:
        """SIGSTOP: connections are accepted by the kernel but never answered, as with a hung server."""
        os.kill(self.proc.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.proc.pid, signal.SIGCONT)

    def stop(self) -> None:
        """Stop it at once (SIGKILL, as a crash would): nothing answers on the port afterwards."""
        if self.proc is None:
            return
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc = None
        wait_for(lambda: not self.ping(), timeout=10, message="the test's redis-server to be gone")


def redis_drop_queues(redis_url: str, queues: list[str]) -> None:
    """Delete these queues and their unacknowledged messages from Redis, and nothing else."""
    import json

    import redis

    client = redis.Redis.from_url(redis_url)
    # kombu keeps priority levels as extra lists named "<queue>\x06\x16<n>".
    keys = [
        k for q in queues for k in client.scan_iter(f"{q}*") if k == q.encode() or k.startswith(f"{q}\x06".encode())
    ]
    keys += [f"_kombu.binding.{q}" for q in queues] + [f"_kombu.binding_permanent.{q}" for q in queues]
    client.delete(*keys)
    for tag, payload in client.hscan_iter("unacked"):
        try:
            routing_key = json.loads(payload)[2]
        except (ValueError, IndexError):
            continue
        if routing_key in queues:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.close()


def broker_idle(redis_url: str, queues: list[str]) -> bool:
    """No message of these queues waits in Redis.

    Messages a live worker has taken are its reserved or active tasks (see
    CeleryWorker.idle); those a killed worker held stay unacknowledged until
    the broker's visibility timeout (an hour), far beyond any test.
    """
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        for queue in queues:
            if client.llen(queue):
                return False
            for key in client.scan_iter(f"{queue}\x06*"):  # kombu's priority lists
                if client.llen(key):
                    return False
        return True
    finally:
        client.close()


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the ")" of the command name: state, ppid, ...
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


class CeleryWorker:
    """`celery -A config worker -Q mail,default -c 2 --pool prefork` as a subprocess."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        log_path: Path,
        concurrency: int = 2,
        queues: str = "mail,default",
        loglevel: str = "info",
        app: str = "config",
    ):
        self.app = app
        self.env = env
        self.loglevel = loglevel
        self.log_path = log_path
        self.concurrency = concurrency
        self.queues = queues
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> CeleryWorker:
        from config.celery_app import app

        self.name = f"test-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = open(self.log_path, "ab")  # the child keeps writing to it after we close our handle
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                self.app,
                "worker",
                "-Q",
                self.queues,
                "-c",
                str(self.concurrency),
                "--pool",
                "prefork",
                "-l",
                self.loglevel,
                "-n",
                self.name,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so kill() takes the pool too
        )
        log.close()

        def ready():
            if self.proc.poll() is not None:
                raise AssertionError(f"Celery worker exited with {self.proc.returncode}:\n{self.log()}")
            with open(self.log_path, "rb") as handle:
                handle.seek(offset)
                if b" ready." in handle.read():  # logged at INFO
                    return True
            if self.loglevel.lower() in ("info", "debug"):
                return False
            return bool(app.control.ping(destination=[self.name], timeout=0.5))

        try:
            wait_for(ready, timeout=timeout, interval=0.1, message="the Celery worker to be ready")
        except BaseException:
            self.stop()
            raise
        return self

    def idle(self) -> bool:
        """The worker answers and runs, holds and schedules no task (a retry waiting for its time counts)."""
        from config.celery_app import app

        if self.proc is None or self.proc.poll() is not None:
            return True  # a stopped worker sends nothing more
        inspect = app.control.inspect(destination=[self.name], timeout=1.0)
        for listing in (inspect.active, inspect.reserved, inspect.scheduled):
            answer = listing()
            if not answer or any(answer.values()):
                return False
        return True

    def cpu_seconds(self) -> float:
        """CPU time used so far by the worker's main process and its pool."""
        return sum(process_cpu_seconds(pid) for pid in [self.proc.pid, *self.pool_processes()])

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def pool_processes(self) -> list[int]:
        return _children(self.proc.pid) if self.proc else []

    def kill_pool_process(self) -> int:
        """SIGKILL one pool process (as the OOM killer would); the worker replaces it."""
        pid = wait_for(self.pool_processes, timeout=10, message="a pool process")[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill(self) -> int:
        """SIGKILL the whole worker (main process and pool); returns how many pool processes died."""
        pool = len(self.pool_processes())
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc = None
        return pool

    def stop(self, *, graceful: bool = False, timeout: float = 30.0) -> None:
        """Stop the worker: SIGTERM lets running tasks finish; otherwise SIGKILL (tests: quick, and the outbox copes)."""
        if self.proc is None:
            return
        if graceful and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the worker, or any orphaned pool process
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        self.proc = None


def worker_env(*, database_url: str, redis_url: str, email_url: str, **extra: str) -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        EMAIL_URL=email_url,
        DEBUG="0",
    )
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env
