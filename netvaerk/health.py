"""The health endpoint: database, storage, Redis and a live Celery worker.

Load balancers and monitoring call /health/ (JSON with Accept: application/json).
Without REDIS_URL (demo mode) tasks run in the web process, so there is no
broker or worker to check.
"""

from django.conf import settings
from health_check.views import HealthCheckView


def health_checks() -> list:
    checks: list = ["health_check.checks.Database", "health_check.checks.Storage"]
    if settings.REDIS_URL:
        import datetime as dt

        from redis.asyncio import Redis

        checks += [
            "health_check.checks.Cache",
            ("health_check.contrib.redis.Redis", {"client_factory": lambda: Redis.from_url(settings.REDIS_URL)}),
            ("health_check.contrib.celery.Ping", {"timeout": dt.timedelta(seconds=2)}),
        ]
    return checks


def health_view():
    return HealthCheckView.as_view(checks=health_checks())
