"""A newcomer signs up, confirms the address, is approved, posts in a workspace thread with a
document; another member of the workspace receives the notification e-mail (real SMTP)."""

import pytest
from playwright.sync_api import expect

from members import membership, threads
from members.models import MemberProfile, Partner, WorkPackage, WorkspaceMembership, WorkspacePage
from tests.browser.conftest import DESKTOP, MOBILE, describe, run_axe, save_screenshot
from tests.browser.helpers import link_path, save_mail_html, wait_for_mail
from tests.factories import SectorFactory, TerritoryFactory
from tests.members.factories import PASSWORD, member
from tests.members.workspace_factories import seat, workspace
from tests.smtp import text_part

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEWCOMER = "ines@exemple.org"
COORDINATOR = "claire@exemple.org"


@pytest.fixture
def project(home, settings, tmp_path):
    settings.MEMBERS_FILES_ROOT = tmp_path / "private"
    SectorFactory(name="Arts visuels")
    TerritoryFactory(name="Cantal")
    space = workspace("scenes-rurales", "Scènes rurales en transition")
    WorkPackage.objects.create(workspace=space, code="LT2", title="Résidences croisées")
    coordinator = member(COORDINATOR, full_name="Claire Fontaine", structure="Passerelles")
    seat(space, coordinator.user, WorkspaceMembership.Role.COORDINATOR)
    return space


def check_page(page, axe_source, tmp_path, name, documents):
    """The HTML kept for the Nu Html Checker (before axe adds its script), then axe-core at
    1280 and 375 px: no violation of any impact."""
    document = tmp_path / f"{name}.html"
    document.write_text(page.content())
    documents.append(document)
    for label, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
        page.set_viewport_size(viewport)
        violations = run_axe(page, axe_source)
        assert not violations, f"{name} ({label}):\n{describe(violations)}"
    page.set_viewport_size(DESKTOP)


def test_newcomer_signs_up_is_approved_and_posts_with_a_document(
    live_server, page, project, smtp_sink, axe_source, html_checker, tmp_path
):
    checked = []
    page.goto(live_server.url + "/compte/inscription/")
    check_page(page, axe_source, tmp_path, "signup", checked)
    page.get_by_label("Adresse e-mail").fill(NEWCOMER)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("Nom et prénom").fill("Inès Robert")
    page.get_by_label("Structure").fill("Collectif Lumen")
    page.get_by_label("Fonction").fill("Artiste plasticienne")
    page.get_by_label("Arts visuels").check()
    page.get_by_label("Territoire").select_option(label="Cantal")
    page.get_by_label("Pourquoi rejoindre le réseau").fill("Pour le projet de résidences.")
    page.get_by_role("button", name="Créer mon compte et envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre adresse e-mail")

    confirmation = wait_for_mail(smtp_sink, NEWCOMER, subject="Confirmez")
    page.goto(live_server.url + link_path(confirmation, r"/compte/confirmer-e-mail/"))
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.locator("main")).to_contain_text("entre les mains de l’équipe")
    check_page(page, axe_source, tmp_path, "space-pending", checked)

    # The editor approves the request and seats Inès in the project (done in the admin).
    profile = MemberProfile.objects.get(user__email=NEWCOMER)
    membership.approve([profile])
    seat(project, profile.user)
    welcome = wait_for_mail(smtp_sink, NEWCOMER, subject="Bienvenue")

    page.goto(live_server.url + link_path(welcome, r"/espace-membres/"))
    page.get_by_role("link", name="Scènes rurales en transition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scènes rurales en transition")
    check_page(page, axe_source, tmp_path, "workspace-home", checked)

    page.get_by_role("link", name="Ouvrir une discussion").first.click()
    page.get_by_label("Sujet").fill("Dossier de la résidence de mai")
    page.get_by_label("Votre message").fill("Bonjour,\n\nvoici notre dossier artistique.")
    page.get_by_label("Lot de travail").select_option(label="LT2 — Résidences croisées")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("Votre discussion est ouverte.")
    check_page(page, axe_source, tmp_path, "thread", checked)

    page.get_by_role("navigation", name="Espace de travail").get_by_role(
        "link", name="Documents"
    ).click()
    page.get_by_role("link", name="Déposer un document").click()
    check_page(page, axe_source, tmp_path, "document-new", checked)
    page.get_by_label("Titre").fill("Dossier artistique")
    page.get_by_label("Fichier").set_input_files(
        {"name": "dossier.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 dossier"}
    )
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_role("status")).to_contain_text("Le document est déposé.")
    check_page(page, axe_source, tmp_path, "document", checked)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la dernière version").click()
    assert download.value.suggested_filename == "dossier.pdf"

    notification = wait_for_mail(smtp_sink, COORDINATOR, subject="Dossier de la résidence")
    assert "voici notre dossier artistique" in text_part(notification)
    reply = link_path(notification, r"/discussions/\d+/")
    assert reply.startswith("/espace-membres/espaces/scenes-rurales/discussions/")

    page.goto(live_server.url + "/espace-membres/annuaire/")
    check_page(page, axe_source, tmp_path, "directory", checked)
    page.goto(live_server.url + "/espace-membres/profil/")
    check_page(page, axe_source, tmp_path, "profile", checked)
    save_screenshot(page, "members-profile-desktop")

    mails = save_mail_html([confirmation, welcome, notification], tmp_path, "members-mail")
    errors = html_checker(checked + mails)
    assert not errors, errors


