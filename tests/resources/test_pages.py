import datetime
import json
import re

import pytest
from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from hub.models import StandardPage
from resources.models import (
    DirectoryPage,
    GuidePage,
    ResourceIndexPage,
    SupportSchemePage,
    TrainingProgrammePage,
    TrainingSession,
)
from tests.factories import StandardPageFactory, ThemeFactory
from tests.resources.factories import (
    DirectoryPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    SupportSchemePageFactory,
    TrainingProgrammePageFactory,
    body,
)

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD in the page"
    return json.loads(match.group(1))


def test_resource_pages_live_only_under_the_resource_index(home, index):
    for model in (GuidePage, TrainingProgrammePage, SupportSchemePage):
        assert model.can_create_at(index)
        assert not model.can_create_at(home)
        assert model.allowed_subpage_models() == []
    assert ResourceIndexPage.can_create_at(home)
    assert not ResourceIndexPage.can_create_at(index)
    assert set(ResourceIndexPage.allowed_subpage_models()) == {
        GuidePage,
        TrainingProgrammePage,
        SupportSchemePage,
    }


def test_directory_page_goes_under_the_home_page_only(home):
    about = StandardPageFactory(parent=home)
    assert DirectoryPage.can_create_at(home)
    assert not DirectoryPage.can_create_at(about)
    assert DirectoryPage.allowed_subpage_models() == []
    assert DirectoryPage not in StandardPage.allowed_subpage_models()


