"""Found in review: CORS on every public answer, m2m changes reaching cached answers, no limit bypass by X-Forwarded-For."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory, WorkAreaFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"api-v1:{name}", kwargs=kwargs or None)


def test_a_304_and_a_429_carry_the_cors_header_too(one_rate_limit_window, client, settings):
    """A browser on another site must be able to read a revalidated answer and see that it was refused."""
    meeting = MeetingFactory()
    first = client.get(url("meeting_detail", code=meeting.code))
    again = client.get(url("meeting_detail", code=meeting.code), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    settings.API_RATE_LIMIT = "1/m"
    client.get(url("network_list"), REMOTE_ADDR="10.9.9.9")
    refused = client.get(url("network_list"), REMOTE_ADDR="10.9.9.9")
    assert refused.status_code == 429
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_a_networks_new_work_area_is_in_the_cached_answer_at_once(client):
    """Adding to a many-to-many field saves no row of the network: it must still make cached answers stale."""
    network = NetworkFactory(slug="alfa")
    area = WorkAreaFactory(name="Boligsocialt arbejde", slug="boligsocialt")
    assert client.get(url("network_detail", slug="alfa")).json()["work_areas"] == []
    assert client.get(url("network_detail", slug="alfa"))["X-Page-Cache"] == "hit"
    network.work_areas.add(area)
    answer = client.get(url("network_detail", slug="alfa"))
    assert [a["slug"] for a in answer.json()["work_areas"]] == ["boligsocialt"]
    assert client.get(url("work_area_list")).json()[0]["slug"] == "boligsocialt"


def test_the_limit_cannot_be_dodged_by_writing_x_forwarded_for(one_rate_limit_window, client, settings):
    """Behind one trusted proxy only the address it appended counts; what the client wrote before it does not."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.API_RATE_LIMIT = "2/m"
    statuses = [
        client.get(url("network_list"), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}, 198.51.100.7").status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 429, 429]
    fresh = client.get(url("network_list"), HTTP_X_FORWARDED_FOR="198.51.100.7, 198.51.100.8")
    assert fresh.status_code == 200  # another client behind the same proxy has its own count
