"""Small helpers of the tests: free ports, waiting for a condition, the test database's URL, CSP reports.

The real parts live beside it: the SMTP sink in smtp_sink.py, Redis and the Celery worker in redis_celery.py.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import quote

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


def database_url(settings_dict) -> str:
    """A DATABASE_URL for another process to use the same (test) database."""
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def csp_violations(driver) -> list[str]:
    """What the browser refused under the Content-Security-Policy since the last call (its console log)."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
