"""/healthz: is this instance able to serve and work? Cheap enough to poll every few seconds.

Core checks (database, cache, task broker and queue length) live here; apps add theirs through
the `health_checks` Wagtail hook: a function returning `(name, ok, details_dict)`.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import hooks


def check_database() -> tuple[str, bool, dict]:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "database", True, {"vendor": connection.vendor, "ms": _ms(started)}


def check_cache() -> tuple[str, bool, dict]:
    started = time.perf_counter()
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    ok = cache.get(key) == "ok"
    cache.delete(key)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return "cache", ok, {"backend": backend, "ms": _ms(started)}


def check_broker() -> tuple[str, bool, dict]:
    from django_q.brokers import get_broker

    started = time.perf_counter()
    broker = get_broker()
    alive = bool(broker.ping())
    return (
        "broker",
        alive,
        {
            "backend": type(broker).__name__,
            "queue_length": broker.queue_size() if alive else None,
            "ms": _ms(started),
        },
    )


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def run_checks() -> tuple[bool, dict]:
    checks = [check_database, check_cache, check_broker, *hooks.get_hooks("health_checks")]
    report = {}
    healthy = True
    for check in checks:
        try:
            name, ok, details = check()
        except Exception as error:  # noqa: BLE001 - a failing check is a result, not a crash
            name, ok, details = getattr(check, "__name__", "check"), False, {"error": str(error)}
        report[name] = {"ok": ok, **details}
        healthy = healthy and ok
    return healthy, report


@never_cache
@require_GET
def healthz(request):
    healthy, report = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": report}, status=200 if healthy else 503
    )
