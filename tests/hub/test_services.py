"""The scale path: with REDIS_URL set, the cache and the django-q2 broker really use Redis."""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.mark.redis
def test_redis_url_puts_the_cache_in_redis():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    key = f"probe-{uuid.uuid4()}"
    cache.set(key, "bonjour", 30)
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in name.decode() for name in client.keys("*probe-*"))
    assert cache.get(key) == "bonjour"


@pytest.mark.redis
def test_redis_url_makes_django_q_use_the_redis_broker():
    from django_q.brokers import get_broker

    broker = get_broker(list_key=f"passerelles-test-{uuid.uuid4()}")
    assert type(broker).__name__ == "Redis"
    broker.enqueue("signed-task-payload")
    assert broker.queue_size() == 1
    task_id, payload = broker.dequeue()[0]
    assert payload in (b"signed-task-payload", "signed-task-payload")
    broker.delete_queue()


def test_without_redis_url_the_embedded_runtime_uses_the_orm_broker(monkeypatch):
    if settings.REDIS_URL:
        pytest.skip("REDIS_URL is set in this run")
    assert settings.Q_CLUSTER["orm"] == "default"
    assert "redis" not in settings.Q_CLUSTER
