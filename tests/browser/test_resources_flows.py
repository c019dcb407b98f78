"""A visitor narrows the resource index and searches it; another applies to the mentoring call."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import describe, run_axe, save_screenshot
from tests.browser.helpers import is_focused, wait_for_focus, wait_for_mail
from tests.factories import ThemeFactory
from tests.resources.factories import (
    GuidePageFactory,
    ResourceIndexPageFactory,
    TrainingProgrammePageFactory,
    body,
    mentoring_scheme,
)
from tests.smtp import text_part

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def index(home):
    index = ResourceIndexPageFactory(parent=home)
    ecology = ThemeFactory(name="Transition écologique")
    digital = ThemeFactory(name="Numérique")
    GuidePageFactory(
        parent=index,
        title="Écoconcevoir une tournée",
        body=body("Mutualiser les dates de la tournée et réduire les trajets."),
        themes=[ecology],
    )
    GuidePageFactory(
        parent=index,
        title="Anticiper les compétences de demain",
        body=body("La transition écologique transforme les métiers."),
        themes=[ecology],
    )
    TrainingProgrammePageFactory(
        parent=index, title="Sobriété numérique au bureau", themes=[digital]
    )
    return index


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_visitor_filters_and_searches_the_resource_index(live_server, browser, index, javascript):
    context = browser.new_context(
        java_script_enabled=javascript, locale="fr-FR", timezone_id="Europe/Paris"
    )
    page = context.new_page()
    page.goto(live_server.url + index.url)
    count = page.locator(".result-count")
    expect(count).to_contain_text("3 ressources")

    page.get_by_role("checkbox", name="Transition écologique").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(count).to_contain_text("2 ressources")
    assert "theme=transition-ecologique" in page.url  # the filtered list can be shared
    expect(page.get_by_role("link", name="Sobriété numérique au bureau")).to_have_count(0)

    page.get_by_label("Mots recherchés").fill("tournée")
    page.get_by_role("button", name="Filtrer").click()
    expect(count).to_contain_text("1 ressource pour « tournée »")
    if javascript:
        save_screenshot(page, "flow-resources-search-desktop")

    # Removing the theme filter keeps the search and widens the results again.
    page.get_by_role("link", name="(retirer ce filtre)").click()
    expect(count).to_contain_text("pour « tournée »")
    expect(page.get_by_role("checkbox", name="Transition écologique")).not_to_be_checked()
    page.get_by_role("link", name="Écoconcevoir une tournée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Écoconcevoir une tournée")
    context.close()


@pytest.fixture
def mentoring(home):
    index = ResourceIndexPageFactory(parent=home)
    return mentoring_scheme(index)


def test_visitor_applies_to_the_mentoring_call_and_gets_a_confirmation(
    live_server, page, mentoring, smtp_sink, axe_source
):
    page.goto(live_server.url + mentoring.url)
    # A required drop-down starts on an empty choice: nothing is answered for the person.
    expect(page.get_by_label("Région")).to_have_value("")
    page.get_by_role("button", name="Envoyer ma candidature").click()

    summary = page.locator("#error-summary")
    wait_for_focus(page, "error-summary")
    assert is_focused(summary)
    expect(summary).to_contain_text("Région")
    region = page.get_by_label("Région")
    expect(region).to_have_attribute("aria-invalid", "true")
    violations = [v for v in run_axe(page, axe_source) if v["impact"] in ("serious", "critical")]
    assert not violations, describe(violations)

    page.get_by_role("radio", name="Être accompagné·e").check()
    page.get_by_label("Nom et prénom").fill("Inès Robert")
    page.get_by_label("E-mail").fill("ines@compagnie.test")
    page.get_by_label("Structure").fill("Compagnie des Volcans")
    region.select_option("Auvergne-Rhône-Alpes")
    page.get_by_role("checkbox", name="Écoconception").check()
    page.get_by_role("checkbox", name=re.compile("J[’']accepte")).check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre candidature est bien envoyée"
    )

    confirmation = wait_for_mail(smtp_sink, "ines@compagnie.test")
    assert confirmation["Subject"] == "Votre candidature au mentorat"
    assert "Le comité se réunit fin juin." in text_part(confirmation)
    assert "Compagnie des Volcans" not in text_part(confirmation)  # no typed text echoed
    wait_for_mail(smtp_sink, "mentorat@passerelles.test")
