"""Helpers of the public pages' tests: the page's visible text and facts, the queries a page makes."""

import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

# The demo's seed meeting (demo/loaders: the seed meeting 21-374).
SEED_URL = "/moeder/21-374/"


def page_text(response) -> str:
    """The page's visible text with tags removed and whitespace collapsed."""
    assert response.status_code == 200
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


def page_facts(response) -> list[str]:
    """The values of the page's fact lists (<dd>), as text."""
    return [
        html.unescape(" ".join(re.sub(r"<[^>]+>", " ", dd).split()))
        for dd in re.findall(r"<dd[^>]*>(.*?)</dd>", response.content.decode(), flags=re.S)
    ]


def page_queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)
