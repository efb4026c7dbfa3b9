"""The health endpoints write to both file storages (on S3: paid requests) on every call: limited per IP."""

import datetime as dt

import pytest
import time_machine

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/health/web/", "/health/"])
def test_the_health_check_is_limited_per_ip_address(client, settings, path):
    settings.HEALTH_RATE_LIMIT = "2/m"
    # The limit counts in windows of the clock's minutes: the clock stands still, so a slow check
    # (it pings the workers) cannot carry the third request into the next window.
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, 5, tzinfo=dt.UTC), tick=False):
        answers = [client.get(path, HTTP_ACCEPT="application/json", REMOTE_ADDR="198.51.100.20") for _ in range(3)]
        assert [answer.status_code for answer in answers[:2]] != [429, 429]
        assert answers[2].status_code == 429
        other = client.get(path, HTTP_ACCEPT="application/json", REMOTE_ADDR="198.51.100.21")
        assert other.status_code != 429  # the monitoring's own address keeps its count
