"""The health endpoints write to both file storages (on S3: paid requests) on every call: limited per IP."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/health/web/", "/health/"])
def test_the_health_check_is_limited_per_ip_address(client, settings, path):
    settings.HEALTH_RATE_LIMIT = "2/m"
    answers = [client.get(path, HTTP_ACCEPT="application/json", REMOTE_ADDR="198.51.100.20") for _ in range(3)]
    assert [answer.status_code for answer in answers[:2]] != [429, 429]
    assert answers[2].status_code == 429
    other = client.get(path, HTTP_ACCEPT="application/json", REMOTE_ADDR="198.51.100.21")
    assert other.status_code != 429  # the monitoring's own address keeps its count
