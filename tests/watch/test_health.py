"""/healthz tells a monitor whether the watch still collects: fresh rounds 200, stale rounds 503."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.watch.factories import SourceFactory
from watch.collection.models import Source
from watch.collection.wagtail_hooks import watch_health


@pytest.fixture(autouse=True)
def six_hours(settings):
    settings.HEALTH_WATCH_MAX_AGE_SECONDS = 6 * 3600


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_recent_successful_round_is_healthy(client):
    SourceFactory(last_success_at=timezone.now() - timedelta(minutes=10))
    SourceFactory(last_success_at=timezone.now() - timedelta(hours=20), consecutive_failures=3)

    status, body = healthz(client)

    assert status == 200
    watch = body["checks"]["watch"]
    assert watch["ok"] is True
    assert 590 <= watch["last_round_age_seconds"] <= 660
    assert watch["sources_in_trouble"] == 1


@pytest.mark.django_db
def test_no_success_for_longer_than_the_limit_answers_503(client):
    SourceFactory(last_success_at=timezone.now() - timedelta(hours=7))
    SourceFactory(active=False, last_success_at=timezone.now())  # inactive: does not count

    status, body = healthz(client)

    assert status == 503
    assert body["status"] == "error"
    assert body["checks"]["watch"]["ok"] is False
    assert body["checks"]["watch"]["last_round_age_seconds"] >= 7 * 3600


@pytest.mark.django_db
def test_without_active_sources_the_watch_is_healthy(client):
    SourceFactory(active=False)

    status, body = healthz(client)

    assert status == 200
    assert body["checks"]["watch"] == {
        "ok": True,
        "last_round_age_seconds": None,
        "sources_in_trouble": 0,
    }


@pytest.mark.django_db
def test_a_source_just_added_is_not_an_alarm_but_one_never_fetched_for_hours_is(client):
    source = SourceFactory()
    assert healthz(client)[0] == 200

    Source.objects.filter(pk=source.pk).update(created_at=timezone.now() - timedelta(hours=7))
    status, body = healthz(client)
    assert status == 503
    assert body["checks"]["watch"]["last_round_age_seconds"] is None


@pytest.mark.django_db
def test_the_watch_check_costs_one_query_whatever_the_number_of_sources(
    django_assert_max_num_queries,
):
    SourceFactory.create_batch(30, last_success_at=timezone.now())
    with django_assert_max_num_queries(1):
        name, ok, _details = watch_health()
    assert (name, ok) == ("watch", True)
