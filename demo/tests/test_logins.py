"""The demo's logins: printed by `load_demo`, listed in the README, and each opens what it should."""

import os
import re
import sqlite3
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from demo.load import load_demo
from demo.logins import (
    CONSULTANT_EMAIL,
    CONSULTANT_PASSWORD,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    SECRETARIAT_EMAIL,
    SECRETARIAT_PASSWORD,
)
from netvaerk.tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


def test_load_demo_command_prints_logins():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert CONSULTANT_EMAIL in out.getvalue()
    assert MEMBER_EMAIL in out.getvalue()
    assert MEMBER_PASSWORD in out.getvalue()
    assert SECRETARIAT_EMAIL in out.getvalue() and SECRETARIAT_PASSWORD in out.getvalue()


def test_load_demo_secretariat_logs_in_and_downloads_a_list_of_another_network(client):
    from meetings.models import Meeting

    load_demo()
    assert client.login(email=SECRETARIAT_EMAIL, password=SECRETARIAT_PASSWORD)
    meeting = Meeting.objects.get(title="Hvem ejer idéerne? Lokalsamfund og beboerinddragelse")
    response = client.get(reverse("registration:staff_meeting_export", args=[meeting.code, "deltagere", "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_load_demo_consultant_can_log_in_to_admin(client):
    load_demo()
    assert client.login(email=CONSULTANT_EMAIL, password=CONSULTANT_PASSWORD)
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200


def test_demo_member_logs_in_and_uses_the_group_space(client):
    load_demo()
    response = client.post(reverse("account_login"), {"login": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    assert response["Location"] == reverse("members:home")
    home = client.get(reverse("members:home")).content.decode()
    assert "Lokalsamfund" in home
    slug = "lokalsamfund-medborgerskab"
    board = client.get(reverse("members:board", args=[slug]))
    assert board.status_code == 200
    assert "Erfaringer med ungeråd?" in board.content.decode()
    directory = client.get(reverse("members:directory", args=[slug])).content.decode()
    assert "ahmad.rahimi@tingbjerg.example" in directory
    assert "soeren.holt@ribe.example" not in directory  # did not consent
    material = client.get(reverse("members:material", args=[slug]))
    item = next(m for m in material.context["materials"] if m.kind == "file")
    download = client.get(reverse("members:material_download", args=[slug, item.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "Til stede" in client.get(reverse("members:minutes", args=[slug])).content.decode()
    assert client.get(reverse("members:registrations")).context["upcoming"]


def test_demo_coordinator_sees_the_pending_request(client):
    load_demo()
    client.post(reverse("account_login"), {"login": CONSULTANT_EMAIL, "password": CONSULTANT_PASSWORD})
    page = client.get(reverse("members:requests", args=["lokalsamfund-medborgerskab"]))
    assert page.status_code == 200
    assert "Fatima Ali" in page.content.decode()


# --- The demo opens for everyone in the README's table -------------------------------------

README = settings.BASE_DIR / "README.md"


def readme_logins() -> list[tuple[str, str, str]]:
    """(who, email, password) of every row of the README's table of demo logins."""
    rows = re.findall(r"^\| ([^|]+?) \| `([^`]+@[^`]+)` \| `([^`]+)` \|$", README.read_text(), flags=re.MULTILINE)
    assert len(rows) >= 4, "the README's table of demo logins was not found"
    return rows


def test_every_demo_login_in_the_readme_signs_in_at_once_through_the_login_form(demo):
    for who, email, password in readme_logins():
        client = Client()
        response = client.post(reverse("account_login"), {"login": email, "password": password}, follow=True)
        redirects = [url for url, _status in response.redirect_chain]
        assert response.status_code == 200, who
        assert reverse("account_email_verification_sent") not in redirects, f"{who} must confirm the email first"
        assert response.wsgi_request.user.is_authenticated, who
        assert response.wsgi_request.user.email == email, who
        assert redirects[-1] == reverse("members:home"), who


def _without(*names: str) -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in names}


def _site_url(**env) -> str:
    """SITE_URL as the real settings module computes it in a fresh process."""
    environment = _without("SITE_URL", "PORT", "DJANGO_SETTINGS_MODULE")
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_the_port_unless_it_is_set():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8101") == "http://127.0.0.1:8101"
    assert _site_url(PORT="8101", SITE_URL="https://netvaerk.example.dk/") == "https://netvaerk.example.dk"


def test_demo_on_another_port_prints_and_mails_links_to_that_port(tmp_path):
    """`PORT=8101 make demo`: migrate and load_demo as make runs them, emails through a real SMTP server."""
    database = tmp_path / "demo.sqlite3"
    with SmtpSink() as sink:
        env = _without("SITE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "CACHE_URL", "EMAIL_URL", "DATABASE_URL")
        env.update(
            PORT="8101",
            DATABASE_URL=f"sqlite:///{database}",
            EMAIL_URL=sink.url,
            MEDIA_ROOT=str(tmp_path / "media"),
            PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        )
        for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
            result = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=settings.BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, result.stdout + result.stderr
        mailed = [
            part.get_content()
            for message in sink.messages
            for part in message.walk()
            if part.get_content_maintype() == "text"
        ]

    printed = result.stdout
    assert "http://127.0.0.1:8101/admin/" in printed
    assert "http://127.0.0.1:8101/konto/login/" in printed
    assert ":8000" not in printed
    assert mailed, "the demo sends emails (a member's sign-up)"
    ports = {port for text in mailed for port in re.findall(r"https?://(?:127\.0\.0\.1|localhost):(\d+)", text)}
    assert ports == {"8101"}
    with sqlite3.connect(database) as db:  # allauth's emails name the site by this domain
        assert db.execute("SELECT domain FROM django_site").fetchall() == [("127.0.0.1:8101",)]
