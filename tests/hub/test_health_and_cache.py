import json

import pytest
from wagtail import hooks

from hub.models import SiteSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["status"] == "ok"
    assert {"database", "cache", "broker"} <= set(data["checks"])
    assert data["checks"]["broker"]["queue_length"] == 0
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_when_a_check_fails(client):
    def broken_check():
        return "watch", False, {"error": "dernière collecte il y a 3 jours"}

    with hooks.register_temporarily("health_checks", broken_check):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["watch"]["ok"] is False


def test_healthz_stays_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/healthz")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings


def test_anonymous_visitors_get_cached_pages(client, home, page_cache, django_assert_num_queries):
    StandardPageFactory(parent=home, title="Le cluster", slug="cluster")
    assert client.get("/cluster/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/cluster/")
    assert response["X-Page-Cache"] == "hit"
    assert "Le cluster" in response.content.decode()


def test_publishing_purges_the_cache(client, home, page_cache):
    page = StandardPageFactory(parent=home, title="Avant", slug="cluster")
    client.get("/cluster/")
    page.title = "Après"
    page.save_revision().publish()
    response = client.get("/cluster/")
    assert "Après" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_site_settings_change_purges_the_cache(client, home, page_cache):
    client.get("/")
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.organisation_name = "Nouveau nom"
    site_settings.save()
    assert "Nouveau nom" in client.get("/").content.decode()


def test_logged_in_editors_are_never_served_from_the_cache(admin_client, client, home, page_cache):
    StandardPageFactory(parent=home, title="Le cluster", slug="cluster")
    client.get("/cluster/")
    assert client.get("/cluster/")["X-Page-Cache"] == "hit"
    response = admin_client.get("/cluster/")
    assert "X-Page-Cache" not in response


def test_pages_with_a_csrf_form_are_never_cached(client, home, page_cache):
    response = client.get("/django-admin/login/")
    assert "X-Page-Cache" not in response
    # The search page has no CSRF form: it may be cached, per query string.
    client.get("/recherche/?q=un")
    assert client.get("/recherche/?q=un")["X-Page-Cache"] == "hit"
    assert client.get("/recherche/?q=deux")["X-Page-Cache"] == "miss"
