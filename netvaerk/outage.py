"""Remembering that a service (Redis as cache, Redis as broker) is away.

When Redis stops answering, every request would otherwise wait for it again
(a refused connection costs little, a frozen server a socket timeout). An
``Outage`` remembers the failure: callers skip the service for
``REDIS_RETRY_SECONDS`` and use their fallback at once, then the next caller
tries again. The start and the end of an outage are logged once each, not
once per request.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What publishing a Celery task raises when Redis, the broker, is away.
BROKER_AWAY = (BrokerError, RedisConnectionError, RedisTimeoutError, OSError)

# The clock of every outage; tests put in their own to let time pass.
clock = time.monotonic


class Outage:
    """The state of one service in this process, shared by its threads."""

    def __init__(self, name: str, *, consequence: str):
        self.name = name
        self.consequence = consequence  # what the site does meanwhile, for the log line
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0

    @property
    def down(self) -> bool:
        return self._down_since is not None

    def should_try(self) -> bool:
        """Whether to call the service now: it is up, or the pause after its last failure is over."""
        return self._down_since is None or clock() >= self._retry_at

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = clock()
            self._retry_at = now + settings.REDIS_RETRY_SECONDS
            if self._down_since is not None:
                return
            self._down_since = now
        logger.warning("%s is unavailable (%s: %s); %s", self.name, type(error).__name__, error, self.consequence)

    def succeeded(self) -> bool:
        """Record an answer; True when it ends an outage."""
        if self._down_since is None:
            return False
        with self._lock:
            if self._down_since is None:
                return False
            seconds = clock() - self._down_since
            self._down_since = None
            self._retry_at = 0.0
        logger.warning("%s answers again after %.0f s", self.name, seconds)
        return True

    def reset(self) -> None:
        """Forget any outage without logging (a new test, a new process)."""
        with self._lock:
            self._down_since = None
            self._retry_at = 0.0


_registry: dict[str, Outage] = {}
_registry_lock = threading.Lock()


def outage_for(name: str, *, consequence: str) -> Outage:
    """The one Outage of this process for ``name``."""
    with _registry_lock:
        if name not in _registry:
            _registry[name] = Outage(name, consequence=consequence)
        return _registry[name]


def outages() -> list[Outage]:
    with _registry_lock:
        return list(_registry.values())
