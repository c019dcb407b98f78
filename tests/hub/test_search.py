import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def test_search_finds_a_page_by_a_word_of_its_body(client, home):
    StandardPageFactory(
        parent=home, title="Nos programmes", body=body("Le compagnonnage entre pairs.")
    )
    StandardPageFactory(parent=home, title="Autre page", body=body("Rien à voir."))
    response = client.get("/recherche/", {"q": "compagnonnage"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 résultat pour « compagnonnage »" in html
    assert "Nos programmes" in html
    assert "Autre page" not in html


def test_search_ignores_accents_and_case(client, home):
    StandardPageFactory(parent=home, title="Écoconception", body=body("Une démarche écologique."))
    html = client.get("/recherche/", {"q": "ECOLOGIQUE"}).content.decode()
    assert "Écoconception" in html


def test_search_ranks_title_matches_first(client, home):
    StandardPageFactory(
        parent=home, title="Mentions diverses", body=body("On y parle de mentorat.")
    )
    StandardPageFactory(parent=home, title="Le mentorat", body=body("Présentation du programme."))
    html = client.get("/recherche/", {"q": "mentorat"}).content.decode()
    assert html.index("Le mentorat") < html.index("Mentions diverses")


def test_search_paginates_and_counts(client, home, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for index in range(5):
        StandardPageFactory(parent=home, title=f"Atelier {index}", body=body("hackathon créatif"))
    first = client.get("/recherche/", {"q": "hackathon"}).content.decode()
    assert "5 résultats" in first
    assert "Page 1 sur 3" in first
    last = client.get("/recherche/", {"q": "hackathon", "page": 3}).content.decode()
    assert "Page 3 sur 3" in last
    assert client.get("/recherche/", {"q": "hackathon", "page": "abc"}).status_code == 200


def test_search_never_shows_unpublished_or_private_pages(client, home):
    from wagtail.models import PageViewRestriction

    draft = StandardPageFactory(parent=home, title="Brouillon", body=body("confidentiel"))
    draft.unpublish()
    private = StandardPageFactory(parent=home, title="Réservé", body=body("confidentiel"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/recherche/", {"q": "confidentiel"}).content.decode()
    assert "0 résultats" in html or "0 résultat" in html
    assert "Brouillon" not in html and "Réservé" not in html


def test_search_with_only_punctuation_is_harmless(client, home):
    response = client.get("/recherche/", {"q": '"*) OR NEAR('})
    assert response.status_code == 200


def test_search_results_page_query_count_is_bounded(
    client, home, settings, django_assert_max_num_queries
):
    settings.SEARCH_RESULTS_PER_PAGE = 10
    for index in range(25):
        StandardPageFactory(parent=home, title=f"Guide {index}", body=body("transition"))
    client.get("/recherche/", {"q": "transition"})
    with django_assert_max_num_queries(15):
        client.get("/recherche/", {"q": "transition", "page": 2})


def test_search_stops_ranking_at_the_bound_and_says_so(client, home, settings):
    settings.SEARCH_MAX_RANKED = 3
    for index in range(5):
        StandardPageFactory(parent=home, title=f"Fiche {index}", body=body("sobriété"))
    html = client.get("/recherche/", {"q": "sobriété"}).content.decode()
    assert "5 résultats" in html
    assert "précisez votre recherche" in html


@pytest.mark.postgres
def test_postgres_search_stems_french_words(client, home):
    StandardPageFactory(parent=home, title="Catalogue", body=body("Une formation certifiante."))
    html = client.get("/recherche/", {"q": "formations"}).content.decode()
    assert "1 résultat" in html
