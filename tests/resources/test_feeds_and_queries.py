import datetime

import feedparser
import pytest
from django.utils import timezone

from resources.queries import new_resources
from tests.factories import ThemeFactory
from tests.resources.factories import (
    GuidePageFactory,
    SupportSchemePageFactory,
    TrainingProgrammePageFactory,
)

pytestmark = pytest.mark.django_db


def entries(response):
    return [entry.title for entry in feedparser.parse(response.content).entries]


def test_feed_lists_new_resources_newest_first(client, index):
    theme = ThemeFactory(name="Numérique")
    GuidePageFactory(parent=index, title="Ancien", publication_date=datetime.date(2025, 1, 1))
    TrainingProgrammePageFactory(
        parent=index, title="Récent", publication_date=datetime.date(2026, 5, 1), themes=[theme]
    )
    response = client.get(index.feed_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entries(response) == ["Récent", "Ancien"]
    assert b'term="Num\xc3\xa9rique"' in response.content
    assert b"http://testserver/ressources/" in response.content


def test_theme_feed_only_carries_that_theme(client, index):
    digital = ThemeFactory(name="Numérique")
    ecology = ThemeFactory(name="Transition écologique")
    GuidePageFactory(parent=index, title="Sobriété numérique", themes=[digital])
    GuidePageFactory(parent=index, title="Écoconception", themes=[ecology])
    response = client.get(index.feed_url(digital))
    assert entries(response) == ["Sobriété numérique"]
    assert "Numérique" in feedparser.parse(response.content).feed.title
    assert client.get("/ressources/thematique/inconnue/flux/").status_code == 404


def test_index_advertises_its_feed(client, index):
    html = client.get(index.url).content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/ressources/flux/"' in html


def test_new_resources_returns_pages_first_published_in_the_window(index):
    theme = ThemeFactory(name="Europe")
    guide = GuidePageFactory(parent=index, title="Nouveau guide", themes=[theme])
    scheme = SupportSchemePageFactory(parent=index, title="Nouvel accompagnement")
    for page in (guide, scheme):
        page.save_revision().publish()
    now = timezone.now()
    found = new_resources(now - datetime.timedelta(hours=1), now + datetime.timedelta(seconds=1))
    assert {page.title for page in found} == {"Nouveau guide", "Nouvel accompagnement"}
    assert (
        new_resources(now + datetime.timedelta(seconds=1), now + datetime.timedelta(days=1)) == []
    )


def test_new_resources_prefetches_themes(index, django_assert_num_queries):
    themes = [ThemeFactory(name=f"Thème {n}") for n in range(3)]
    for number in range(6):
        GuidePageFactory(
            parent=index, title=f"Guide {number}", themes=themes
        ).save_revision().publish()
    now = timezone.now()
    found = new_resources(now - datetime.timedelta(hours=1), now + datetime.timedelta(seconds=1))
    with django_assert_num_queries(0):
        assert all(len(page.themes.all()) == 3 for page in found)


def test_home_page_shows_the_latest_resources_teaser(client, index):
    for number in range(5):
        GuidePageFactory(
            parent=index,
            title=f"Guide {number}",
            publication_date=datetime.date(2026, 1, number + 1),
        )
    html = client.get("/").content.decode()
    assert "Dernières ressources" in html
    assert "Guide 4" in html and "Guide 1" in html
    assert "Guide 0" not in html  # four at most
    assert 'href="/ressources/"' in html


def test_latest_resources_teaser_costs_two_queries(rf, index, django_assert_max_num_queries):
    from resources.wagtail_hooks import latest_resources_teaser

    for number in range(6):
        GuidePageFactory(parent=index, title=f"Guide {number}")
    request = rf.get("/")
    latest_resources_teaser(request)  # warm the site root paths cache
    with django_assert_max_num_queries(2):
        teaser = latest_resources_teaser(request)
    assert len(teaser["items"]) == 4


def test_feed_query_count_does_not_grow(client, index, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = ThemeFactory(name="Numérique")
    for number in range(3):
        GuidePageFactory(parent=index, title=f"Guide {number}", themes=[theme])
    client.get(index.feed_url(theme))
    with CaptureQueriesContext(connection) as few:
        client.get(index.feed_url(theme))
    for number in range(3, 20):
        GuidePageFactory(parent=index, title=f"Guide {number}", themes=[theme])
    with django_assert_max_num_queries(len(few)):
        assert len(entries(client.get(index.feed_url(theme)))) == 20
