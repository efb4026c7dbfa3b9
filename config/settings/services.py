"""Settings for the services behind the portal: Redis (cache), Celery and email.

Star-imported by config/settings/__init__.py after base.py.
"""

from .base import DEBUG, TIME_ZONE, VAR_DIR, env  # noqa: F401

# Redis: broker for Celery and the shared cache. Unset means demo mode.
REDIS_URL = env("REDIS_URL", default="")
# The site degrades, never fails, while Redis is away: pages are served
# uncached, rate limits count per process (netvaerk/cache.py), emails wait in
# the outbox (outbox/). A call to Redis gives up after
# REDIS_TIMEOUT_SECONDS; after a failure, Redis is left alone for
# REDIS_RETRY_SECONDS before it is tried again, so only one request in that
# time waits for a frozen Redis.
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=1.0)
REDIS_RETRY_SECONDS = env.float("REDIS_RETRY_SECONDS", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "netvaerk.cache.RedisCacheWithFallback",
            "LOCATION": env("CACHE_URL", default=REDIS_URL),
            # Several portals (or test runs) on one Redis database keep their cache keys apart.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default=""),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis as broker; without REDIS_URL (the demo) tasks run eagerly in
# the web process. Emails go through their own `mail` queue so a backlog of
# bulk mail never delays other jobs, and a worker can be dedicated to it.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Queue names can be changed so that two installations (or parallel test
# runs) can share one Redis database; workers consume them with -Q.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_DEFAULT_QUEUE", default="default")
EMAIL_QUEUE = env("EMAIL_QUEUE", default="mail")
CELERY_TASK_ROUTES = {
    "outbox.email_send": {"queue": EMAIL_QUEUE},
    "outbox.email_send_batch": {"queue": EMAIL_QUEUE},
}
# Emails stored in one transaction go to the worker in tasks of this many.
EMAIL_BATCH_SIZE = env.int("EMAIL_BATCH_SIZE", default=20)
# acks_late + reject_on_worker_lost for the send task are set on the task
# itself (outbox/tasks.py), where a reader of the task sees them; these
# annotations make the same promise visible here and win if both disagree.
CELERY_TASK_ANNOTATIONS = {
    "outbox.email_send": {"acks_late": True, "reject_on_worker_lost": True},
}
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_WORKER_PREFETCH_MULTIPLIER = env.int("CELERY_WORKER_PREFETCH_MULTIPLIER", default=4)
# A message a worker took but never acknowledged (the whole worker was
# killed) reappears only after this many seconds. The outbox sweeper re-sends
# long before that, so this only has to exceed the longest retry countdown
# (EMAIL_RETRY_MAX_SECONDS); never schedule tasks with long ETAs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=1800),
    # Without a socket timeout a publish to a frozen Redis waits forever. (The
    # worker's BRPOP is read only once Redis has answered: no timeout applies.)
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Publishing gives up fast when Redis is down: the email row is committed
# already and the sweeper enqueues it when Redis is back. One retry at once
# replaces a pooled connection that Redis closed when it restarted.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Without this Celery closes the database connection around every task; with
# it, CONN_MAX_AGE applies in workers as in web processes (see celery_app.py).
CELERY_DB_REUSE_MAX = 1000

# Email: EMAIL_URL (smtp://user:pass@host:port) in production; without it each
# message is written as an .eml file under var/mail/ (open it in a mail program).
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "outbox.backends.EmlFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Boligsocialnet <noreply@netvaerk.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Outbox: retries of transient SMTP errors back off exponentially (with
# jitter) from the base up to the cap; after EMAIL_MAX_ATTEMPTS the email is
# marked failed. The sweeper re-enqueues emails stuck queued or sending for
# longer than EMAIL_STUCK_AFTER_SECONDS (keep it above the send task's time limit).
EMAIL_RETRY_BASE_SECONDS = env.float("EMAIL_RETRY_BASE_SECONDS", default=30)
EMAIL_RETRY_MAX_SECONDS = env.float("EMAIL_RETRY_MAX_SECONDS", default=900)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=8)
EMAIL_STUCK_AFTER_SECONDS = env.int("EMAIL_STUCK_AFTER_SECONDS", default=300)
# /health/ reports a backlog when an email has been due for longer than this
# (the sweeper would have handed it over twice by then).
OUTBOX_BACKLOG_SECONDS = env.int("OUTBOX_BACKLOG_SECONDS", default=900)
# A worker keeps its SMTP connection open for this many seconds (0: a new
# connection per email).
EMAIL_CONNECTION_MAX_AGE = env.int("EMAIL_CONNECTION_MAX_AGE", default=60)
# Domain part of the stable Message-ID stored with each email.
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", default="netvaerk.example")
