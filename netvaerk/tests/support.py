"""Real parts for email tests and the benchmark: an SMTP sink and a Celery worker process."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, deque
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    # aiosmtpd's Controller(port=0) may refuse connections; bind a socket to
    # find a free port and hand that number over explicitly.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.05, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


class SinkHandler:
    """Accepts every message, unless told to refuse some first or reject recipients."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[EmailMessage] = []
        self.data_responses: deque[str] = deque()  # answers to DATA before accepting, e.g. "421 ..."
        self.rcpt_response: str | None = None  # e.g. "550 5.1.1 No such user"
        self.delay = 0.0
        # From this many accepted messages on, DATA waits until ``released`` is set: a batch is then
        # in the middle of being sent for as long as the test needs (e.g. to kill a worker).
        self.hold_after: int | None = None
        self.released = threading.Event()
        self.data_attempts = 0
        self.sessions = 0  # EHLOs: one per SMTP connection

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.lock:
            self.sessions += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_response:
            return self.rcpt_response
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_attempts += 1
            if self.data_responses:
                return self.data_responses.popleft()
        if self.delay:
            await asyncio.sleep(self.delay)
        while self.hold_after is not None and len(self.messages) >= self.hold_after and not self.released.is_set():
            await asyncio.sleep(0.01)  # held: the sender waits for the answer to DATA
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""

    def __init__(self):
        # aiosmtpd logs every SMTP command at INFO; keep test output readable.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        with self.handler.lock:
            return list(self.handler.messages)

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]

    def count(self) -> int:
        with self.handler.lock:
            return len(self.handler.messages)

    def duplicates(self) -> int:
        counts = Counter(self.message_ids())
        return sum(n - 1 for n in counts.values())


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


def database_url(settings_dict) -> str:
    """A DATABASE_URL for another process to use the same (test) database."""
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


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


_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]*>)", re.IGNORECASE | re.MULTILINE)


class _RecordingHandler:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        # A header search instead of parsing the whole message: the sink
        # should cost as little CPU as possible next to what it measures.
        found = _MESSAGE_ID.search(envelope.content)
        self.out.write(f"{found.group(1).decode().strip() if found else ''}\n")
        self.out.flush()
        return "250 Message accepted for delivery"


class SmtpSinkProcess:
    """An SMTP sink in its own process, writing each received Message-ID to a file.

    For the benchmark: an in-process sink would compete for the GIL with the
    code that queues the emails and slow every SMTP round trip.
    """

    def __init__(self, out_path: Path):
        self.out_path = out_path
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        self.out_path.write_text("")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "netvaerk.tests.support", "sink", str(self.port), str(self.out_path)], cwd=BASE_DIR
        )

        def listening():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    return sock.recv(100).startswith(b"220")
            except OSError:
                return False

        wait_for(listening, timeout=15, interval=0.1, message="the SMTP sink process")
        return self

    def __exit__(self, *exc_info):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def message_ids(self) -> list[str]:
        return [line for line in self.out_path.read_text().splitlines() if line]

    def count(self) -> int:
        return self.out_path.read_bytes().count(b"\n")


def _serve_sink(port: int, out_path: str) -> None:
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    with open(out_path, "a") as out:
        controller = Controller(_RecordingHandler(out), hostname="127.0.0.1", port=port, ready_timeout=10)
        controller.start()
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *args: stop.set())
        stop.wait()
        controller.stop()


if __name__ == "__main__" and sys.argv[1:2] == ["sink"]:
    _serve_sink(int(sys.argv[2]), sys.argv[3])


def csp_violations(driver) -> list[str]:
    """What the browser refused under the Content-Security-Policy since the last call (its console log)."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
