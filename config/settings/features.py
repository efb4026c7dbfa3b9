"""Settings for the portal's own features: knobs, accounts, meeting craft, content,
single sign-on, the accessibility statement and webhooks.

Star-imported by config/settings/__init__.py after base.py and services.py.
"""

from .base import DEBUG, INSTALLED_APPS, MIDDLEWARE, PRODUCTION, SITE_NAME, VAR_DIR, env
from .services import CELERY_TASK_DEFAULT_QUEUE, REDIS_URL

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

INSTALLED_APPS = [*INSTALLED_APPS, "allauth.socialaccount", "allauth.socialaccount.providers.openid_connect"]
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
INSTALLED_APPS = [*INSTALLED_APPS, "accessibility"]
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
INSTALLED_APPS = [*INSTALLED_APPS, "webhooks"]
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
