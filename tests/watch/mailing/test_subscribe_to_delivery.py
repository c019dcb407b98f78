"""The whole journey through a real SMTP server: subscribe, confirm, draft, send, read."""

import email
import re
from datetime import timedelta
from email import policy
from itertools import takewhile

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.smtp import html_part, text_part
from tests.watch.mailing.factories import AcceptedItemFactory, CallItemFactory, SubscriberFactory
from watch.mailing import digests
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, DigestEntry, Subscriber
from watch.mailing.models.subscribers import Rhythm

LINK = re.compile(r"http://testserver/lettre/[a-z]+/[^\s/]+/")


def form_data(email, themes, **extra):
    data = {
        "email": email,
        "name": "Camille",
        "themes": [theme.pk for theme in themes],
        "kinds": ["calls", "news"],
        "rhythm": "weekly",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


def in_last_period(now=None):
    start, _end = digests.period_for(Rhythm.WEEKLY, now or timezone.now())
    return start + timedelta(days=2)


@pytest.mark.django_db
def test_subscriber_confirms_then_receives_only_their_topics_and_kinds(
    client, smtp_sink, themes, site_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mailing:subscribe"), form_data("Camille@Exemple.fr", [themes["ecologie"]])
        )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="camille@exemple.fr")
    assert subscriber.status == Subscriber.Status.PENDING
    confirmation = smtp_sink.to("camille@exemple.fr")
    assert len(confirmation) == 1
    link = LINK.search(text_part(confirmation[0])).group(0)
    assert "/lettre/confirmer/" in link

    # Opening the link (a link checker would too) does not confirm; the button does.
    assert client.get(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.confirmed_at is not None
    assert subscriber.consent_version == "2026-12"  # the wording shown at sign-up
    assert subscriber.consent_source.startswith("http://testserver/lettre/inscription/")

    other = SubscriberFactory(email="dominique@exemple.fr", themes=[themes["numerique"]])
    accepted = in_last_period()
    call = CallItemFactory(
        title="Appel Écoprod",
        themes=[themes["ecologie"]],
        deadline=timezone.now() + timedelta(days=10),
        accepted_at=accepted,
    )
    digital = AcceptedItemFactory(
        title="Actualité numérique", themes=[themes["numerique"]], accepted_at=accepted
    )
    general = AcceptedItemFactory(title="Actualité pour tous", accepted_at=accepted)
    AcceptedItemFactory(title="Trop ancienne", accepted_at=accepted - timedelta(days=30))

    digest = digests.build_draft(Rhythm.WEEKLY)
    assert {entry.item_id for entry in digest.entries.all()} == {call.pk, digital.pk, general.pk}
    smtp_sink.handler.messages.clear()
    assert mailing.enqueue(digest) == 2
    mailing.send_digest(digest.pk)

    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    camille = smtp_sink.to("camille@exemple.fr")
    dominique = smtp_sink.to(other.email)
    assert len(camille) == len(dominique) == 1
    camille_text = text_part(camille[0])
    assert "Appel Écoprod" in camille_text and "Actualité pour tous" in camille_text
    assert "Actualité numérique" not in camille_text
    assert "Bonjour Camille," in camille_text
    dominique_text = text_part(dominique[0])
    assert "Actualité numérique" in dominique_text and "Appel Écoprod" not in dominique_text
    # Calls closing soon come first, with their deadline.
    html = html_part(camille[0])
    assert html.index("Appels qui ferment bientôt") < html.index("Actualités")
    assert "Date limite" in camille_text


@pytest.mark.django_db
def test_digest_carries_one_click_unsubscribe_headers_sender_and_both_parts(
    smtp_sink, themes, site_settings
):
    subscriber = SubscriberFactory(email="lea@exemple.fr")
    AcceptedItemFactory(title="Une actualité", accepted_at=in_last_period())
    digest = digests.build_draft(Rhythm.WEEKLY)
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)

    (message,) = smtp_sink.to(subscriber.email)
    unsubscribe = message["List-Unsubscribe"]
    https_link = re.search(r"<(http://testserver/lettre/desabonnement/[^>]+)>", unsubscribe)
    assert https_link
    assert "<mailto:veille@passerelles.example" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "La veille Passerelles" in message["From"]
    assert message["Reply-To"] == "veille@passerelles.example"
    text = text_part(message)
    html = html_part(message)
    assert "Une actualité" in text and "<" not in text.split("Une actualité")[0][-5:]
    assert "Passerelles, cluster des industries culturelles" in text
    assert 'width="600"' in html and "prefers-color-scheme: dark" in html
    assert "<img" not in html  # no tracking pixel (and no logo set)
    assert 'href="/' not in html  # every link is absolute
    assert "http://testserver/lettre/preferences/" in html