def test_login_and_showcase_pages_pass_axe_and_the_html_checker(
    live_server, page, home, project, axe_source, html_checker, tmp_path
):
    Partner.objects.create(
        workspace=project, name="Teatro dei Borghi", country="Italie", role="partner"
    )
    showcase = WorkspacePage(title="Scènes rurales", slug="scenes-rurales", workspace=project)
    home.add_child(instance=showcase)
    checked = []
    pages = [
        "/compte/connexion/",
        "/compte/connexion/code/",
        "/compte/mot-de-passe/oublie/",
        "/scenes-rurales/",
    ]
    for path in pages:
        page.goto(live_server.url + path)
        check_page(page, axe_source, tmp_path, path.strip("/").replace("/", "-"), checked)
    expect(page.locator("main")).to_contain_text("Teatro dei Borghi")
    errors = html_checker(checked)
    assert not errors, errors


def test_a_coordinator_hides_a_message_after_confirming_and_members_see_a_placeholder(
    live_server, page, browser, project, axe_source, html_checker, tmp_path
):
    partner = member("paul@exemple.org", full_name="Paul Partner").user
    seat(project, partner)
    thread = threads.start(project, partner, "Calendrier", "Un message hors sujet", notify=False)
    checked = []
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(COORDINATOR)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(live_server.url + f"/espace-membres/espaces/scenes-rurales/discussions/{thread.pk}/")
    page.get_by_role("link", name="Masquer le message de Paul Partner").click()
    check_page(page, axe_source, tmp_path, "moderate", checked)
    page.get_by_label("Motif").fill("Hors sujet : à reprendre dans « Budget ».")
    page.get_by_role("button", name="Masquer le message").click()
    expect(page.get_by_role("status")).to_contain_text("Le message est masqué")
    expect(page.locator("main")).to_contain_text("Masqué par Claire Fontaine")
    check_page(page, axe_source, tmp_path, "thread-moderated", checked)

    other = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    observer = member("olga@exemple.org", full_name="Olga Obs").user
    seat(project, observer, WorkspaceMembership.Role.OBSERVER)
    tab = other.new_page()
    tab.goto(live_server.url + "/compte/connexion/")
    tab.get_by_label("Adresse e-mail").fill("olga@exemple.org")
    tab.get_by_label("Mot de passe").fill(PASSWORD)
    tab.get_by_role("button", name="Se connecter").click()
    tab.goto(live_server.url + f"/espace-membres/espaces/scenes-rurales/discussions/{thread.pk}/")
    expect(tab.locator("main")).to_contain_text("Message masqué par la coordination")
    expect(tab.locator("main")).not_to_contain_text("hors sujet")
    other.close()
    errors = html_checker(checked)
    assert not errors, errors
