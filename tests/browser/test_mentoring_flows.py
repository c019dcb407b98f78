"""Two people apply (mentor, seeker), an editor pairs them, both accept from their e-mails;
the editor then runs the pairing to its end and the mentor prints the attestation."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from resources.mentoring.choices import PairingState
from resources.mentoring.models import Pairing
from tests.browser.conftest import describe, run_axe, save_screenshot
from tests.browser.helpers import is_focused, link_path, wait_for_focus, wait_for_mail
from tests.factories import SectorFactory, TerritoryFactory
from tests.mentoring.factories import DomainFactory, MeshPageFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test account on a test server


@pytest.fixture
def programme(home):
    for name in ("Puy-de-Dôme", "Allier"):
        TerritoryFactory(name=name)
    SectorFactory(name="Spectacle vivant")
    for name in ("Administration et paie", "Financements européens", "Diffusion et tournée"):
        DomainFactory(name=name)
    programme = ProgrammeFactory(parent=home, title="Mentorat entre pairs")
    MeshPageFactory(parent=programme)
    get_user_model().objects.create_superuser("claire", "claire@passerelles.test", PASSWORD)
    return programme


def assert_accessible(page, axe_source):
    violations = [v for v in run_axe(page, axe_source) if v["impact"] in ("serious", "critical")]
    assert not violations, describe(violations)


def apply(page, url, kind, name, email, structure, domain):
    page.goto(url)
    page.get_by_role("radio", name=kind).check()
    page.get_by_role("textbox", name="Nom et prénom", exact=True).fill(name)
    page.get_by_role("textbox", name="Adresse e-mail", exact=True).fill(email)
    page.get_by_role("textbox", name="Structure", exact=True).fill(structure)
    page.get_by_role("textbox", name="Fonction", exact=True).fill("Administratrice")
    page.get_by_role("combobox", name="Territoire", exact=True).select_option(label="Puy-de-Dôme")
    page.get_by_role("checkbox", name=domain).check()
    page.get_by_role("spinbutton", name="Disponibilité (heures par mois)", exact=True).fill("4")
    page.get_by_role("radio", name="Les deux me conviennent").check()
    page.get_by_role("checkbox", name=re.compile("J[’']accepte")).check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre candidature est bien envoyée"
    )


def accept_from_mail(page, live_server, message):
    page.goto(live_server.url + link_path(message, r"/mentorat/binome/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre binôme de mentorat")
    page.get_by_role("button", name=re.compile("J[’']accepte ce binôme")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Merci, votre réponse est enregistrée."
    )


def test_apply_match_accept_complete_and_print(live_server, page, programme, smtp_sink, axe_source):
    url = live_server.url + programme.url
    page.goto(url)
    assert_accessible(page, axe_source)
    page.get_by_role("button", name="Envoyer ma candidature").click()
    wait_for_focus(page, "error-summary")
    assert is_focused(page.locator("#error-summary"))
    expect(page.locator("#error-summary")).to_contain_text("Choisissez au moins un domaine")
    assert_accessible(page, axe_source)
    save_screenshot(page, "mentoring-application-errors-desktop")

    apply(page, url, "Je propose un mentorat", "Paul Mercier", "paul@lefil.test", "Le Fil",
          "Administration et paie")  # fmt: skip
    apply(page, url, "Je cherche un mentorat", "Inès Robert", "ines@volcans.test",
          "Compagnie des Volcans", "Administration et paie")  # fmt: skip
    wait_for_mail(smtp_sink, "paul@lefil.test", subject="Candidature reçue")

    # The editor opens the board from the admin menu's screen and proposes the pair.
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("claire")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.goto(live_server.url + "/admin/mentorat/")
    expect(page.locator("main")).to_contain_text("2 à étudier")
    page.get_by_role("link", name="Mise en relation", exact=True).click()
    expect(page.locator("main")).to_contain_text("domaines en commun : Administration et paie")
    save_screenshot(page, "mentoring-board-desktop")
    page.get_by_role("button", name="Proposer le binôme Paul Mercier et Inès Robert").click()
    expect(page.locator(".messages")).to_contain_text("Binôme proposé")

    # Each accepts from the link of their own e-mail, without logging in.
    visitor = page.context.browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    tab = visitor.new_page()
    accept_from_mail(tab, live_server, wait_for_mail(smtp_sink, "paul@lefil.test", 2))
    assert_accessible(tab, axe_source)
    accept_from_mail(tab, live_server, wait_for_mail(smtp_sink, "ines@volcans.test", 2))
    pairing = Pairing.objects.get()
    assert pairing.state == PairingState.ACCEPTED
    wait_for_mail(smtp_sink, "ines@volcans.test", subject="Binôme confirmé")

    # The editor starts, then completes it; the mentor opens and prints the attestation.
    page.goto(f"{live_server.url}/admin/mentorat/binome/{pairing.pk}/")
    page.get_by_label("Date de début").fill("2027-01-15")
    page.get_by_label("Heures prévues").fill("12")
    page.get_by_role("button", name="Démarrer").click()
    expect(page.locator(".messages")).to_contain_text("Le binôme démarre")
    page.get_by_label("Heures réalisées").fill("10")
    page.get_by_role("button", name="Terminer et envoyer les attestations").click()
    expect(page.locator(".messages")).to_contain_text("attestations sont envoyées")
    done = wait_for_mail(smtp_sink, "paul@lefil.test", subject="attestation")
    tab.goto(live_server.url + link_path(done, r"/mentorat/binome/"))
    tab.get_by_role("link", name="Voir et imprimer votre attestation").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Attestation de mentorat entre pairs")
    expect(tab.locator("main")).to_contain_text("10 heures")
    assert_accessible(tab, axe_source)
    # The button prints through the static script (the CSP refuses an inline onclick).
    tab.evaluate("window.print = () => { window.printed = true; }")
    tab.get_by_role("button", name="Imprimer ou enregistrer en PDF").click()
    assert tab.evaluate("window.printed === true")
    tab.emulate_media(media="print")
    expect(tab.get_by_role("button", name="Imprimer ou enregistrer en PDF")).to_be_hidden()
    visitor.close()

    page.goto(live_server.url + programme.url + "reseau/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Le réseau des mentors")
    assert_accessible(page, axe_source)
