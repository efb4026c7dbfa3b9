"""An SMTP sink for email tests (in-process) and for the benchmark (its own process)."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter, deque
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from netvaerk.tests.support import BASE_DIR, free_port, wait_for


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
            [sys.executable, "-m", "netvaerk.tests.smtp_sink", "sink", str(self.port), str(self.out_path)], cwd=BASE_DIR
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
