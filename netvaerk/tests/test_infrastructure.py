"""The real services CI runs against: PostgreSQL and Redis.

Locally these skip when the service is missing; with REQUIRE_SERVICES=1 (CI)
they fail instead, so a CI run without its database cannot pass quietly.
"""

import os

import pytest
import redis
from django.conf import settings
from django.db import connection


@pytest.mark.services
@pytest.mark.django_db
def test_database_is_postgresql_when_database_url_says_so(require_services):
    if not (settings.REQUIRE_SERVICES or os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))):
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    require_services("postgresql")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW timezone")
        assert cursor.fetchone()[0] == "UTC"  # Django's connections store UTC


@pytest.mark.services("redis")
def test_redis_answers_ping():
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    assert client.ping() is True
