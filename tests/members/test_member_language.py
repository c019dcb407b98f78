"""A member who asked to join from the English site is told the decision in English."""

import pytest
from django.core import mail
from django.utils import translation

from members import membership
from tests.members.factories import member

pytestmark = pytest.mark.django_db


def _html(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def test_request_from_the_english_site_records_english(home):
    profile = member("ada@exemple.org", status="pending")
    with translation.override("en"):
        membership.request_membership(
            profile.user, full_name="Ada", structure="Studio", role="Designer", motivation="Hi"
        )
    profile.refresh_from_db()
    assert profile.language == "en"


def test_decision_e_mail_is_in_the_member_language_whatever_the_admin_language(
    home, team, django_capture_on_commit_callbacks
):
    english = member("ada@exemple.org", status="pending", language="en")
    french = member("camille@exemple.org", status="pending")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        membership.approve([english, french], by=team)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert '<html lang="en">' in _html(by_address["ada@exemple.org"])
    assert '<html lang="fr">' in _html(by_address["camille@exemple.org"])
    assert by_address["camille@exemple.org"].subject == "Bienvenue : votre adhésion est acceptée"
