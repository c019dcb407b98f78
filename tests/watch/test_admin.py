"""Curation in the Wagtail admin: queue, filters, bulk actions, editing, source test, dashboard."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.watch.conftest import sample
from tests.watch.factories import CallFactory, ItemFactory, SourceFactory
from watch.collection.models import Item, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home):
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "secret")
    client.force_login(user)
    return client


def test_queue_lists_new_items_and_highlights_calls_closing_soon(
    admin_client, django_assert_max_num_queries
):
    CallFactory(
        title="Appel urgent", status=Item.Status.NEW, deadline=timezone.now() + timedelta(days=3)
    )
    for index in range(20):
        ItemFactory(title=f"Nouvelle {index}")
    with django_assert_max_num_queries(40):
        response = admin_client.get(reverse("wagtailsnippets_watch_item:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Appel urgent" in html
    assert "ferme dans 2 jours" in html or "ferme dans 3 jours" in html


def test_queue_filters_by_kind_status_and_deadline_window(admin_client):
    CallFactory(
        title="Appel proche", status=Item.Status.NEW, deadline=timezone.now() + timedelta(days=5)
    )
    CallFactory(
        title="Appel lointain", status=Item.Status.NEW, deadline=timezone.now() + timedelta(days=90)
    )
    ItemFactory(title="Simple nouvelle")
    url = reverse("wagtailsnippets_watch_item:list")
    html = admin_client.get(url, {"kind": "call", "deadline_window": "soon"}).content.decode()
    assert "Appel proche" in html and "Appel lointain" not in html and "Simple nouvelle" not in html
    html = admin_client.get(url, {"q": "lointain"}).content.decode()
    assert "Appel lointain" in html and "Appel proche" not in html


def test_bulk_accept_reject_and_feature(admin_client):
    first, second, third = ItemFactory(), ItemFactory(), ItemFactory()
    url = reverse("wagtail_bulk_action", args=("watch", "item", "accept"))
    response = admin_client.post(f"{url}?id={first.pk}&id={second.pk}")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Item.Status.ACCEPTED and first.accepted_at is not None
    url = reverse("wagtail_bulk_action", args=("watch", "item", "reject"))
    admin_client.post(f"{url}?id={third.pk}")
    third.refresh_from_db()
    assert third.status == Item.Status.REJECTED
    url = reverse("wagtail_bulk_action", args=("watch", "item", "feature"))
    admin_client.post(f"{url}?id={second.pk}")
    second.refresh_from_db()
    assert second.featured and second.status == Item.Status.ACCEPTED


def test_bulk_confirmation_page_renders(admin_client):
    item = ItemFactory(title="À confirmer")
    url = reverse("wagtail_bulk_action", args=("watch", "item", "accept"))
    response = admin_client.get(f"{url}?id={item.pk}")
    assert response.status_code == 200 and "À confirmer" in response.content.decode()


def test_bulk_confirmation_asks_a_sentence_written_for_the_action_and_the_count(admin_client):
    first, second = ItemFactory(), ItemFactory()
    url = reverse("wagtail_bulk_action", args=("watch", "item", "feature"))
    one = admin_client.get(f"{url}?id={first.pk}").content.decode()
    assert "Mettre cet élément à la une ?" in one
    both = admin_client.get(f"{url}?id={first.pk}&id={second.pk}").content.decode()
    assert "Mettre ces 2 éléments à la une ?" in both
    url = reverse("wagtail_bulk_action", args=("watch", "item", "reject"))
    assert "Refuser cet élément ?" in admin_client.get(f"{url}?id={first.pk}").content.decode()


def test_editing_the_deadline_locks_it_against_later_fetches(admin_client):
    item = CallFactory(status=Item.Status.NEW, deadline=timezone.now() + timedelta(days=10))
    url = reverse("wagtailsnippets_watch_item:edit", args=[item.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "status": "accepted",
            "kind": "call",
            "deadline": "2027-03-01 12:00",
            "editor_title": "Titre revu",
            "editor_summary_html": "<p>Résumé</p><script>x</script>",
            "editor_note": "À relayer",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.deadline_locked and item.editor_title == "Titre revu"
    assert item.editor_summary_html == "<p>Résumé</p>"
    assert item.status == Item.Status.ACCEPTED and item.accepted_at is not None


def test_test_this_source_shows_items_without_saving(admin_client, httpserver):
    httpserver.expect_request("/flux.atom").respond_with_data(sample("feeds/appels-a-projets.atom"))
    source = SourceFactory(url=httpserver.url_for("/flux.atom"))
    response = admin_client.get(reverse("watch_source_test", args=[source.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 éléments trouvés" in html and "Creative Europe" in html
    assert Item.objects.count() == 0


def test_test_this_source_tells_what_went_wrong(admin_client, httpserver):
    httpserver.expect_request("/flux").respond_with_data("", status=404)
    source = SourceFactory(url=httpserver.url_for("/flux"))
    html = admin_client.get(reverse("watch_source_test", args=[source.pk])).content.decode()
    assert "le serveur a répondu 404" in html


def test_fetch_now_and_resume(admin_client, httpserver):
    httpserver.expect_request("/flux.atom").respond_with_data(sample("feeds/appels-a-projets.atom"))
    source = SourceFactory(url=httpserver.url_for("/flux.atom"), paused_at=timezone.now())
    admin_client.post(reverse("watch_source_resume", args=[source.pk]))
    source.refresh_from_db()
    assert not source.is_paused
    admin_client.post(reverse("watch_source_fetch", args=[source.pk]))
    assert source.items.count() == 5


def test_source_listing_and_edit_show_health(admin_client):
    SourceFactory(
        name="Source cassée", consecutive_failures=2, last_error="le serveur a répondu 404"
    )
    response = admin_client.get(reverse("wagtailsnippets_watch_source:list"))
    html = response.content.decode()
    assert "Source cassée" in html and "le serveur a répondu 404" in html
    assert "Tester cette source" in html
    source = Source.objects.get(name="Source cassée")
    edit = admin_client.get(reverse("wagtailsnippets_watch_source:edit", args=[source.pk]))
    assert edit.status_code == 200 and "Tester cette source" in edit.content.decode()


def test_dashboard_tells_editors_about_queue_closing_calls_and_troubled_sources(admin_client):
    ItemFactory.create_batch(3)
    CallFactory(title="Ferme vite", deadline=timezone.now() + timedelta(days=4))
    SourceFactory(name="Source en pause", paused_at=timezone.now(), paused_reason="5 échecs")
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "3 éléments nouveaux à examiner" in html
    assert "Ferme vite" in html
    assert "Source en pause" in html and "5 échecs" in html


def test_source_form_refuses_bad_selectors_and_schemes_in_words(admin_client):
    url = reverse("wagtailsnippets_watch_source:add")
    response = admin_client.post(
        url,
        {
            "name": "Page mal réglée",
            "url": "ftp://region.example.fr/appels",
            "kind": "page",
            "publishes": "calls",
            "active": "on",
            "fetch_interval": "360",
            "item_selector": "",
            "link_selector": "a[[",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Seules les adresses http:// et https:// sont acceptées." in html
    assert "Une page web demande au moins le sélecteur des éléments" in html
    assert "n’est pas un sélecteur CSS valide" in html
    assert not Source.objects.filter(name="Page mal réglée").exists()
