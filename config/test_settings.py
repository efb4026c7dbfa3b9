"""Settings for the test suite (named by pytest.ini).

Uses DATABASE_URL and REDIS_URL when they are set (CI: PostgreSQL and Redis),
SQLite and eager tasks when not. Tests that need a real worker or Redis use
their own fixtures, which skip (or fail under REQUIRE_SERVICES=1) without it.
"""

from .settings import *  # noqa: F401,F403
from .settings import VAR_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A private cache per test process; an autouse fixture clears it per test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "test-mail"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "netvaerk.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded group-space files of the tests stay apart from the demo's.
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
# A missing service or test program fails the test instead of skipping it (CI=true implies it).
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=env.bool("CI", default=False))
# Exercise the page cache in tests (single process, local memory cache).
PAGE_CACHE_SECONDS = 300
# Every request reads the version (tests clear the cache between them); test_pagecache sets it to prove the delay.
PAGE_CACHE_VERSION_CHECK_SECONDS = 0
