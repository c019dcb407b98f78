"""Curation shows at once to anonymous visitors, even with the page cache on."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hub import cache as page_cache
from tests.watch.factories import CallFactory, SourceFactory, rss_feed
from watch.collection.collect import collect_source, run_round
from watch.collection.models import CallsIndexPage, Item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def calls_page(home):
    page = CallsIndexPage(title="Appels à projets", slug="appels-a-projets")
    home.add_child(instance=page)
    return page


@pytest.fixture
def editor():
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "secret")
    client = Client()
    client.force_login(user)
    return client


def visit(client, page) -> tuple[str, str]:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


def test_a_call_accepted_in_bulk_shows_at_once_to_anonymous_visitors(client, editor, calls_page):
    call = CallFactory(
        title="Résidence d'écriture 2027",
        status=Item.Status.NEW,
        deadline=timezone.now() + timedelta(days=30),
    )
    html, cache = visit(client, calls_page)
    assert "Résidence d" not in html and cache == "miss"
    assert visit(client, calls_page)[1] == "hit"  # the page really is cached

    url = reverse("wagtail_bulk_action", args=("watch", "item", "accept"))
    assert editor.post(f"{url}?id={call.pk}").status_code == 302

    html, cache = visit(client, calls_page)
    assert "Résidence d" in html and cache == "miss"


def test_a_call_rejected_in_bulk_disappears_at_once(client, editor, calls_page):
    call = CallFactory(title="Appel retiré", deadline=timezone.now() + timedelta(days=30))
    assert "Appel retiré" in visit(client, calls_page)[0]

    url = reverse("wagtail_bulk_action", args=("watch", "item", "reject"))
    editor.post(f"{url}?id={call.pk}")

    assert "Appel retiré" not in visit(client, calls_page)[0]


def test_an_edited_title_shows_at_once(client, editor, calls_page):
    call = CallFactory(title="Titre de la source", deadline=timezone.now() + timedelta(days=30))
    assert "Titre de la source" in visit(client, calls_page)[0]

    response = editor.post(
        reverse("wagtailsnippets_watch_item:edit", args=[call.pk]),
        {"status": "accepted", "kind": "call", "editor_title": "Titre de la rédaction"},
    )
    assert response.status_code == 302

    html = visit(client, calls_page)[0]
    assert "Titre de la rédaction" in html and "Titre de la source" not in html


def test_a_fetch_that_updates_an_accepted_call_purges_the_page(
    client, calls_page, httpserver, monkeypatch
):
    httpserver.expect_request("/flux.xml").respond_with_data(
        rss_feed(1, 1), content_type="application/rss+xml"
    )
    source = SourceFactory(url=httpserver.url_for("/flux.xml"))
    collect_source(source)
    call = source.items.get()
    call.kind = Item.Kind.CALL
    call.deadline_locked = True
    call.deadline = timezone.now() + timedelta(days=30)
    call.accept()
    call.save()
    Item.objects.filter(pk=call.pk).update(title="Ancien titre")
    assert "Ancien titre" in visit(client, calls_page)[0]

    purges = []

    def counting_purge():
        purges.append(1)
        page_cache.purge_page_cache()

    monkeypatch.setattr("watch.collection.collect.purge_page_cache", counting_purge)

    source.refresh_from_db()
    source.etag = source.last_modified = ""
    run_round([source], threads=1, processes=1)

    assert purges == [1]  # once for the round
    html = visit(client, calls_page)[0]
    assert "Appel 1-0" in html and "Ancien titre" not in html


def test_a_fetch_that_only_brings_new_items_keeps_the_cache(client, calls_page, httpserver):
    CallFactory(title="Appel en ligne", deadline=timezone.now() + timedelta(days=30))
    visit(client, calls_page)
    httpserver.expect_request("/flux.xml").respond_with_data(
        rss_feed(2, 2), content_type="application/rss+xml"
    )
    collect_source(SourceFactory(url=httpserver.url_for("/flux.xml")))

    assert visit(client, calls_page)[1] == "hit"  # new items wait for review: nothing public
