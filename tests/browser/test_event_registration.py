"""A visitor finds a workshop in the agenda, registers with the keyboard only, then cancels."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import describe, run_axe, save_screenshot
from tests.browser.helpers import (
    is_focused,
    link_path,
    save_mail_html,
    tab_to,
    wait_for_focus,
    wait_for_mail,
)
from tests.events.factories import add_agenda, add_cycle, add_event
from tests.factories import ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSHOP = "Atelier écoconception des tournées"


@pytest.fixture
def agenda(home):
    """An agenda with two events; the workshop on eco-design has a single seat."""
    agenda = add_agenda(home)
    cycle = add_cycle(agenda)
    # Whole hours, as editors enter them (the factory's default keeps microseconds).
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=14)
    add_event(
        cycle,
        title="Rencontre financement",
        themes=[ThemeFactory(name="Financement")],
        start=start - timedelta(days=2),
    )
    add_event(
        cycle,
        title=WORKSHOP,
        themes=[ThemeFactory(name="Écoconception")],
        capacity=1,
        start=start,
    )
    return agenda


def test_keyboard_registration_confirmation_waiting_list_and_cancellation(
    live_server, page, browser, agenda, smtp_sink, html_checker, tmp_path
):
    page.goto(live_server.url + agenda.url)
    expect(page.locator(".result-count")).to_have_text("2 événements")
    page.get_by_label("Thématique", exact=True).select_option(label="Écoconception")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(".result-count")).to_have_text("1 événement")
    save_screenshot(page, "flow-agenda-filtered-desktop")
    page.get_by_role("link", name=WORKSHOP).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP)

    # Keyboard only from here: Tab to each field, type, Space on the checkbox, Enter to send.
    tab_to(page, page.get_by_role("textbox", name="Nom et prénom", exact=True))
    page.keyboard.type("Camille Martin")
    tab_to(page, page.get_by_role("textbox", name="Adresse e-mail", exact=True))
    page.keyboard.type("camille@example.org")
    tab_to(page, page.get_by_label("Structure (facultatif)", exact=True))
    page.keyboard.type("Compagnie des Volcans")
    tab_to(page, page.get_by_role("checkbox", name=re.compile("J[’']accepte")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="M’inscrire", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Votre place est réservée.")

    confirmation = wait_for_mail(smtp_sink, "camille@example.org")
    assert WORKSHOP in str(confirmation["Subject"])
    cancel_path = link_path(confirmation, r"/annuler/$")

    # The only seat is taken: the next person is offered, and gets, the waiting list.
    other = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    newcomer = other.new_page()
    newcomer.goto(live_server.url + agenda.url)
    newcomer.get_by_role("link", name=WORKSHOP).click()
    expect(newcomer.locator(".seats")).to_contain_text("Complet")
    newcomer.get_by_role("textbox", name="Nom et prénom", exact=True).fill("Inès Robert")
    newcomer.get_by_role("textbox", name="Adresse e-mail", exact=True).fill("ines@example.org")
    newcomer.get_by_role("checkbox", name=re.compile("J[’']accepte")).check()
    newcomer.get_by_role("button", name="M’inscrire sur la liste d’attente").click()
    expect(newcomer.get_by_role("status")).to_contain_text(
        "Vous êtes en position 1 sur la liste d'attente."
    )
    waiting = wait_for_mail(smtp_sink, "ines@example.org")
    other.close()

    page.goto(live_server.url + cancel_path)
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    expect(page.get_by_role("status")).to_contain_text("votre inscription est annulée")
    cancelled = wait_for_mail(smtp_sink, "camille@example.org", count=2)
    # The freed seat goes to the first person waiting, who is told by e-mail.
    promoted = wait_for_mail(smtp_sink, "ines@example.org", count=2)
    assert WORKSHOP in str(promoted["Subject"])

    mails = save_mail_html([confirmation, waiting, cancelled, promoted], tmp_path, "event-mail")
    errors = html_checker(mails)
    assert not errors, errors


def test_empty_registration_moves_focus_to_the_error_summary(
    live_server, page, agenda, axe_source, html_checker, tmp_path
):
    page.goto(live_server.url + agenda.url)
    page.get_by_role("link", name=WORKSHOP).click()
    page.get_by_role("button", name="M’inscrire", exact=True).click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    wait_for_focus(page, "error-summary")
    assert is_focused(summary)
    expect(summary.get_by_role("link")).to_have_count(3)  # name, e-mail, consent

    name = page.get_by_role("textbox", name="Nom et prénom", exact=True)
    expect(name).to_have_attribute("aria-invalid", "true")
    described = name.get_attribute("aria-describedby").split()
    assert any(
        "Indiquez votre nom" in page.locator(f"#{ident}").inner_text() for ident in described
    ), described
    email = page.get_by_role("textbox", name="Adresse e-mail", exact=True)
    described = email.get_attribute("aria-describedby").split()
    messages = " ".join(page.locator(f"#{ident}").inner_text() for ident in described)
    assert "Indiquez votre adresse e-mail." in messages
    # Following a summary link puts the cursor in the field to correct.
    summary.get_by_role("link", name="Adresse e-mail").click()
    assert is_focused(email)
    save_screenshot(page, "registration-errors-desktop")

    document = tmp_path / "registration-errors.html"
    document.write_text(page.content())
    violations = [v for v in run_axe(page, axe_source) if v["impact"] in ("serious", "critical")]
    assert not violations, describe(violations)
    errors = html_checker([document])
    assert not errors, errors

    # Corrected at the address the refusal was shown at, the same form goes through.
    name.fill("Camille Martin")
    email.fill("camille@example.org")
    page.get_by_role("checkbox", name=re.compile("J[’']accepte")).check()
    page.get_by_role("button", name="M’inscrire", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Votre place est réservée.")


def test_registration_without_javascript_keeps_what_was_typed_and_then_goes_through(
    live_server, browser, agenda
):
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + agenda.url)
    page.get_by_role("link", name=WORKSHOP).click()
    name = page.get_by_role("textbox", name="Nom et prénom", exact=True)
    name.fill("Inès Robert")
    page.get_by_role("button", name="M’inscrire", exact=True).click()

    expect(page.locator("#error-summary")).to_contain_text("Indiquez votre adresse e-mail.")
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP)
    expect(name).to_have_value("Inès Robert")  # nothing typed is lost
    page.get_by_role("textbox", name="Adresse e-mail", exact=True).fill("ines@example.org")
    page.get_by_role("checkbox", name=re.compile("J[’']accepte")).check()
    page.get_by_role("button", name="M’inscrire", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Votre place est réservée.")
    context.close()