@pytest.mark.django_db
def test_a_long_french_subject_is_folded_with_a_full_first_line(themes, site_settings):
    title = "La veille de la semaine du 16 novembre au 22 novembre 2026 : édition spéciale été"
    digest = digests.build_draft(Rhythm.WEEKLY)
    digest.title = title
    content = digests.DigestContent(digest)
    links = {"preferences_url": "https://exemple.fr/p/", "unsubscribe_url": "https://exemple.fr/u/"}
    message = content.message("lea@exemple.fr", content.public_selection(), **links)
    raw = message.message().as_bytes(linesep="\r\n")

    lines = raw.split(b"\r\n")
    start = next(index for index, line in enumerate(lines) if line.startswith(b"Subject:"))
    folded = [lines[start]] + list(takewhile(lambda line: line[:1] == b" ", lines[start + 1 :]))
    assert lines[start] != b"Subject: " and len(folded) > 1
    assert all(len(line) <= 78 for line in folded)
    assert email.message_from_bytes(raw, policy=policy.default)["Subject"] == title


@pytest.mark.django_db
def test_one_click_post_unsubscribes_without_csrf_token(client, smtp_sink, site_settings):
    from django.test import Client

    subscriber = SubscriberFactory(email="sam@exemple.fr")
    AcceptedItemFactory(accepted_at=in_last_period())
    digest = digests.build_draft(Rhythm.WEEKLY)
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)
    (message,) = smtp_sink.to(subscriber.email)
    url = re.search(r"<(http://testserver[^>]+)>", message["List-Unsubscribe"]).group(1)

    strict = Client(enforce_csrf_checks=True)
    # A link scanner's GET shows a button and changes nothing.
    page = strict.get(url)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE

    response = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    smtp_sink.handler.messages.clear()
    AcceptedItemFactory(accepted_at=in_last_period())
    next_digest = digests.build_draft(Rhythm.WEEKLY)
    mailing.enqueue(next_digest)
    mailing.send_digest(next_digest.pk)
    assert smtp_sink.to(subscriber.email) == []


@pytest.mark.django_db
def test_item_sent_in_an_earlier_digest_is_not_repeated_and_nobody_gets_an_empty_one(
    smtp_sink, site_settings
):
    veteran = SubscriberFactory(email="ancien@exemple.fr")
    call = CallItemFactory(
        title="Appel déjà vu", deadline=timezone.now() + timedelta(days=5),
        accepted_at=in_last_period(),
    )  # fmt: skip
    first = digests.build_draft(Rhythm.WEEKLY)
    mailing.enqueue(first)
    mailing.send_digest(first.pk)
    assert len(smtp_sink.to(veteran.email)) == 1

    newcomer = SubscriberFactory(email="nouveau@exemple.fr")
    smtp_sink.handler.messages.clear()
    second = Digest.objects.create(
        title="Rappel", period_start=first.period_start, period_end=first.period_end
    )
    DigestEntry.objects.create(digest=second, section="closing_soon", item=call)
    mailing.enqueue(second)
    mailing.send_digest(second.pk)

    assert smtp_sink.to(veteran.email) == []  # only already-sent content: no e-mail at all
    print(second.progress(), list(second.outbox.values("status", "last_error", "subscriber_id")))
    assert len(smtp_sink.to(newcomer.email)) == 1
    progress = second.progress()
    assert progress["sent"] == 1 and progress["skipped"] == 1
