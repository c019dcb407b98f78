"""Production: everything from the environment, secure by default (check --deploy is clean)."""

import os

from django.core.exceptions import ImproperlyConfigured

from hub.env import env_bool, env_int

os.environ.setdefault("DEBUG", "false")

from hub.settings.base import *  # noqa: E402, F403

if os.environ.get("SECRET_KEY", "") == "":
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

DEBUG = False
WHITENOISE_USE_FINDERS = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Persistent database connections (CONN_MAX_AGE=60, CONN_HEALTH_CHECKS) come from base.py.

if SECURE_HSTS_PRELOAD is False:
    # W021 asks for preload; preloading is a one-way decision left to the operator.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
