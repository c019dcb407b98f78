import datetime

import pytest

from tests.factories import AudienceFactory, SectorFactory, TerritoryFactory, ThemeFactory
from tests.resources.factories import (
    GuidePageFactory,
    SupportSchemePageFactory,
    TrainingProgrammePageFactory,
    body,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(index):
    ecology = ThemeFactory(name="Transition écologique")
    digital = ThemeFactory(name="Numérique")
    artists = AudienceFactory(name="Artistes et auteurs")
    music = SectorFactory(name="Musiques actuelles")
    region = TerritoryFactory(name="Auvergne-Rhône-Alpes")
    tour = GuidePageFactory(
        parent=index,
        title="Écoconcevoir une tournée",
        body=body("Mutualiser les dates et réduire les trajets."),
        publication_date=datetime.date(2026, 3, 1),
        themes=[ecology],
        sectors=[music],
    )
    skills = GuidePageFactory(
        parent=index,
        title="Anticiper les compétences de demain",
        body=body("La transition écologique transforme les métiers."),
        publication_date=datetime.date(2026, 1, 10),
        themes=[ecology],
        audiences=[artists],
        territories=[region],
    )
    data = TrainingProgrammePageFactory(
        parent=index,
        title="Sobriété numérique au bureau",
        summary="Réduire les données stockées.",
        publication_date=datetime.date(2026, 2, 1),
        themes=[digital],
    )
    mentoring = SupportSchemePageFactory(
        parent=index,
        title="Mentorat entre pairs",
        summary="Transmettre un savoir-faire de production.",
        publication_date=datetime.date(2025, 12, 1),
        themes=[digital, ecology],
        territories=[region],
    )
    return {
        "ecology": ecology,
        "digital": digital,
        "artists": artists,
        "music": music,
        "region": region,
        "tour": tour,
        "skills": skills,
        "data": data,
        "mentoring": mentoring,
    }


def titles_in_order(html, *titles):
    positions = [html.index(title) for title in titles]
    return positions == sorted(positions)


def test_index_lists_every_resource_type_newest_first_with_a_count(client, index, catalogue):
    html = client.get(index.url).content.decode()
    assert "4 ressources" in html
    assert titles_in_order(
        html,
        "Écoconcevoir une tournée",
        "Sobriété numérique au bureau",
        "Anticiper les compétences de demain",
        "Mentorat entre pairs",
    )
    assert "Formation" in html and "Accompagnement" in html


def test_type_facet_keeps_only_the_chosen_types(client, index, catalogue):
    html = client.get(index.url, {"type": ["training", "scheme"]}).content.decode()
    assert "2 ressources" in html
    assert "Sobriété numérique au bureau" in html and "Mentorat entre pairs" in html
    assert "Écoconcevoir une tournée" not in html


def test_values_of_one_facet_widen_and_facets_narrow(client, index, catalogue):
    ecology, digital, region = catalogue["ecology"], catalogue["digital"], catalogue["region"]
    html = client.get(index.url, {"theme": [ecology.slug, digital.slug]}).content.decode()
    assert "4 ressources" in html
    html = client.get(
        index.url, {"theme": [ecology.slug, digital.slug], "territoire": region.slug}
    ).content.decode()
    assert "2 ressources" in html
    assert "Anticiper les compétences de demain" in html and "Mentorat entre pairs" in html


def test_audience_and_sector_facets_filter(client, index, catalogue):
    html = client.get(index.url, {"public": catalogue["artists"].slug}).content.decode()
    assert "1 ressource" in html and "Anticiper les compétences de demain" in html
    html = client.get(index.url, {"filiere": catalogue["music"].slug}).content.decode()
    assert "1 ressource" in html and "Écoconcevoir une tournée" in html


def test_unknown_filter_values_and_bad_pages_are_harmless(client, index, catalogue):
    response = client.get(
        index.url, {"theme": "inexistant", "type": "nope", "page": "zzz", "tri": "n'importe"}
    )
    assert response.status_code == 200
    assert "4 ressources" in response.content.decode()
    assert client.get(index.url, {"page": 999}).status_code == 200


def test_search_finds_resources_by_body_words_and_ranks_them(client, index, catalogue):
    html = client.get(index.url, {"q": "transition écologique"}).content.decode()
    assert "Anticiper les compétences de demain" in html
    assert "Sobriété numérique au bureau" not in html
    html = client.get(index.url, {"q": "trajets"}).content.decode()
    assert "1 ressource pour « trajets »" in html
    assert "Écoconcevoir une tournée" in html


def test_search_combines_with_facets(client, index, catalogue):
    html = client.get(
        index.url, {"q": "savoir-faire", "theme": catalogue["ecology"].slug}
    ).content.decode()
    assert "Mentorat entre pairs" in html
    html = client.get(index.url, {"q": "savoir-faire", "type": "guide"}).content.decode()
    assert "0 ressource" in html
    assert "Aucune ressource ne correspond" in html


def test_search_can_be_sorted_by_date_instead_of_relevance(client, index):
    GuidePageFactory(
        parent=index,
        title="Mentorat : le guide",
        body=body("mentorat"),
        publication_date=datetime.date(2024, 1, 1),
    )
    GuidePageFactory(
        parent=index,
        title="Autre guide récent",
        body=body("On y cite le mentorat une fois."),
        publication_date=datetime.date(2026, 1, 1),
    )
    relevance = client.get(index.url, {"q": "mentorat"}).content.decode()
    assert titles_in_order(relevance, "Mentorat : le guide", "Autre guide récent")
    recent = client.get(index.url, {"q": "mentorat", "tri": "recent"}).content.decode()
    assert titles_in_order(recent, "Autre guide récent", "Mentorat : le guide")


def test_filters_stay_in_the_url_through_pagination(client, index, catalogue, monkeypatch):
    monkeypatch.setattr("resources.listing.PER_PAGE", 1)
    ecology = catalogue["ecology"]
    html = client.get(index.url, {"theme": ecology.slug, "q": "", "page": 2}).content.decode()
    assert "Page 2 sur 3" in html
    assert f"theme={ecology.slug}" in html.split('rel="next"')[0].rsplit("href=", 1)[1]
    # The form reflects the URL: the theme box is ticked.
    assert f'value="{ecology.slug}" id="f-theme-{ecology.slug}" checked' in html


def test_index_works_without_javascript_as_a_get_form(client, index, catalogue):
    html = client.get(index.url).content.decode()
    assert '<form class="filters filters--panel resource-filters" method="get"' in html
    assert 'action="/ressources/"' in html
    assert 'type="submit"' in html
    assert '<label for="resources-q">' in html
    assert "<legend>Thématique</legend>" in html


def test_active_filters_can_be_removed_one_by_one(client, index, catalogue):
    ecology, region = catalogue["ecology"], catalogue["region"]
    html = client.get(
        index.url, {"theme": ecology.slug, "territoire": region.slug}
    ).content.decode()
    assert f'href="/ressources/?territoire={region.slug}"' in html
    assert f'href="/ressources/?theme={ecology.slug}"' in html


def test_theme_landing_url_lists_that_theme_with_its_description(client, index, catalogue):
    digital = catalogue["digital"]
    digital.description = "Outils, données, sobriété numérique."
    digital.save()
    response = client.get(f"/ressources/thematique/{digital.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ressources : Numérique" in html
    assert "Outils, données, sobriété numérique." in html
    assert "2 ressources" in html
    assert client.get("/ressources/thematique/inconnue/").status_code == 404


def test_index_carries_an_item_list_json_ld(client, index, catalogue):
    from tests.resources.test_pages import json_ld

    data = json_ld(client.get(index.url).content.decode())
    assert data["@type"] == "CollectionPage"
    names = [item["name"] for item in data["mainEntity"]["itemListElement"]]
    assert names[0] == "Écoconcevoir une tournée"


def test_unpublished_resources_are_not_listed(client, index, catalogue):
    catalogue["tour"].unpublish()
    html = client.get(index.url).content.decode()
    assert "3 ressources" in html
    assert "Écoconcevoir une tournée" not in html


def _populate(index, count, themes):
    for number in range(count):
        factory = (GuidePageFactory, TrainingProgrammePageFactory, SupportSchemePageFactory)[
            number % 3
        ]
        factory(
            parent=index,
            title=f"Ressource {number}",
            summary="compétences et transitions",
            themes=themes,
        )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"theme": "transition-ecologique", "page": 2},
        {"q": "compétences", "theme": "transition-ecologique"},
        {"q": "compétences", "tri": "recent", "page": 2},
    ],
    ids=["plain", "facet-page-2", "search-facet", "search-by-date"],
)
def test_index_query_count_does_not_grow_with_the_number_of_resources(
    client, index, params, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr("resources.listing.PER_PAGE", 3)
    themes = [ThemeFactory(name="Transition écologique"), ThemeFactory(name="Numérique")]
    _populate(index, 8, themes)
    client.get(index.url, params)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(index.url, params)
    _populate(index, 40, themes)
    with django_assert_max_num_queries(len(few)):
        response = client.get(index.url, params)
    assert response.status_code == 200