def test_editor_creates_a_guide_with_an_action_plan_in_the_admin(admin_client, index):
    theme = ThemeFactory(name="Transition écologique")
    data = nested_form_data(
        {
            "title": "Plan d'action de la filière musique",
            "slug": "plan-action-musique",
            "summary": "Les enjeux et les actions de la filière.",
            "guide_type": "recommendations",
            "publication_date": "2026-03-02",
            "body": streamfield(
                [
                    (
                        "action_plan",
                        {
                            "title": "Plan d'action",
                            "introduction": rich_text("<p>Adopté en comité.</p>"),
                            "rows": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "stake": "Mobilité des publics",
                                            "keywords": "covoiturage, navettes",
                                            "actions": rich_text("<p>Proposer des navettes.</p>"),
                                            "comments": rich_text("<p>Avec les lieux.</p>"),
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
            "documents": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["themes"] = [theme.pk]
    response = admin_client.post(f"/admin/pages/add/resources/guidepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = GuidePage.objects.get(slug="plan-action-musique")
    assert guide.live
    html = admin_client.get(guide.url).content.decode()
    assert "Mobilité des publics" in html
    assert '<th scope="col">Mots-clés</th>' in html
    # Published through the admin, the guide is in the index with its theme.
    listing = admin_client.get(index.url, {"theme": theme.slug}).content.decode()
    assert "Plan d&#x27;action de la filière musique" in listing


def test_editor_creates_a_training_programme_with_sessions_in_the_admin(admin_client, index):
    try:
        apps.get_model("events", "EventPage")
    except LookupError:
        pytest.skip("events.EventPage does not exist yet: the session chooser needs it")
    data = nested_form_data(
        {
            "title": "Écoconcevoir un spectacle",
            "slug": "ecoconcevoir-un-spectacle",
            "publication_date": "2026-03-02",
            "modality": "blended",
            "certification": "none",
            "sessions": inline_formset(
                [{"start_date": "2026-05-04", "end_date": "2026-05-05", "status": "open"}]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/resources/trainingprogrammepage/{index.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = TrainingProgrammePage.objects.get(slug="ecoconcevoir-un-spectacle")
    assert page.sessions.count() == 1


def test_guide_shows_reading_time_documents_contributors_and_article_json_ld(client, index):
    theme = ThemeFactory(name="Transition écologique")
    partner = OrganisationFactory(name="AFDAS", kind="opco", website="https://www.afdas.com")
    guide = GuidePageFactory(
        parent=index,
        title="Anticiper l'évolution des métiers",
        body=body("mot " * 450),
        themes=[theme],
        contributors=[partner],
        last_reviewed=datetime.date(2026, 4, 1),
    )
    response = client.get(guide.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 minutes de lecture" in html
    assert "AFDAS" in html
    data = json_ld(html)
    assert data["@type"] == "Article"
    assert data["headline"] == "Anticiper l'évolution des métiers"
    assert data["datePublished"] == "2026-01-15"
    assert data["keywords"] == "Transition écologique"
    assert data["contributor"][0]["@type"] == "Organization"


def test_a_guide_names_its_kind_once_and_keeps_its_taxonomy_in_a_box(client, index):
    practical = GuidePageFactory(parent=index, slug="pratique", themes=[ThemeFactory()])
    framework = GuidePageFactory(parent=index, slug="referentiel", guide_type="framework")
    html = client.get(practical.url).content.decode()
    assert '<p class="card__meta">Guide pratique</p>' in html and "Guide · Guide" not in html
    assert html.count('class="aside-box resource-taxonomy-box"') == 1
    assert (
        '<p class="card__meta">Guide · Référentiel</p>'
        in client.get(framework.url).content.decode()
    )


def test_training_programme_shows_sessions_and_course_json_ld(client, index, home):
    event = StandardPageFactory(parent=home, title="Atelier d'inscription", slug="atelier")
    programme = TrainingProgrammePageFactory(
        parent=index,
        title="Bilan carbone d'un festival",
        duration_hours=14,
        duration_days=2,
        modality="on_site",
        price_per_person=450,
        funding_opco=True,
        certification="rs",
        certification_code="RS5839",
        certification_title="Réaliser un bilan carbone",
        accessibility_contact="Claire Martin, 04 73 00 00 00",
    )
    TrainingSession.objects.create(
        page=programme,
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 6, 2),
        place="Clermont-Ferrand",
        seats=12,
        event_page=event,
    )
    TrainingSession.objects.create(
        page=programme,
        start_date=datetime.date(2026, 9, 1),
        status=TrainingSession.Status.FULL,
        registration_url="https://example.org/inscription",
    )
    TrainingSession.objects.create(
        page=programme, start_date=datetime.date(2026, 10, 1), status="cancelled"
    )
    html = client.get(programme.url).content.decode()
    assert "14 heures" in html
    assert "OPCO (plan de développement des compétences)" in html
    assert "RS5839" in html
    assert "Complet" in html and "Annulée" in html
    assert 'href="/atelier/"' in html  # registration goes through the event page
    assert "https://example.org/inscription" not in html  # a full session takes no one
    data = json_ld(html)
    assert data["@type"] == "Course"
    assert data["courseCode"] == "RS5839"
    instances = data["hasCourseInstance"]
    assert [instance["startDate"] for instance in instances] == ["2026-06-01", "2026-09-01"]
    assert instances[0]["courseMode"] == "Onsite"
    assert instances[0]["offers"]["price"] == "450.00"
    assert instances[1]["offers"]["availability"] == "https://schema.org/SoldOut"


def test_support_scheme_without_form_renders_its_sections(client, index):
    scheme = SupportSchemePageFactory(
        parent=index,
        title="Accompagnement collectif",
        for_whom="<p>Les compagnies émergentes.</p>",
        how_to_apply="<p>Écrivez-nous.</p>",
    )
    html = client.get(scheme.url).content.decode()
    assert "Les compagnies émergentes." in html
    assert "Écrivez-nous." in html
    assert "<form" not in html.split('id="contenu"')[1]


def test_directory_page_renders_organisation_json_ld(client, home):
    directory = DirectoryPageFactory(parent=home)
    OrganisationFactory(name="Région Auvergne-Rhône-Alpes", kind="local_authority")
    html = client.get(directory.url).content.decode()
    data = json_ld(html)
    assert data["hasPart"][0] == {
        "@type": "Organization",
        "name": "Région Auvergne-Rhône-Alpes",
    }


def test_a_draft_edit_does_not_change_the_published_listing(client, index):
    guide = GuidePageFactory(parent=index, title="Version publiée", summary="Publié")
    guide.title = "Version brouillon"
    guide.summary = "Brouillon"
    guide.save_revision()
    html = client.get(index.url).content.decode()
    assert "Version publiée" in html
    assert "Brouillon" not in html
    guide.get_latest_revision().publish()
    html = client.get(index.url).content.decode()
    assert "Version brouillon" in html


def test_deleting_a_resource_removes_it_from_the_index(client, index):
    guide = GuidePageFactory(parent=index, title="Éphémère")
    Page.objects.get(pk=guide.pk).delete()
    assert "Éphémère" not in client.get(index.url).content.decode()
