"""Letters in the admin: real counts in the listing, the period's last day, honest sending.

A letter whose readers have all received its entries already goes to nobody: the editor is told
so before sending, and it is neither marked « Envoyé » nor published in the public archive.
"""

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.watch.mailing.factories import AcceptedItemFactory, DigestFactory, SubscriberFactory
from tests.watch.test_admin_listings import listing_cells
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, DigestEntry

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("redac", "redac@passerelles.example", "x")
    )
    return client


def letter(title: str, *items, **fields) -> Digest:
    digest = DigestFactory(title=title, **fields)
    for order, item in enumerate(items):
        DigestEntry.objects.create(digest=digest, section="news", item=item, sort_order=order)
    return digest


def send_now(digest: Digest) -> Digest:
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)
    digest.refresh_from_db()
    return digest


def row_of(page: str, title: str) -> list[str]:
    (row,) = [row for row in listing_cells(page) if row[0].startswith(title)]
    return row


def test_letters_listing_shows_real_counts_without_a_query_per_letter(
    editor_client, home, mailoutbox, django_assert_max_num_queries
):
    SubscriberFactory.create_batch(3)
    send_now(letter("Lettre une", AcceptedItemFactory()))
    url = reverse("watch_digests:index")
    with CaptureQueriesContext(connection) as one_letter:
        page = editor_client.get(url).content.decode()
    # Envoyés · Échecs · En attente, after Titre · Destinataires · Statut · Fin · Envoyé le.
    assert row_of(page, "Lettre une")[5:8] == ["3", "0", "0"]

    for index in range(5):
        send_now(letter(f"Lettre {index + 2}", AcceptedItemFactory()))
    with django_assert_max_num_queries(len(one_letter)):
        page = editor_client.get(url).content.decode()
    assert row_of(page, "Lettre 6")[5:8] == ["3", "0", "0"]


def test_period_end_shows_the_last_day_the_period_includes(editor_client, home):
    letter(
        "La veille de la semaine du 23 au 29 novembre 2026",
        period_start=datetime(2026, 11, 23, tzinfo=PARIS),
        period_end=datetime(2026, 11, 30, tzinfo=PARIS),  # excluded: Monday 00:00
    )
    page = editor_client.get(reverse("watch_digests:index")).content.decode()
    row = row_of(page, "La veille de la semaine")
    assert row[3] == "29 novembre 2026"
    assert "30 novembre" not in page
    export = editor_client.get(reverse("watch_digests:index"), {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "Dernier jour de la période" in text and "2026-11-29" in text
    digest = Digest.objects.get()
    form = editor_client.get(reverse("watch_digests:edit", args=[digest.pk])).content.decode()
    assert "Fin de la période (exclue)" in form and "dimanche 29" in form


def test_a_letter_with_nothing_new_for_anyone_is_neither_sent_nor_published(
    editor_client, home, mailoutbox
):
    SubscriberFactory.create_batch(4)
    item = AcceptedItemFactory(title="Déjà reçue par tout le monde")
    assert send_now(letter("Première", item)).status == Digest.Status.SENT
    mailoutbox.clear()

    again = letter("Seconde, sans rien de nouveau", item)
    control = reverse("watch_digests:control", args=[again.pk])
    page = editor_client.get(control).content.decode()
    assert "4 personnes abonnées à ce rythme, 0 avec du nouveau à recevoir" in page
    assert 'name="confirm"' not in page and 'id="nothing-to-send"' in page

    response = editor_client.post(control, {"action": "send", "confirm": "yes"}, follow=True)
    assert "Personne n’a rien de nouveau à recevoir" in html.unescape(response.content.decode())
    assert Digest.objects.get(pk=again.pk).status == Digest.Status.DRAFT

    # Scheduled earlier, it leaves on its own: it ends « Rien à envoyer », sent to no one.
    again = send_now(again)
    assert again.status == Digest.Status.NOTHING and again.sent_at is None
    assert mailoutbox == []
    assert (
        editor_client.get(reverse("mailing:digest_archive_detail", args=[again.pk])).status_code
        == 404
    )
    assert "Seconde" not in editor_client.get(reverse("mailing:digest_archive")).content.decode()
    listing = editor_client.get(reverse("watch_digests:index")).content.decode()
    assert row_of(listing, "Seconde")[2] == "Rien à envoyer"
    page = html.unescape(editor_client.get(control).content.decode())
    assert "la lettre n’est partie chez personne" in page


def test_confirmation_counts_only_those_who_will_really_receive_something(
    editor_client, home, mailoutbox
):
    SubscriberFactory.create_batch(2)
    old = AcceptedItemFactory(title="Ancienne")
    send_now(letter("Première", old))
    SubscriberFactory(email="nouvelle@exemple.fr")  # has received nothing yet
    mailoutbox.clear()
    digest = letter("Seconde", old)
    control = reverse("watch_digests:control", args=[digest.pk])
    page = html.unescape(editor_client.get(control).content.decode())
    assert re.search(r"l’envoyer maintenant à 1 personne\b", page)

    editor_client.post(control, {"action": "send", "confirm": "yes"})
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    assert [message.to for message in mailoutbox] == [["nouvelle@exemple.fr"]]
    assert digest.progress()["sent"] == 1


def test_cancelling_a_scheduled_letter_stops_it(editor_client, home):
    digest = letter("Programmée", AcceptedItemFactory(), status=Digest.Status.SCHEDULED)
    control = reverse("watch_digests:control", args=[digest.pk])
    editor_client.post(control, {"action": "cancel"})
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.CANCELLED
