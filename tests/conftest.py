"""Fixtures shared by every test: a site with its home page, and service-aware skips."""

import os
import shutil

import pytest
from django.db import connection
from wagtail.models import Site

from demo.utils import tree_root
from hub.models import HomePage


def _redis_reachable() -> str | None:
    url = os.environ.get("REDIS_URL")
    if not url:
        return "REDIS_URL is not set (make test-redis sets it)"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        return f"Redis at {url} is not reachable: {error}"
    return None


def pytest_collection_modifyitems(config, items):
    redis_reason = _redis_reachable()
    browser_reason = None
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        browser_reason = (
            "Chromium is not installed (apt-get install chromium): browser tests skipped"
        )
    for item in items:
        if "redis" in item.keywords and redis_reason:
            item.add_marker(pytest.mark.skip(reason=redis_reason))
        if "browser" in item.keywords and browser_reason:
            item.add_marker(pytest.mark.skip(reason=browser_reason))


def pytest_configure(config):
    # Under pytest-xdist (`make test` runs two workers), the workers inherit the run's media
    # directory from the main process: each gets a folder of its own inside it, handed on through
    # the environment to the processes its tests start.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        from django.conf import settings

        media = os.path.join(os.environ["PASSERELLES_TEST_MEDIA_ROOT"], worker)
        os.makedirs(media, exist_ok=True)
        os.environ["PASSERELLES_TEST_MEDIA_ROOT"] = media
        settings.MEDIA_ROOT = media
    elif os.environ.get("REDIS_URL") and config.getoption("numprocesses", None):
        # Every worker would use the one Redis database (the cache, cleared around each test,
        # and the task queue): the Redis tests run on one process.
        raise pytest.UsageError(
            "REDIS_URL is set: the tests share one Redis database, run them serially with -n 0"
        )


def pytest_sessionfinish(session, exitstatus):
    # hub/settings/test.py gives each run its own temporary media directory: remove it after,
    # from the main process only (a worker finishing first must not pull it from under another).
    from django.conf import settings

    media = str(getattr(settings, "MEDIA_ROOT", ""))
    if os.path.basename(media).startswith("passerelles-media-"):
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _require_postgres(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


@pytest.fixture
def home(db) -> HomePage:
    """A published home page as the root of the default site."""
    root = tree_root()
    home = HomePage(title="Accueil", slug="accueil", hero_title="Traverser les transitions")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Passerelles",
    )
    return home


@pytest.fixture(autouse=True)
def _french_between_tests():
    """A request to /en/ leaves English active in the thread: each test starts in French."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend is pointed at it."""
    from tests.smtp import SMTPSink

    sink = SMTPSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    sink.stop()
