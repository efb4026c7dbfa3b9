"""The health endpoints: which part of the full stack is away.

Monitoring calls /health/ (JSON with Accept: application/json). Each check
names its part: the database, file storage, the Redis cache, the Celery
broker, a live worker and the outbox backlog. The answer is 200 when all
answer, 503 when one does not. The site keeps serving pages meanwhile
(uncached while Redis is away), so a load balancer asks /health/web/ instead:
only what a web process needs to serve pages (the database and the files).
Without REDIS_URL (demo mode) tasks run in the web process: there is no
broker, worker or shared cache to check.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import re

from csp.decorators import csp_update
from django.conf import settings
from django.core.cache import caches
from health_check.base import HealthCheck
from health_check.contrib.celery import Ping
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from kombu.exceptions import OperationalError as BrokerError

from .cache import REDIS_AWAY, RedisCacheWithFallback
from .throttle import over_limit, too_many_requests


@dataclasses.dataclass
class SharedCache(HealthCheck):
    """Redis as the shared cache: written and read back, past any remembered outage."""

    timeout: dt.timedelta = dataclasses.field(default=dt.timedelta(seconds=3), repr=False)

    def __repr__(self):
        return "Cache (Redis)"

    def run(self):
        backend = caches["default"]
        if not isinstance(backend, RedisCacheWithFallback):
            return
        key = "health:probe"
        try:
            backend.redis.set(key, "ok", 10)
            answer = backend.redis.get(key)
        except REDIS_AWAY as error:
            backend.outage.failed(error)
            raise ServiceUnavailable(
                "Redis does not answer: pages are served uncached, rate limits count per process"
            ) from error
        if answer != "ok":
            raise ServiceUnavailable("Redis gave back a different value")
        backend.outage.succeeded()


@dataclasses.dataclass
class Broker(HealthCheck):
    """Redis as the Celery broker: one connection attempt, no retries."""

    timeout: dt.timedelta = dataclasses.field(default=dt.timedelta(seconds=3), repr=False)

    def __repr__(self):
        return "Broker (Redis)"

    def run(self):
        from celery import current_app as app  # the project's app (config/celery_app.py), made at start-up

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=0)
        except (BrokerError, *REDIS_AWAY) as error:
            raise ServiceUnavailable("The broker does not answer: emails wait in the outbox") from error


@dataclasses.dataclass
class Workers(Ping):
    """A live Celery worker for every queue (django-health-check's ping)."""

    def __repr__(self):
        return "Celery workers"

    def run(self):
        try:
            super().run()
        except BrokerError as error:
            raise ServiceUnavailable("No worker can be asked: the broker does not answer") from error


# Both upload storages: public (blog images) and private (material, minutes): the disk or the S3 store.
WEB_CHECKS = [
    "health_check.checks.Database",
    "health_check.checks.Storage",
    ("health_check.checks.Storage", {"alias": "private"}),
]


# Checks of the parts behind the broker that apps add in their AppConfig.ready() (the outbox: its
# backlog), run with the full stack's checks.
SERVICE_CHECKS: list = []


def health_checks() -> list:
    checks: list = list(WEB_CHECKS)
    if settings.REDIS_URL:
        checks += [SharedCache, Broker, (Workers, {"timeout": dt.timedelta(seconds=2)}), *SERVICE_CHECKS]
    return checks


class HealthView(HealthCheckView):
    web_only = False

    def get_checks(self):
        # Per request: the settings decide, also when a test changes them.
        self.checks = WEB_CHECKS if self.web_only else health_checks()
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        # Every answer writes, reads and deletes a file on both storages (on S3: paid requests) and pings
        # the workers: per IP address at most HEALTH_RATE_LIMIT, so anyone's flood cannot multiply that.
        if over_limit(request, setting="HEALTH_RATE_LIMIT", group="health"):
            return too_many_requests(request)
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:  # the library's answer when a check failed
            response.status_code = 503
        return _allow_own_style_blocks(response)


_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _allow_own_style_blocks(response):
    """Allow the library's HTML page its own <style> block, by hash.

    The site's policy allows no inline style; this page's stylesheet comes
    with django-health-check's template, so exactly that text is allowed.
    """
    if hasattr(response, "render"):
        response.render()
    if not response.get("Content-Type", "").startswith("text/html"):
        return response
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'"
        for block in _STYLE_BLOCK.findall(response.content.decode())
    ]
    if not hashes:
        return response

    @csp_update({"style-src": hashes})
    def with_hashes():
        return response

    return with_hashes()


def health_view(*, web_only: bool = False):
    return HealthView.as_view(web_only=web_only)
