"""Web machines for the two-of-everything test: the Procfile's `web` line as a subprocess on its own port.

The command is read from the Procfile and run by the shell exactly as honcho or
a process manager would, with PORT, BIND_HOST and WEB_CONCURRENCY from the
environment, so the test proves the Procfile honours them.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import requests

from netvaerk.tests.support import BASE_DIR, free_port, wait_for


def procfile_command(name: str) -> str:
    for line in (BASE_DIR / "Procfile").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    raise LookupError(f"no {name!r} line in the Procfile")


# collectstatic with Django's ManifestStaticFilesStorage: the same hashed names and the same staticfiles.json
# that the production storage (WhiteNoise's CompressedManifestStaticFilesStorage, a subclass) writes and reads,
# without the gzip and Brotli copies (26 s and 46 s of CPU for the API docs' bundles and source maps), which no
# test of the stack reads: WhiteNoise serves the uncompressed file when there is no compressed one.
_COLLECT_MANIFEST_ONLY = """
import django
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

django.setup()
manifest_only = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": manifest_only}):
    call_command("collectstatic", interactive=False, verbosity=0)
"""


def collectstatic(env: dict[str, str], static_root: Path) -> None:
    """The manifest the production static storage needs (DEBUG=0), into the test's own folder."""
    subprocess.run(
        [sys.executable, "-c", _COLLECT_MANIFEST_ONLY],
        cwd=BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", **env, "STATIC_ROOT": str(static_root)},
        check=True,
        capture_output=True,
    )


class WebMachine:
    """One "machine": gunicorn from the Procfile with its own port and its own local folders."""

    def __init__(self, *, name: str, env: dict[str, str], folder: Path, concurrency: int = 2):
        self.name = name
        self.port = free_port()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        # Local disk of this machine only: nothing uploaded may end up here with S3 configured.
        self.env = {
            **env,
            "PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",
            "WEB_CONCURRENCY": str(concurrency),
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        }
        self.log_path = folder / "gunicorn.log"
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> WebMachine:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                ["bash", "-c", "exec " + procfile_command("web")],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def answers():
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn {self.name} exited:\n{self.log()}")
            try:
                return requests.get(self.base + "/privatliv/", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        try:
            wait_for(answers, timeout=timeout, interval=0.2, message=f"gunicorn {self.name} on {self.base}")
        except BaseException:
            self.stop()
            raise
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def local_files(self) -> list[Path]:
        return [path for path in self.folder.rglob("*") if path.is_file() and path.name != "gunicorn.log"]

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        self.proc = None


_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(page: str) -> str:
    return _CSRF_INPUT.search(page).group(1)


def browser_for(user=None) -> requests.Session:
    """A browser (cookie jar) logged in as the user: the session lives in the shared database.

    Cookies are per host, not per port, so the same browser is known to both
    web machines, as behind a load balancer.
    """
    from django.test import Client

    session = requests.Session()
    if user is not None:
        client = Client()
        client.force_login(user)
        for name, morsel in client.cookies.items():
            session.cookies.set(name, morsel.value, domain="127.0.0.1", path="/")
    return session
