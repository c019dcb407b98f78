"""Every e-mail path, parsed back from a real SMTP server: the Subject decodes exactly as written
(no leading space from a fold with an empty first line), and each e-mail says once why it came."""

import re

import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import Site

from events import emails as event_emails
from hub.models import OutgoingEmail, SiteSettings
from tests.events.conftest import agenda, cycle, register  # noqa: F401 - fixtures
from tests.events.factories import add_event
from tests.smtp import html_part, text_part
from tests.watch.mailing.factories import AcceptedItemFactory, DigestFactory, SubscriberFactory
from watch.mailing import sending as mailing
from watch.mailing import tasks
from watch.mailing.models import DigestEntry, Subscriber

pytestmark = pytest.mark.django_db

# Long enough to be folded, accented early and late: what broke the first line.
LONG_TITLE = (
    "Atelier écoconception des décors : réemploi, accessibilité et sobriété énergétique "
    "des lieux de création en Auvergne-Rhône-Alpes"
)
REASON = re.compile(r"Vous recevez (ce message|cette lettre)")


@pytest.fixture
def identity(home):
    """The sender's identity in the footer, as the demo sets it (who writes, not why)."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Passerelles"
    site_settings.email_footer = "Passerelles, cluster des industries culturelles et créatives."
    site_settings.save()
    return site_settings


def test_digest_subject_decodes_exactly(smtp_sink, identity):
    SubscriberFactory(email="lecteur@exemple.fr")
    digest = DigestFactory(title="La veille de la semaine : " + LONG_TITLE)
    DigestEntry.objects.create(digest=digest, section="news", item=AcceptedItemFactory())
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)
    (message,) = smtp_sink.to("lecteur@exemple.fr")
    assert message["Subject"] == "La veille de la semaine : " + LONG_TITLE
    for part in (text_part(message), html_part(message)):
        assert len(REASON.findall(part)) == 1


def test_event_confirmation_subject_decodes_exactly(
    smtp_sink,
    identity,
    cycle,  # noqa: F811 - the events' fixtures
    register,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    event = add_event(cycle, capacity=10, title=LONG_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "camille@example.org")
    (message,) = smtp_sink.to("camille@example.org")
    assert message["Subject"] == f"Inscription confirmée : {LONG_TITLE}"


def test_subscription_confirmation_through_the_outbox_decodes_exactly_and_asks_to_confirm(
    smtp_sink, identity, django_capture_on_commit_callbacks
):
    pending = SubscriberFactory(
        email="nouvelle@exemple.fr", status=Subscriber.Status.PENDING, confirmed_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_confirmation(pending.pk)
    (message,) = smtp_sink.to("nouvelle@exemple.fr")
    assert message["Subject"] == "Confirmez votre abonnement à la lettre de veille de Passerelles"
    text = text_part(message)
    assert "avez demandé à recevoir" in text
    assert not re.search(r"vous êtes (inscrit|abonné)", text)  # not before confirming


def test_allauth_message_through_the_outbox_decodes_exactly(
    smtp_sink, identity, django_capture_on_commit_callbacks
):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with allauth_context.request_context(request), django_capture_on_commit_callbacks(execute=True):
        get_adapter().send_mail(
            "account/email/unknown_account",
            "inconnue@exemple.fr",
            {"signup_url": "http://testserver/compte/inscription/"},
        )
    (message,) = smtp_sink.to("inconnue@exemple.fr")
    assert message["Subject"] == OutgoingEmail.objects.get(category="members.account").subject


@pytest.mark.parametrize("kind", sorted(event_emails.KINDS))
def test_every_event_e_mail_says_once_why_it_came_in_neutral_words(
    kind,
    identity,
    cycle,  # noqa: F811
    register,  # noqa: F811
):
    registration = register(add_event(cycle, capacity=10), "camille@example.org", notify=False)
    message = event_emails.build_message(registration, kind)
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    for part in (message.body, html):
        assert len(REASON.findall(part)) == 1, kind
        assert "(e)" not in part, kind
