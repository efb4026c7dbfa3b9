"""Settings for the network and meeting portal.

Everything that differs between a laptop demo and production comes from
environment variables (read with django-environ). With nothing set, the
portal runs as a demo: SQLite under var/, eager Celery tasks, emails written
as .eml files under var/mail/.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
# PRODUCTION switches on the hardening that `manage.py check --deploy` wants.
PRODUCTION = env.bool("PRODUCTION", default=False)
if PRODUCTION:
    DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY (a long random value) when PRODUCTION=1.")
    SECRET_KEY = "demo-only-insecure-key-change-me-" + "x" * 20
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute links in emails and calendar files. Without SITE_URL they point at the
# local server on PORT (what `make demo` and the Procfile serve on).
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip("/")
SITE_NAME = env("SITE_NAME", default="Boligsocialt netværk")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "simple_history",
    "health_check",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "netvaerk",
    "outbox",
    "members",
    "meetings",
    "registration",
    "craft",
    "content",
    "search",
    # Invitations when a meeting is published, subscribers without an account, deadline nudges.
    "outreach",
    # The read API (/api/v1/) with django-ninja; "ninja" serves the docs' Swagger UI from our own static files.
    "ninja",
    "api",
    # Demo data for the whole site (`manage.py load_demo`); imports every app, none imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "netvaerk.middleware.NulByteMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netvaerk.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netvaerk.context_processors.site",
            ],
        },
    },
]

# Every form's bound fields echo a sent value only up to the field's length (netvaerk/forms.py).
FORM_RENDERER = "netvaerk.forms.FormRenderer"

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'demo.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Everyone, staff included, logs in through allauth (see "Accounts" below).
LOGIN_URL = "account_login"

# Language and time: Danish first, English on request; Copenhagen time.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "netvaerk_language"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["netvaerk.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploaded files: "default" holds public files (blog images), "private" the members'
# material and minutes (no URL; only the permission-checked download views read them).
# The file system by default; S3_BUCKET (with S3_ENDPOINT_URL, S3_ACCESS_KEY_ID,
# S3_SECRET_ACCESS_KEY, S3_REGION) puts both on an S3-compatible store shared by every
# web machine and worker (netvaerk/storage.py, README "Running on several machines").
from netvaerk.storage import storages_from_env  # noqa: E402

STORAGES, S3_PUBLIC_ORIGIN = storages_from_env(
    env,
    static_backend=(
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    ),
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

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

# Sessions live in the database, never in Redis: a Redis outage logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Security: cookies and headers. PRODUCTION turns on what check --deploy asks for.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp): scripts and styles only from our own
# static files, never inline (no inline <script>, on*= handler or style=""
# attribute in our templates); no framing. A page that needs more adds it for
# itself with csp.decorators (the HTML health page allows its own <style> by hash).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the authenticator QR code (allauth.mfa) and Bootstrap's SVG icons in its CSS.
        # Blog images come from the S3 store's origin when S3_BUCKET is set.
        "img-src": [SELF, "data:", *([S3_PUBLIC_ORIGIN] if S3_PUBLIC_ORIGIN else [])],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# A meeting card says "Få pladser" when an open meeting has fewer seats left than this (meetings/badges.py).
MEETING_FEW_SEATS_LEFT = env.int("MEETING_FEW_SEATS_LEFT", default=5)
# The embeddable meeting lists (/indlejr/, netvaerk/embed.py) replace frame-ancestors with the origins
# each organiser allows; the list of all meetings also with these (comma-separated https origins).
EMBED_ORIGINS = env.list("EMBED_ORIGINS", default=[])
# Also accept http://localhost[:port] and http://127.0.0.1[:port] as origins (development only).
EMBED_ALLOW_LOCAL_HTTP = env.bool("EMBED_ALLOW_LOCAL_HTTP", default=DEBUG)

# Structured logs: one JSON object per line in production (LOG_FORMAT=json), plain lines in the demo.
LOG_FORMAT = env("LOG_FORMAT", default="json" if PRODUCTION else "line")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JsonLineFormatter"},
    },
    "filters": {"redact": {"()": "config.logging.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Portal-specific knobs.
# Before the meeting starts, automatic promotion from the waiting list stops
# this many hours ahead (staff decide by hand after that).
WAITING_LIST_AUTO_PROMOTE_CUTOFF_HOURS = env.int("WAITING_LIST_AUTO_PROMOTE_CUTOFF_HOURS", default=24)
# Reminders go out at this hour (Copenhagen time), the meeting's number of days before.
REMINDER_HOUR = env.int("REMINDER_HOUR", default=9)
# Privacy: days after the meeting before dietary/accessibility details are
# deleted, and before names and contact details are anonymised.
RETENTION_SENSITIVE_DAYS = env.int("RETENTION_SENSITIVE_DAYS", default=30)
RETENTION_PERSONAL_DAYS = env.int("RETENTION_PERSONAL_DAYS", default=365)
# Whole-page cache of public pages for anonymous visitors (0 switches it off).
# It needs the shared Redis cache when more than one process serves pages.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
# How often a process asks Redis whether the public pages changed (see netvaerk/pagecache.py):
# a change made elsewhere is visible within this time, one made by the process itself at once.
PAGE_CACHE_VERSION_CHECK_SECONDS = env.float("PAGE_CACHE_VERSION_CHECK_SECONDS", default=0.25)
# Reverse proxies / load balancers in front of the web processes that append the
# client's address to X-Forwarded-For (0: the web process faces the clients).
# Every per-IP limit (sign-up, links, logins) counts by netvaerk.clientip.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "netvaerk.clientip.client_ip"
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Sign-up posts per IP address (django-ratelimit syntax).
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", default="20/m")
# Requests to personal links (/tilmelding/<key>/, its cancel page) and evaluation links
# (/evaluering/<key>/) per IP address, GET and POST, right or wrong key (netvaerk/throttle.py).
PERSONAL_LINK_RATE_LIMIT = env("PERSONAL_LINK_RATE_LIMIT", default="30/m")
# The read API (/api/v1/, api/): requests per IP address, public and token part alike (a wrong token counts too),
# and how long clients and proxies may keep a public answer (it carries an ETag, so a revalidation is cheap).
API_RATE_LIMIT = env("API_RATE_LIMIT", default="120/m")
# /health/ and /health/web/ write to both file storages and ping the workers: per IP (monitoring asks ~every 10 s).
HEALTH_RATE_LIMIT = env("HEALTH_RATE_LIMIT", default="60/m")
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
EVALUATION_LINK_RATE_LIMIT = env("EVALUATION_LINK_RATE_LIMIT", default="30/m")

# Accounts and the members' area (members app, django-allauth) --------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Object permissions of the access policy (netvaerk/access.py): which networks and meetings.
    # Last: it logs nobody in, it only answers has_perm(perm, obj).
    "rules.permissions.ObjectPermissionBackend",
]
LOGIN_REDIRECT_URL = "members:home"
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupNameForm"
ACCOUNT_FORMS = {"login": "members.allauth_forms.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# "Send me a sign-in code": the owner's way in while password logins from elsewhere are throttled.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Failed logins (allauth syntax, shared cache in production; members/adapter.py): per IP
# address, and per email address *and* network origin (IPv4 /24, IPv6 /64) as the "key", so
# a stranger cannot lock the owner out; plus a higher cap per address across all origins.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "login_failed_address": env("LOGIN_FAILED_ADDRESS_RATE_LIMIT", default="30/h/key"),
    "login": env("LOGIN_RATE_LIMIT", default="30/m/ip"),
    "signup": env("SIGNUP_RATE_LIMIT", default="20/m/ip"),
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Staff must set up two-factor authentication before the admin and staff
# pages open to them: on by default in production, off in the demo.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=PRODUCTION)
# Shared material and minutes files: outside MEDIA_ROOT, never served by URL,
# only through the members app's permission-checked download views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
MEMBERS_UPLOAD_MAX_BYTES = env.int("MEMBERS_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# Meeting craft (meetings and craft apps) -------------------------------------
# The programme check: the longest meeting (minutes) and the most agenda points
# (arrival, breaks and meals not counted) per meeting kind. A meeting that
# starts at or after PROGRAMME_AFTER_WORK_FROM is an after-work meeting and is
# held to PROGRAMME_AFTER_WORK_MAX_MINUTES as well (the resource networks'
# "at most 2½ hours"). A programme longer than PROGRAMME_BREAK_AFTER_MINUTES
# needs a break or a meal. Warnings only: nothing here ever blocks saving.
# "after_work_cap": False keeps a kind to its own limit after work: a workshop
# evening is an evening by design, with dinner (the Albertslund invitation's
# 16.30-19.30), and the 2½ hours are the resource networks' meetings' rule.
PROGRAMME_LIMITS = {
    "network_meeting": {"max_minutes": 240, "max_items": 6},
    "theme_day": {"max_minutes": 390, "max_items": 8},
    "workshop_evening": {"max_minutes": 180, "max_items": 6, "after_work_cap": False},
    "conference": {"max_minutes": 480, "max_items": 12},
    "webinar": {"max_minutes": 90, "max_items": 4},
}
PROGRAMME_AFTER_WORK_FROM = env("PROGRAMME_AFTER_WORK_FROM", default="15:00")
PROGRAMME_AFTER_WORK_MAX_MINUTES = env.int("PROGRAMME_AFTER_WORK_MAX_MINUTES", default=150)
PROGRAMME_BREAK_AFTER_MINUTES = env.int("PROGRAMME_BREAK_AFTER_MINUTES", default=90)
# "Plan next year": the times of the draft meetings it creates (local time, minutes).
PLAN_PHYSICAL_START = "13:00"
PLAN_PHYSICAL_MINUTES = 150
PLAN_VIRTUAL_START = "09:00"
PLAN_VIRTUAL_MINUTES = 90
PLAN_WEEKDAY = 3  # Thursday, as the seed networks meet
# Knowledge capture: the coordinator is reminded this many days after a meeting
# without minutes; participants get the evaluation email this many days after.
MINUTES_REMINDER_DAYS = env.int("MINUTES_REMINDER_DAYS", default=2)
EVALUATION_EMAIL_DAYS = env.int("EVALUATION_EMAIL_DAYS", default=1)
# Jobs look back this far, so a first run never writes about old meetings.
CRAFT_EMAIL_WINDOW_DAYS = env.int("CRAFT_EMAIL_WINDOW_DAYS", default=14)
# An evaluation link works this many days after it was sent.
EVALUATION_LINK_DAYS = env.int("EVALUATION_LINK_DAYS", default=60)
# Content: the blog and the catalogue of offers (content app) ---------------
# Comment and request posts per IP address (django-ratelimit syntax).
BLOG_COMMENT_RATE_LIMIT = env("BLOG_COMMENT_RATE_LIMIT", default="5/m")
OFFER_REQUEST_RATE_LIMIT = env("OFFER_REQUEST_RATE_LIMIT", default="5/m")
# Subscribing to a network's invitations from its public page (every request counts, per IP address).
OUTREACH_SUBSCRIBE_RATE_LIMIT = env("OUTREACH_SUBSCRIBE_RATE_LIMIT", default="10/m")
# Largest image a consultant may upload to a blog post (5 MB).
CONTENT_IMAGE_MAX_BYTES = env.int("CONTENT_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)

# === Single sign-on (branch feat-sso; code in members/sso/, README "Single sign-on") ===========
# Carried over as one block. Providers come from SSO_OIDC_* / SSO_ENTRA_* (members/sso/config.py);
# none set: no SSO buttons, the rest of allauth unchanged.
import os  # noqa: E402

from members.sso.config import sso_providers  # noqa: E402

INSTALLED_APPS += ["allauth.socialaccount", "allauth.socialaccount.providers.openid_connect"]
SOCIALACCOUNT_ADAPTER = "members.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = sso_providers(os.environ)
# The account pages' forms may continue to the providers (CSP form-action; members/sso/middleware.py).
MIDDLEWARE = [
    "members.sso.middleware.PortalCSPMiddleware" if entry == "csp.middleware.CSPMiddleware" else entry
    for entry in MIDDLEWARE
]
# A new person with a unique, trusted address gets a member account at once; an address that
# belongs to an account is linked only after the owner confirms (never by the address alone).
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# The buttons post; a GET to a provider's login URL only shows a confirmation page.
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Codes emailed to confirm a link (per IP address, and per account address as the key).
ACCOUNT_RATE_LIMITS["sso_link_code"] = env("SSO_LINK_CODE_RATE_LIMIT", default="3/m/ip,5/h/key")
# === end of single sign-on ======================================================================

# === Accessibility statement (branch feat-sso; code in accessibility/, README "Accessibility statement") =====
INSTALLED_APPS += ["accessibility"]
# The statement made in Digitaliseringsstyrelsen's WAS tool (https://www.was.digst.dk/...): /was and the
# footer link go there when set; unset, they go to the portal's own statement (/tilgaengelighed/).
ACCESSIBILITY_STATEMENT_URL = env("ACCESSIBILITY_STATEMENT_URL", default="")
# Phone and written contact on the statement (unset: the organiser chosen on the statement in the admin).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="")
ACCESSIBILITY_CONTACT_PHONE = env("ACCESSIBILITY_CONTACT_PHONE", default="")
# The secretariat is reminded to review the statement this many months after the last review.
ACCESSIBILITY_REVIEW_AFTER_MONTHS = env.int("ACCESSIBILITY_REVIEW_AFTER_MONTHS", default=11)
# === end of accessibility statement ==========================================================================

# === Webhooks (branch hooks; code in webhooks/, README "Webhooks") ===========================================
INSTALLED_APPS += ["webhooks"]
# http:// and private or local receiver addresses (127.0.0.1) are allowed only with this on; production
# posts only to https:// addresses that resolve to public IP addresses (webhooks/urlcheck.py).
WEBHOOK_ALLOW_LOCAL = env.bool("WEBHOOK_ALLOW_LOCAL", default=DEBUG)
# Seconds to connect and to wait for the receiver's answer.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10)
# Failed attempts are retried after base * 2^(n-1) seconds (with jitter) up to the cap; after
# WEBHOOK_MAX_ATTEMPTS attempts the delivery is marked failed. Keep the cap below
# CELERY_VISIBILITY_TIMEOUT (a retry is a task with a countdown).
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_RETRY_MAX_SECONDS = env.float("WEBHOOK_RETRY_MAX_SECONDS", default=900)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
# The Celery queue of the webhook tasks (the default queue unless set).
WEBHOOK_QUEUE = env("WEBHOOK_QUEUE", default=CELERY_TASK_DEFAULT_QUEUE)
# The sweeper re-enqueues deliveries pending or sending this long past their time (a lost task).
WEBHOOK_STUCK_AFTER_SECONDS = env.int("WEBHOOK_STUCK_AFTER_SECONDS", default=300)
# Days the delivery log keeps delivered and failed deliveries (a daily job deletes older ones).
WEBHOOK_LOG_DAYS = env.int("WEBHOOK_LOG_DAYS", default=90)
# === end of webhooks ==========================================================================================
