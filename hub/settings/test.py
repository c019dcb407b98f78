"""Test settings: fast hashing, in-memory cache and mail, loopback allowed for the watch."""

import os
import tempfile

os.environ.setdefault("EMAIL_URL", "memory://")

from hub.settings.base import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES["default"]["KEY_PREFIX"] = "passerelles-test"  # noqa: F405
# One temporary media folder per test run: worker and parsing processes the tests start inherit
# it through the environment instead of each making their own (tests/conftest.py removes it).
if "PASSERELLES_TEST_MEDIA_ROOT" not in os.environ:
    os.environ["PASSERELLES_TEST_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="passerelles-media-")
MEDIA_ROOT = os.environ["PASSERELLES_TEST_MEDIA_ROOT"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
PAGE_CACHE_SECONDS = 0  # tests that exercise the page cache turn it on
FRAGMENT_CACHE_SECONDS = 0  # likewise (tests build pages without publishing them)
# Tests request pages from threads (concurrency tests): each closes its connection at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
WHITENOISE_USE_FINDERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Tests serve feeds from 127.0.0.1 (pytest-httpserver): the SSRF guard lets loopback through,
# and only loopback (a redirect to a private or metadata address stays refused).
WATCH_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
