"""Subscribing, links, preferences, pausing and the GDPR rights of a subscriber."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tests.smtp import text_part
from tests.watch.mailing.factories import AcceptedItemFactory, DigestFactory, SubscriberFactory
from watch.mailing import sending as mailing
from watch.mailing import subscriptions
from watch.mailing.models import DigestEntry, OutboxMessage, Subscriber
from watch.mailing.tokens import SALTS, make_token, read_token


def signup(client, email="alex@exemple.fr", **extra):
    data = {
        "email": email,
        "name": "",
        "kinds": ["calls", "news", "resources", "events"],
        "rhythm": "monthly",
        "consent": "on",
        "website": "",
        **extra,
    }
    return client.post(reverse("mailing:subscribe"), data, REMOTE_ADDR=extra.pop("ip", "10.0.0.1"))


@pytest.mark.django_db
def test_form_errors_are_in_french_tied_to_fields_and_keep_what_was_typed(client, home, themes):
    response = signup(client, email="pas-une-adresse", consent="", kinds=[])
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cette adresse e-mail est incomplète" in page
    assert "Cochez cette case pour vous abonner." in page
    assert "Cochez au moins un type de contenu." in page
    assert 'aria-describedby="id_email-errors"' in page and 'id="id_email-errors"' in page
    assert 'class="error-summary"' in page
    assert 'value="pas-une-adresse"' in page
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_honeypot_pretends_success_and_records_nothing(client, home, mailoutbox):
    response = signup(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_too_many_signups_from_one_address_are_refused_politely(client, home, settings):
    settings.WATCH_SUBSCRIBE_LIMIT = 2
    for index in range(2):
        assert signup(client, email=f"a{index}@exemple.fr").status_code == 302
    response = signup(client, email="a3@exemple.fr")
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert 'value="a3@exemple.fr"' in response.content.decode()  # nothing typed is lost
    assert not Subscriber.objects.filter(email="a3@exemple.fr").exists()


@pytest.mark.django_db
def test_signing_up_an_active_address_changes_nothing_and_sends_a_reminder(
    client, home, smtp_sink, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="deja@exemple.fr", rhythm="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, email="deja@exemple.fr", rhythm="monthly")
    subscriber.refresh_from_db()
    assert subscriber.rhythm == "weekly" and subscriber.status == Subscriber.Status.ACTIVE
    (message,) = smtp_sink.to("deja@exemple.fr")
    assert "déjà abonné" in message["Subject"]
    assert "/lettre/preferences/" in text_part(message)


@pytest.mark.django_db
def test_the_reminder_to_an_active_address_goes_out_once_per_delay(
    client, home, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="deja@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # several visitors, under the IP limit
            signup(client, email="deja@exemple.fr", ip=ip)
    assert len(smtp_sink.to("deja@exemple.fr")) == 1

    later = timezone.now() + subscriptions.CONFIRMATION_RESEND_DELAY + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.subscribe(
            email="deja@exemple.fr",
            name="",
            themes=[],
            kinds=["calls"],
            rhythm="weekly",
            source="test",
            now=later,
        )
    assert len(smtp_sink.to("deja@exemple.fr")) == 2


@pytest.mark.django_db
def test_expired_tampered_and_wrong_purpose_tokens_are_refused(client, home, settings):
    subscriber = Subscriber.objects.create(email="t@exemple.fr")
    token = make_token(subscriber, "confirm")
    assert read_token(token, "confirm") == subscriber

    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert read_token(tampered, "confirm") is None
    assert read_token(token, "unsubscribe") is None  # another salt
    other_salt = signing.dumps([subscriber.pk, subscriber.secret[:8]], salt="autre.chose")
    assert read_token(other_salt, "confirm") is None

    settings.WATCH_CONFIRM_LINK_DAYS = 7
    old = signing.TimestampSigner(salt=SALTS["confirm"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            old,
            "timestamp",
            lambda: signing.b62_encode(int(timezone.now().timestamp()) - 8 * 86400),
        )
        expired = old.sign_object([subscriber.pk, subscriber.secret[:8]])
    assert read_token(expired, "confirm") is None
    response = client.get(reverse("mailing:confirm", args=[expired]))
    assert response.status_code == 400
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    assert client.post(reverse("mailing:unsubscribe", args=["nimporte-quoi"])).status_code == 400


@pytest.mark.django_db
def test_unconfirmed_signups_are_purged_after_the_delay(home):
    old = Subscriber.objects.create(email="vieux@exemple.fr")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.create(email="recent@exemple.fr")
    confirmed = SubscriberFactory(created_at=timezone.now() - timedelta(days=30))
    assert subscriptions.purge_unconfirmed(days=7) == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "recent@exemple.fr",
        confirmed.email,
    }


@pytest.mark.django_db
def test_preferences_change_topics_kinds_rhythm_and_pause(client, home, themes):
    subscriber = SubscriberFactory(email="p@exemple.fr")
    url = reverse("mailing:preferences", args=[make_token(subscriber, "preferences")])
    page = client.get(url)
    assert page.status_code == 200 and "p@exemple.fr" in page.content.decode()

    client.post(
        url,
        {
            "action": "save",
            "name": "Pat",
            "themes": [themes["europe"].pk],
            "kinds": ["events"],
            "rhythm": "monthly",
        },
    )
    subscriber.refresh_from_db()
    assert subscriber.name == "Pat" and subscriber.rhythm == "monthly"
    assert subscriber.kinds() == {"events"}
    assert list(subscriber.themes.all()) == [themes["europe"]]

    client.post(url, {"action": "pause"})
    subscriber.refresh_from_db()
    assert subscriber.is_paused
    assert not Subscriber.objects.sendable().filter(pk=subscriber.pk).exists()
    client.post(url, {"action": "resume"})
    subscriber.refresh_from_db()
    assert not subscriber.is_paused


@pytest.mark.django_db
def test_subscriber_downloads_their_data_as_json(client, home, themes):
    subscriber = SubscriberFactory(
        email="json@exemple.fr", themes=[themes["numerique"]], consent_source="http://x/abo/"
    )
    url = reverse("mailing:preferences", args=[make_token(subscriber, "preferences")])
    response = client.post(url, {"action": "export"})
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "json@exemple.fr"
    assert data["themes"] == ["Numérique"]
    assert data["consent"]["wording_version"] == "2026-11"
    assert data["consent"]["from_page"] == "http://x/abo/"
    assert "J’accepte de recevoir" in data["consent"]["wording"]


def rows_mentioning(address: str) -> list[str]:
    """Every database row, in every table of every app, whose text holds `address`."""
    found = []
    for model in apps.get_models():
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not text_fields:
            continue
        query = models.Q()
        for name in text_fields:
            query |= models.Q(**{f"{name}__icontains": address})
        if model._default_manager.filter(query).exists():
            found.append(model._meta.label)
    return found


@pytest.mark.django_db
def test_erasure_leaves_no_trace_of_the_address_anywhere(client, home, smtp_sink):
    subscriber = SubscriberFactory(email="efface.moi@exemple.fr")
    digest = DigestFactory()
    DigestEntry.objects.create(digest=digest, section="news", item=AcceptedItemFactory())
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)
    assert len(smtp_sink.to("efface.moi@exemple.fr")) == 1
    assert rows_mentioning("efface.moi@exemple.fr") == ["mailing.Subscriber"]

    url = reverse("mailing:preferences", args=[make_token(subscriber, "preferences")])
    refused = client.post(url, {"action": "erase"})
    assert refused.status_code == 400 and Subscriber.objects.filter(pk=subscriber.pk).exists()
    done = client.post(url, {"action": "erase", "erase_confirm": "yes"})
    assert "Vos données sont effacées" in done.content.decode()

    assert rows_mentioning("efface.moi@exemple.fr") == []
    assert rows_mentioning("efface.moi") == []
    # The outbox keeps the count, not the person.
    assert OutboxMessage.objects.filter(digest=digest, status="sent").count() == 1
    assert client.get(url).status_code == 400  # the old links are dead


@pytest.mark.django_db
def test_erasure_and_purge_take_the_sign_up_emails_out_of_the_outbox(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, email="efface.moi@exemple.fr")
        signup(client, email="jamais.confirme@exemple.fr", ip="10.0.0.2")
    assert "hub.OutgoingEmail" in rows_mentioning("efface.moi@exemple.fr")

    subscriber = Subscriber.objects.get(email="efface.moi@exemple.fr")
    url = reverse("mailing:preferences", args=[make_token(subscriber, "preferences")])
    client.post(url, {"action": "erase", "erase_confirm": "yes"})
    assert rows_mentioning("efface.moi@exemple.fr") == []

    stale = Subscriber.objects.filter(email="jamais.confirme@exemple.fr")
    stale.update(created_at=timezone.now() - timedelta(days=8))
    assert subscriptions.purge_unconfirmed(days=7) == 1
    assert rows_mentioning("jamais.confirme@exemple.fr") == []


def test_the_current_consent_wording_has_typographic_apostrophes():
    from watch.mailing.choices import CONSENT_WORDINGS, CURRENT_CONSENT_VERSION

    wording = str(CONSENT_WORDINGS[CURRENT_CONSENT_VERSION])
    assert "'" not in wording and "J’accepte" in wording
    assert "2026-11" in CONSENT_WORDINGS  # older wordings stay: consents point to them
