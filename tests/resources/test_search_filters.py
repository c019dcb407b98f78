"""Searching the index with filters stays right as editors change, unpublish and move resources.

The search index carries each resource's state, place and taxonomy as filter tokens
(resources/filter_tokens.py); these tests change a resource the way editors do and check that
a search with filters follows.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site
from wagtail.search.models import IndexEntry

from demo.utils import tree_root
from hub.models import HomePage
from hub.search import TokenFilter
from tests.factories import ThemeFactory
from tests.resources.factories import GuidePageFactory, ResourceIndexPageFactory, body

pytestmark = pytest.mark.django_db


def found(client, url, **params) -> str:
    return client.get(url, {"q": "itinérance", **params}).content.decode()


@pytest.fixture
def themes():
    return ThemeFactory(name="Mobilité"), ThemeFactory(name="Numérique")


@pytest.fixture
def guide(index, themes):
    mobility, _ = themes
    page = GuidePageFactory(
        parent=index, title="Tourner en train", body=body("itinérance"), themes=[mobility]
    )
    page.save_revision().publish()
    return page


def test_a_new_theme_filters_the_search_as_soon_as_it_is_published(client, index, themes, guide):
    mobility, digital = themes
    draft = guide.get_latest_revision_as_object()
    draft.themes = [digital]
    draft.save_revision().publish()

    assert "Tourner en train" in found(client, index.url, theme=digital.slug)
    assert "Tourner en train" not in found(client, index.url, theme=mobility.slug)
    # The site search reads the same index: the new theme's name finds the guide.
    assert "Tourner en train" in client.get("/recherche/", {"q": "numérique"}).content.decode()


def test_a_draft_changes_nothing_until_it_is_published(client, index, themes, guide):
    _, digital = themes
    draft = guide.get_latest_revision_as_object()
    draft.title = "Titre provisoire"
    draft.themes = [digital]
    draft.save_revision()

    html = found(client, index.url)
    assert "Tourner en train" in html and "Titre provisoire" not in html
    assert "Tourner en train" not in found(client, index.url, theme=digital.slug)
    assert "0 résultat" in client.get("/recherche/", {"q": "provisoire"}).content.decode()


def test_an_unpublished_resource_leaves_the_search(client, index, guide):
    guide.unpublish()
    assert "Tourner en train" not in found(client, index.url)
    assert "0 ressource" in found(client, index.url)


def test_a_moved_resource_is_searched_under_its_new_index(client, home, index, guide):
    archive = ResourceIndexPageFactory(parent=home, title="Archives", slug="archives")
    guide.move(archive, pos="last-child")

    assert "Tourner en train" not in found(client, index.url)
    assert "Tourner en train" in found(client, archive.url)


def test_resources_follow_their_index_page_when_it_moves_to_another_site(
    client, settings, index, guide
):
    settings.ALLOWED_HOSTS = ["testserver", "autre.test"]
    other_home = HomePage(title="Autre accueil", slug="autre-accueil")
    tree_root().add_child(instance=other_home)
    Site.objects.create(hostname="autre.test", port=80, root_page=other_home)
    index.move(other_home, pos="last-child")

    html = client.get("/ressources/", {"q": "itinérance"}, HTTP_HOST="autre.test").content
    assert "Tourner en train" in html.decode()


def test_a_deleted_resource_leaves_the_search(client, index, guide):
    guide.delete()
    assert "0 ressource" in found(client, index.url)


def test_the_type_facet_filters_the_search(client, index, guide):
    assert "Tourner en train" in found(client, index.url, type="guide")
    assert "Tourner en train" not in found(client, index.url, type="training")


def test_filter_tokens_refuse_anything_but_plain_tokens():
    with pytest.raises(ValueError):
        TokenFilter(all_of=['zqt1" OR "x']).fts5(column="autocomplete")
    with pytest.raises(ValueError):
        TokenFilter(none_of=["zqt1' | 'x"]).tsquery()


def test_rebuilding_the_entries_also_restores_the_search_filters(client, index, themes, guide):
    mobility, _ = themes
    IndexEntry.objects.all().delete()  # an index lost, or filled by a bulk import without tokens
    assert "Tourner en train" not in found(client, index.url, theme=mobility.slug)

    call_command("rebuild_resource_entries", stdout=StringIO())

    assert "Tourner en train" in found(client, index.url, theme=mobility.slug)
