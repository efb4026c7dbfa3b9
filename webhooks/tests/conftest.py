import pytest

# The real Celery worker, Redis broker and settle fixtures of the email tests.
from netvaerk.tests.conftest import (  # noqa: F401
    broker,
    real_services,
    settle,
    smtp_sink,
    start_worker,
    started_workers,
    worker_settings,
)

from .receiver import Receiver


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    """The test receiver listens on http://127.0.0.1 (production refuses that; see test_urlcheck)."""
    settings.WEBHOOK_ALLOW_LOCAL = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 5


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def subscribe(receiver):
    """Make an active subscription posting to the receiver, which checks its signature."""
    from netvaerk.events import EVENT_TYPES
    from webhooks.models import Subscription

    def make(*, networks=(), all_networks=False, events=None, path="/hook", **fields):
        subscription = Subscription.objects.create(
            name=fields.pop("name", "Boligforeningens hjemmeside"),
            url=receiver.url(path),
            all_networks=all_networks,
            events=list(EVENT_TYPES) if events is None else events,
            **fields,
        )
        subscription.networks.set(networks)
        receiver.expect(subscription, path)
        return subscription

    return make
