"""The watch digest from both sides: a visitor subscribes and tunes it, an editor sends it."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import save_screenshot
from tests.browser.helpers import link_path, save_mail_html, wait_for_mail
from tests.factories import ThemeFactory
from tests.smtp import html_part
from tests.watch.mailing.factories import AcceptedItemFactory, CallItemFactory
from watch.mailing import digests
from watch.mailing.models import Subscriber
from watch.mailing.models.subscribers import Rhythm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR = "camille@exemple.fr"
PASSWORD = "correct horse battery staple"  # noqa: S105 - a test account on a test server


@pytest.fixture
def watch_items(home):
    """Two items accepted during last week: a call on ecology, a piece of news on digital."""
    ecology = ThemeFactory(name="Transition écologique", slug="transition-ecologique")
    digital = ThemeFactory(name="Numérique", slug="numerique")
    start, _end = digests.period_for(Rhythm.WEEKLY, timezone.now())
    accepted = start + timedelta(days=2)
    CallItemFactory(
        title="Appel Écoprod",
        themes=[ecology],
        deadline=timezone.now() + timedelta(days=20),
        accepted_at=accepted,
    )
    AcceptedItemFactory(title="Actualité numérique", themes=[digital], accepted_at=accepted)


def test_subscribe_confirm_choose_topics_receive_the_digest_and_unsubscribe_in_one_click(
    live_server, browser, watch_items, smtp_sink, html_checker, tmp_path, settings
):
    settings.SITE_URL = live_server.url  # the links of e-mails and pages lead back here
    visitor_context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    visitor = visitor_context.new_page()
    visitor.goto(live_server.url + "/lettre/inscription/")
    visitor.get_by_label("Adresse e-mail").fill(VISITOR)
    visitor.get_by_role("checkbox", name="Numérique").check()
    visitor.locator("#id_consent").check()
    visitor.get_by_role("button", name="M’abonner").click()
    expect(visitor.get_by_role("status")).to_contain_text("Vérifiez votre boîte de réception")

    confirmation = wait_for_mail(smtp_sink, VISITOR)
    visitor.goto(live_server.url + link_path(confirmation, r"/lettre/confirmer/"))
    # Opening the link does not confirm (link scanners open links too): the button does.
    visitor.get_by_role("button", name="Je confirme mon abonnement").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Abonnement confirmé")

    visitor.get_by_role("link", name="Choisir mes thématiques et mon rythme").click()
    visitor.get_by_role("checkbox", name="Numérique").uncheck()
    visitor.get_by_role("checkbox", name="Transition écologique").check()
    visitor.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(visitor.get_by_role("status")).to_contain_text("Vos préférences sont enregistrées.")
    save_screenshot(visitor, "digest-preferences-desktop")
    subscriber = Subscriber.objects.get(email=VISITOR)
    assert [theme.name for theme in subscriber.themes.all()] == ["Transition écologique"]

    # Signing up again with the same address tells the person, by e-mail, that they already are.
    visitor.goto(live_server.url + "/lettre/inscription/")
    visitor.get_by_label("Adresse e-mail").fill(VISITOR)
    visitor.locator("#id_consent").check()
    visitor.get_by_role("button", name="M’abonner").click()
    expect(visitor.get_by_role("status")).to_contain_text("Vérifiez votre boîte de réception")
    already = wait_for_mail(smtp_sink, VISITOR, count=2)

    # Monday morning the schedule prepares last week's draft; the editor previews it as this
    # subscriber and sends it.
    draft = digests.build_draft(Rhythm.WEEKLY)
    get_user_model().objects.create_superuser("claire", "claire@passerelles.test", PASSWORD)
    editor_context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris"
    )
    editor = editor_context.new_page()
    editor.goto(live_server.url + "/admin/")
    editor.locator("#id_username").fill("claire")
    editor.locator("#id_password").fill(PASSWORD)
    editor.get_by_role("button", name="S'identifier").click()
    editor.get_by_role("button", name="Lettre de veille", exact=True).click()
    editor.get_by_role("link", name="Lettres", exact=True).click()
    expect(editor.get_by_role("link", name=draft.title)).to_be_visible()
    editor.goto(live_server.url + reverse("watch_digests:control", args=[draft.pk]))
    editor.get_by_label("Voir la lettre telle que la recevra la personne abonnée").fill(VISITOR)
    editor.get_by_role("button", name="Afficher", exact=True).click()
    expect(editor.get_by_text(f"{VISITOR} recevrait 1 élément.")).to_be_visible()
    preview = editor.frame_locator('iframe[title="Aperçu HTML de la lettre"]')
    expect(preview.get_by_text("Appel Écoprod")).to_be_visible()
    expect(preview.get_by_text("Actualité numérique")).to_have_count(0)
    save_screenshot(editor, "admin-digest-preview-desktop")
    editor.locator("#confirm-send").check()
    editor.get_by_role("button", name="Envoyer maintenant").click()
    expect(editor.locator(".messages")).to_contain_text("Envoi lancé")
    editor_context.close()

    digest = wait_for_mail(smtp_sink, VISITOR, count=3)
    assert "Appel Écoprod" in html_part(digest)
    assert "Actualité numérique" not in html_part(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.search(r"<(https?://[^>]+)>", digest["List-Unsubscribe"]).group(1)
    unsubscribe_path = re.sub(r"^https?://[^/]+", "", unsubscribe_url)

    # RFC 8058: the mail client's "Unsubscribe" button POSTs once, without cookie or CSRF token.
    answer = visitor.request.post(
        live_server.url + unsubscribe_path, form={"List-Unsubscribe": "One-Click"}
    )
    assert answer.ok
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    visitor.goto(live_server.url + unsubscribe_path)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Votre désabonnement est enregistré"
    )
    visitor_context.close()

    errors = html_checker(save_mail_html([confirmation, already, digest], tmp_path, "digest-mail"))
    assert not errors, errors
