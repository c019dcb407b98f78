import pytest
from wagtail.models import Page

from hub.models import HomePage, HomePageFeature, SiteSettings, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_can_only_live_at_the_root_and_only_once(home):
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # max_count reached
    assert "hub.HomePage" not in [
        f"{m._meta.app_label}.{m.__name__}" for m in StandardPage.allowed_subpage_models()
    ]
    assert StandardPage.can_create_at(home)


def test_standard_page_nests_but_takes_no_foreign_children(home):
    about = StandardPageFactory(parent=home, title="Le cluster")
    assert StandardPage.can_create_at(about)
    assert StandardPage.allowed_subpage_models() == [StandardPage]


def test_home_page_renders_hero_features_and_survives_without_teasers(client, home):
    about = StandardPageFactory(parent=home, title="Le cluster")
    HomePageFeature.objects.create(home=home, page=about, blurb="Qui sommes-nous ?")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Traverser les transitions" in html
    assert "Qui sommes-nous ?" in html
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html  # skip link


def test_home_page_carries_website_json_ld_and_open_graph(client, home):
    html = client.get("/").content.decode()
    assert '"@type": "WebSite"' in html
    assert "SearchAction" in html
    assert 'property="og:title"' in html


def test_standard_page_renders_its_stream_body(client, home):
    StandardPageFactory(
        parent=home,
        title="Programmes",
        slug="programmes",
        body=[
            {"type": "heading", "value": {"text": "Le mentorat", "level": "h2"}},
            {
                "type": "callout",
                "value": {"kind": "tip", "title": "Bon à savoir", "text": "<p>Gratuit</p>"},
            },
            {
                "type": "faq",
                "value": {
                    "title": "FAQ",
                    "items": [{"question": "Qui ?", "answer": "<p>Vous.</p>"}],
                },
            },
        ],
    )
    response = client.get("/programmes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="le-mentorat">Le mentorat</h2>' in html  # the id: guides link their contents
    assert "Bon à savoir" in html
    assert "<summary>Qui\N{NO-BREAK SPACE}?</summary>" in html  # never « ? » alone on a line
    assert '"@type": "WebPage"' in html


def test_main_menu_lists_only_pages_shown_in_menus(client, home):
    StandardPageFactory(parent=home, title="Le cluster", show_in_menus=True)
    StandardPageFactory(parent=home, title="Page cachée du menu", show_in_menus=False)
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Menu principal"')[1].split("</nav>")[0]
    assert "Le cluster" in nav
    assert "Page cachée du menu" not in nav


def test_breadcrumbs_show_the_path_to_a_nested_page(client, home):
    parent = StandardPageFactory(parent=home, title="Le cluster", slug="cluster")
    StandardPageFactory(parent=parent, title="Gouvernance", slug="gouvernance")
    html = client.get("/cluster/gouvernance/").content.decode()
    crumbs = html.split("Fil d’Ariane")[1].split("</nav>")[0]
    assert (
        "Accueil" in crumbs
        and "Le cluster" in crumbs
        and 'aria-current="page">Gouvernance' in crumbs
    )


def test_site_settings_fill_the_footer(client, home):
    legal = StandardPageFactory(parent=home, title="Mentions légales", slug="mentions-legales")
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.organisation_name = "Cluster Test"
    site_settings.contact_email = "bonjour@cluster.example"
    site_settings.legal_page = legal
    site_settings.save()
    html = client.get("/").content.decode()
    footer = html.split('role="contentinfo"')[1]
    assert "Cluster Test" in footer
    assert "mailto:bonjour@cluster.example" in footer
    assert 'href="/mentions-legales/"' in footer


def test_unknown_page_gets_a_french_404(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_home_page_query_count_does_not_grow_with_content(
    client, home, django_assert_max_num_queries
):
    def add(count):
        for index in range(count):
            page = StandardPageFactory(parent=home, title=f"Page {index}", show_in_menus=True)
            HomePageFeature.objects.create(home=home, page=page)

    add(3)
    client.get("/")  # warm caches (site root, content types)
    with django_assert_max_num_queries(20) as small:
        client.get("/")
    add(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/")


def test_server_errors_get_a_plain_french_page_that_needs_no_database(rf, settings):
    from hub.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_visitors_get_french_whatever_their_browser_asks(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
