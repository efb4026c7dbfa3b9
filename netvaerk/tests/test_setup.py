"""`make test` on a bare Debian machine: the tests need no program that `make test` does not install."""

import os
import subprocess

import pytest
from django.conf import settings
from weasyprint import HTML

from netvaerk.tests.pdf import pdf_pages, pdf_text

SCRIPT = settings.BASE_DIR / ".ci" / "system-packages.sh"
MISSING = "netvaerk-no-such-package"


def test_pdf_text_is_read_without_any_program_on_the_path(monkeypatch, tmp_path):
    data = HTML(string="<p>Øjvind Ærenlund</p><p style='page-break-before: always'>Side to</p>").write_pdf()
    monkeypatch.setenv("PATH", str(tmp_path))  # no pdftotext, no poppler: nothing to run
    text = pdf_text(data)
    assert pdf_pages(data) == 2
    assert "Øjvind Ærenlund" in text and "Side to" in text


def _run_script_unprivileged(**env) -> subprocess.CompletedProcess:
    """The script as a user who is not root, with one package it cannot find."""
    environment = {key: value for key, value in os.environ.items() if key not in ("CI", "REQUIRE_SERVICES")}
    environment.update(env)
    command = ["bash", "-s", "--", f"{MISSING}:{MISSING}-command"]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    # The script comes on standard input, so the unprivileged user need not be able to read the work tree.
    return subprocess.run(
        command, stdin=SCRIPT.open("rb"), env=environment, capture_output=True, text=True, timeout=60, cwd="/"
    )


@pytest.mark.skipif(not os.path.exists("/etc/debian_version"), reason="the script installs Debian packages")
def test_system_packages_not_root_prints_the_one_command_and_lets_the_tests_skip():
    result = _run_script_unprivileged()
    assert result.returncode == 0, result.stderr
    assert f"sudo apt-get install -y --no-install-recommends {MISSING}" in result.stderr
    assert "skipped" in result.stderr


@pytest.mark.skipif(not os.path.exists("/etc/debian_version"), reason="the script installs Debian packages")
@pytest.mark.parametrize("env", [{"CI": "true"}, {"REQUIRE_SERVICES": "1"}])
def test_system_packages_not_root_in_ci_fails(env):
    result = _run_script_unprivileged(**env)
    assert result.returncode == 1
    assert MISSING in result.stderr


def test_the_tests_call_no_pdf_program():
    """pdftotext (poppler-utils) is not installed by `make test`: no test may run it."""
    offenders = []
    for folder in settings.BASE_DIR.iterdir():
        for path in folder.glob("tests/*.py") if folder.is_dir() else ():
            if path.name != "test_setup.py" and "pdftotext" in path.read_text():
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert not offenders
    assert "poppler" not in (settings.BASE_DIR / ".ci" / "run").read_text()
