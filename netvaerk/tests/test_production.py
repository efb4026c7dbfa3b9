import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_endpoint_reports_database_and_storage(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    body = json.loads(response.content)
    # With REDIS_URL set the endpoint also asks for a live Celery worker, which
    # this test does not start: only the database and storage are asserted here.
    assert any(key.startswith("Database") and value == "OK" for key, value in body.items())


def test_production_settings_pass_check_deploy():
    env = dict(os.environ)
    env.update(
        {
            "PRODUCTION": "1",
            "SECRET_KEY": "k3Jd9-Qp2Lx8Vz7Nw4Rt6Ys1Hb5Gf0Mc-Ea2Ui9Oo3Pl7Kj4Hg8Fd6Sa1Zx5Cv",
            "ALLOWED_HOSTS": "netvaerk.example.dk",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_json_log_lines_are_structured():
    import logging

    from config.logging import JsonLineFormatter

    record = logging.LogRecord("registration", logging.INFO, __file__, 1, "confirmed id=%s", (4,), None)
    line = json.loads(JsonLineFormatter().format(record))
    assert line["message"] == "confirmed id=4" and line["level"] == "INFO"


def test_personal_link_keys_never_reach_the_log(client, caplog, db):
    import logging

    from config.logging import RedactSecretsFilter

    token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyzXYZ"
    logger = logging.getLogger("django.request")
    logger.addFilter(RedactSecretsFilter())
    try:
        with caplog.at_level("WARNING", logger="django.request"):
            assert client.get(f"/tilmelding/{token}/").status_code == 404
    finally:
        logger.filters.clear()
    assert caplog.records and all(token not in record.getMessage() for record in caplog.records)


def test_gunicorn_access_log_redacts_personal_links():
    from config.logging import redact

    assert redact("GET /tilmelding/AbCdEfGhIjKlMnOpQrSt123/ HTTP/1.1") == "GET /tilmelding/…/ HTTP/1.1"
    assert redact("/netvaerk/x/gruppe/materiale/5f0c7d2e-8a7b-4c1e-9d3f-0a1b2c3d4e5f/hent/") == (
        "/netvaerk/x/gruppe/materiale/…/hent/"
    )
