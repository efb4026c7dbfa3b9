"""Core Django settings: apps, middleware, templates, database, language, files,
security headers, CSP and logging. The first part of config/settings/ (see its __init__).
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
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
    # The public pages of networks and meetings (namespace "public"), the sign-up form on the meeting page.
    "pages",
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
    # Cached public pages for anonymous visitors, with the headers the rest of the stack gave them
    # (netvaerk/middleware.py); everything above runs for them too.
    "netvaerk.middleware.PageCacheMiddleware",
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

# Sessions live in the database, never in Redis: a Redis outage logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Security: cookies and headers. PRODUCTION turns on what check --deploy asks for.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# A sign-up with colleagues posts name and email per colleague plus the meeting's questions for each
# (up to 200 colleagues per meeting): 50 colleagues answering 20 questions are 1,070 fields, past Django's
# default of 1,000 (which would answer 400). Still a bound against hash-collision floods.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
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
