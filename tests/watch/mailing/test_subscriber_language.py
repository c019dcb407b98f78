"""A visitor who subscribes from the English form gets the sign-up e-mails in English."""

import re

import pytest

from tests.smtp import html_part, text_part
from tests.watch.mailing.test_subscribe_to_delivery import form_data
from watch.mailing.models import Subscriber

pytestmark = pytest.mark.django_db


def test_english_form_stores_the_language_and_the_confirmation_is_in_english(
    client, smtp_sink, themes, site_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/lettre/inscription/", form_data("ada@exemple.fr", [themes["ecologie"]]))
        client.post("/lettre/inscription/", form_data("camille@exemple.fr", [themes["ecologie"]]))
    assert Subscriber.objects.get(email="ada@exemple.fr").language == "en"
    assert Subscriber.objects.get(email="camille@exemple.fr").language == "fr"
    [english] = smtp_sink.to("ada@exemple.fr")
    assert '<html lang="en">' in html_part(english)
    link = re.search(r"http://testserver(/\S+/confirmer/\S+/)", text_part(english)).group(1)
    assert link.startswith("/en/lettre/confirmer/")
    assert '<html lang="en"' in client.get(link).content.decode()
    [french] = smtp_sink.to("camille@exemple.fr")
    assert '<html lang="fr">' in html_part(french)
    assert "http://testserver/lettre/confirmer/" in text_part(french)
