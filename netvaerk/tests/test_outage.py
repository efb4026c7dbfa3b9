"""Degrade, never fail: the site against a real Redis that the test stops and starts again.

The test runs its own redis-server on a free port (never the shared one),
points the cache and the Celery broker of this process and of a real worker
at it, and walks the public site with Redis stopped.
"""

import json
import logging
import time
import uuid
from datetime import timedelta

import pytest
import redis
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from content.models import Comment, OfferRequest
from content.tests.factories import BlogPostFactory, OfferFactory
from meetings.tests.factories import MeetingFactory
from members.tests.factories import PASSWORD, VerifiedUserFactory
from netvaerk import outage as outage_module
from netvaerk import pagecache
from netvaerk.cache import CacheUnavailable, RedisCacheWithFallback, shared_cache_call
from netvaerk.tests.redis_celery import CeleryWorker, RedisServer, worker_env
from netvaerk.tests.smtp_sink import SmtpSink
from netvaerk.tests.support import database_url, wait_for
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context
from outbox.sweep import email_sweep
from registration.models import Registration

SIGNUP = {
    "name": "Åse Ærø",
    "email": "aase@example.dk",
    "phone": "12 34 56 78",
    "organisation": "Boligforeningen Rosenhøj",
    "job_title": "Social vicevært",
    "comment": "",
    "privacy": "on",
}
COMMENT = {"name": "Bo Gæst", "email": "bo@example.dk", "body": "Hvordan holder I fast i de frivillige?"}
OFFER_REQUEST = {
    "organisation_name": "Gladsaxe Kommune",
    "contact_name": "Birgitte Holm",
    "email": "birgitte.holm@example.dk",
    "phone": "39 57 50 00",
    "format": "whole_day",
    "period": "Efteråret",
    "participants": "24",
    "wishes": "",
    "privacy": "on",
}


class FakeClock:
    """The outages' clock: time passes only when the test says so."""

    def __init__(self):
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _fresh_page_version():
    # The page version this process remembers belongs to the cache a test used.
    pagecache._version.update(value=None, missed=False)
    yield
    pagecache._version.update(value=None, missed=False)


@pytest.fixture
def own_redis(tmp_path, settings):
    import shutil

    if not shutil.which("redis-server"):
        message = "redis-server is not installed (apt-get install redis-server)"
        if settings.REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    server = RedisServer(tmp_path / "redis.log").start()
    yield server
    server.stop()


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(outage_module, "clock", fake)
    return fake


@pytest.fixture
def site_on_own_redis(settings, own_redis, clock):
    """This process: the real Redis cache and broker on the test's own redis-server, tasks not eager."""
    from config.celery_app import app

    settings.REDIS_URL = own_redis.url
    settings.CACHES = {
        "default": {
            "BACKEND": "netvaerk.cache.RedisCacheWithFallback",
            "LOCATION": own_redis.url,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    suffix = uuid.uuid4().hex[:8]
    settings.EMAIL_QUEUE = f"mail-{suffix}"
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=own_redis.url, task_always_eager=False, task_default_queue=f"default-{suffix}")
    # What Celery does in a forked process: drop its connection pools, so the
    # next publish connects to the broker configured now.
    app._after_fork()
    yield own_redis
    app.conf.update(saved)
    app._after_fork()


def _outage_lines(caplog, start: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "netvaerk.outage" and r.getMessage().startswith(start) and "is unavailable" in r.getMessage()
    ]


@pytest.mark.services("postgresql")  # the worker process shares the test database
def test_redis_stopped_the_site_serves_saves_and_throttles_and_catches_up_when_it_returns(
    site_on_own_redis, transactional_db, settings, tmp_path, caplog, clock
):
    caplog.set_level(logging.INFO)
    redis_server = site_on_own_redis
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    settings.BLOG_COMMENT_RATE_LIMIT = "1/m"
    settings.OFFER_REQUEST_RATE_LIMIT = "1/m"
    meeting = MeetingFactory(capacity=100)
    post = BlogPostFactory()
    offer = OfferFactory()
    member = VerifiedUserFactory(email="medlem@example.dk")
    VerifiedUserFactory(email="maja@example.dk")
    pages = ["/", "/moeder/", meeting.get_absolute_url(), meeting.network.get_absolute_url(), "/blog/"]
    pages.append(post.get_absolute_url())

    with SmtpSink() as sink:
        worker = CeleryWorker(
            env=worker_env(
                database_url=database_url(connection.settings_dict),
                redis_url=redis_server.url,
                email_url=sink.url,
                EMAIL_QUEUE=settings.EMAIL_QUEUE,
                CELERY_DEFAULT_QUEUE=f"default-{settings.EMAIL_QUEUE.removeprefix('mail-')}",
            ),
            log_path=tmp_path / "worker.log",
            queues=f"{settings.EMAIL_QUEUE},default-{settings.EMAIL_QUEUE.removeprefix('mail-')}",
        ).start()
        try:
            # With Redis: the second visit comes from the page cache.
            assert Client().get("/")["X-Page-Cache"] == "miss"
            assert Client().get("/")["X-Page-Cache"] == "hit"

            redis_server.stop()

            # Every public page renders, uncached.
            for page in pages:
                for _visit in range(2):
                    response = Client().get(page)
                    assert response.status_code == 200, page
                    assert response["X-Page-Cache"] == "off", page

            # The clock stands still from the first sign-up to the last limited post: django-ratelimit counts
            # in windows of a minute (jittered per key), which requests a second apart can straddle.
            with time_machine.travel(time.time(), tick=False):
                # A sign-up is saved, its email waits in the outbox, the receipt opens.
                visitor = Client()
                response = visitor.post(meeting.get_absolute_url(), SIGNUP)
                assert response.status_code == 302
                receipt = visitor.get(response["Location"])
                assert receipt.status_code == 200 and "aase@example.dk" in receipt.content.decode()
                registration = Registration.objects.get(email="aase@example.dk")
                email = OutgoingEmail.objects.get(recipient="aase@example.dk")
                assert email.status == EmailStatus.QUEUED and str(registration.pk) in email.idempotency_key

                # The rate limits hold, counted in this process.
                second = Client().post(meeting.get_absolute_url(), {**SIGNUP, "email": "bente@example.dk"})
                assert second.status_code == 302
                third = Client().post(meeting.get_absolute_url(), {**SIGNUP, "email": "carl@example.dk"})
                assert third.status_code == 429
                assert not Registration.objects.filter(email="carl@example.dk").exists()
                assert Client().post(post.get_absolute_url(), COMMENT).status_code == 302
                assert Client().post(post.get_absolute_url(), {**COMMENT, "body": "Igen"}).status_code == 429
                assert Comment.objects.count() == 1
                offer_url = reverse("content:offer_request", args=[offer.slug])
                assert Client().post(offer_url, OFFER_REQUEST).status_code == 302
                assert Client().post(offer_url, {**OFFER_REQUEST, "email": "to@example.dk"}).status_code == 429
                assert OfferRequest.objects.count() == 1
            stranger = Client()
            for _attempt in range(5):
                stranger.post(reverse("account_login"), {"login": "maja@example.dk", "password": "forkert"})
            refused = stranger.post(reverse("account_login"), {"login": "maja@example.dk", "password": PASSWORD})
            assert "For mange mislykkede" in refused.content.decode()

            # Logging in works: sessions live in the database.
            member_client = Client()
            login = member_client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
            assert login.status_code == 302 and login["Location"] == reverse("members:home")
            assert member_client.get(reverse("members:home")).status_code == 200

            # One line per outage and service, however many requests met it.
            assert len(_outage_lines(caplog, "Redis cache at")) == 1
            assert "rate limits count per process" in _outage_lines(caplog, "Redis cache at")[0]
            assert len(_outage_lines(caplog, "Celery broker")) == 1

            # /health/ names the parts that are away.
            health = Client().get("/health/", HTTP_ACCEPT="application/json")
            assert health.status_code == 503
            report = json.loads(health.content)
            assert report["Cache (Redis)"].startswith("Unavailable")
            assert report["Broker (Redis)"].startswith("Unavailable")
            assert report["Celery workers"].startswith("Unavailable")
            assert any(key.startswith("Database") and value == "OK" for key, value in report.items())
            assert report["Outbox backlog"] == "OK"
            # The load balancer's check: this web process serves pages.
            assert Client().get("/health/web/", HTTP_ACCEPT="application/json").status_code == 200
            waiting = set(OutgoingEmail.objects.values_list("message_id", flat=True))
            assert OutgoingEmail.objects.exclude(status=EmailStatus.QUEUED).count() == 0
            assert sink.count() == 0

            # Redis is back (empty, as after a crash without persistence).
            redis_server.start()
            clock.advance(settings.REDIS_RETRY_SECONDS)

            assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "miss"
            assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
            assert redis.Redis.from_url(redis_server.url).keys("*pagecache:page:*")
            assert any("answers again" in r.getMessage() for r in caplog.records if r.name == "netvaerk.outage")

            # The sweeper (beat's every-minute run) hands the waiting emails to the worker.
            assert email_sweep(stuck_after=timedelta(0)) == len(waiting)
            wait_for(
                lambda: not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists(),
                timeout=90,
                interval=0.2,
                message="every waiting email sent",
            )
        finally:
            worker.stop(graceful=True)
        assert sorted(sink.message_ids()) == sorted(waiting)  # each exactly once
        assert "aase@example.dk" in {m["To"] for m in sink.messages}


def test_a_task_that_meets_the_database_shutting_down_is_retried_not_left_for_the_sweeper(
    start_worker, smtp_sink, tmp_path
):
    marker = tmp_path / "database-fails-once"
    marker.touch()
    worker = start_worker(app="netvaerk.tests.fault_injection", DB_FAULT_MARKER=str(marker))
    email = email_queue(
        to="deltager@example.org",
        template="test_message",
        context=demo_organiser_context(),
        language="da",
        idempotency_key="database-restart:1",
    )

    # No sweeper runs here: only the task's own retry can deliver it.
    wait_for(lambda: smtp_sink.count() >= 1, timeout=60, message="the email after the database came back")
    worker.stop(graceful=True)

    assert not marker.exists()  # the fault was met
    log = worker.log()
    assert "terminating connection due to administrator command" in log and "Retry in" in log
    assert smtp_sink.message_ids() == [email.message_id]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1


def test_while_redis_is_away_the_cache_leaves_it_alone_until_the_retry_time(own_redis, clock, caplog, settings):
    caplog.set_level(logging.INFO)

    settings.CACHES = {
        "default": {
            "BACKEND": "netvaerk.cache.RedisCacheWithFallback",
            "LOCATION": own_redis.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    backend = caches["default"]
    assert isinstance(backend, RedisCacheWithFallback)
    assert backend.add("counter", 0, 60) and backend.incr("counter") == 1
    calls = []
    original_get = backend.redis.get

    def counting_get(*args, **kwargs):
        calls.append(args)
        return original_get(*args, **kwargs)

    backend.redis.get = counting_get
    own_redis.stop()

    # Answered from this process's memory; Redis was asked once, then left alone.
    for _ in range(5):
        assert backend.get("counter") is None
    assert len(calls) == 1
    assert backend.add("counter", 0, 60) and backend.incr("counter") == 1 and backend.incr("counter") == 2
    with pytest.raises(CacheUnavailable):
        shared_cache_call("get", "counter")
    assert len(calls) == 1
    assert [r.levelname for r in caplog.records if r.name == "netvaerk.outage"] == ["WARNING"]

    clock.advance(settings.REDIS_RETRY_SECONDS)
    assert backend.get("counter") == 2  # tried Redis once more, still away
    assert len(calls) == 2

    own_redis.start()
    clock.advance(settings.REDIS_RETRY_SECONDS)
    assert backend.get("counter") is None  # Redis again (empty after its restart)
    assert backend.outage.down is False
    assert backend.local.get("counter") is None  # the stand-in starts clean for the next outage
    assert "answers again" in caplog.records[-1].getMessage()


@pytest.mark.django_db
def test_a_change_made_while_redis_hung_is_shown_when_it_answers_again(own_redis, clock, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "netvaerk.cache.RedisCacheWithFallback",
            "LOCATION": own_redis.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    meeting = MeetingFactory(title="Før ændringen")
    Client().get(meeting.get_absolute_url())
    assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"

    own_redis.freeze()  # Redis keeps its data, so the old page and version are there when it thaws
    try:
        assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "off"  # times out: Redis is away
        meeting.title = "Efter ændringen"
        meeting.save()  # its bump does not go to Redis while it is away
        response = Client().get(meeting.get_absolute_url())
        assert response["X-Page-Cache"] == "off" and "Efter ændringen" in response.content.decode()
    finally:
        own_redis.thaw()
    clock.advance(settings.REDIS_RETRY_SECONDS)

    html = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Efter ændringen" in html and "Før ændringen" not in html
    assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
