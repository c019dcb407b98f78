"""A member who joined from the English site gets every e-mail in English, links included."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from members import membership, notifications, threads
from members.models import MemberProfile
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


@pytest.fixture
def world(home, django_capture_on_commit_callbacks):
    from tests.members.workspace_factories import World

    with django_capture_on_commit_callbacks(execute=True):
        world = World()
    # The coordinator joined from the English site; the partner from the French one.
    MemberProfile.objects.filter(user=world.coordinator).update(language="en")
    return world


def test_post_e_mails_are_written_in_each_member_language(
    world, django_capture_on_commit_callbacks
):
    world.partner.member_profile.notifications = MemberProfile.Notifications.EACH_POST
    world.partner.member_profile.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        threads.reply(world.thread, world.observer, "Le budget est validé.")
    by_address = {message.to[0]: message for message in mail.outbox}
    english, french = by_address["coord@a.org"], by_address["partner@a.org"]

    assert "wrote in the “Projet A” workspace:" in english.body
    assert "Reply:" in english.body
    assert f"/en/espace-membres/espaces/projet-a/discussions/{world.thread.pk}/" in english.body
    assert '<html lang="en">' in _html(english)
    assert "a écrit dans l’espace" in french.body
    assert "/en/" not in french.body and '<html lang="fr">' in _html(french)


def test_daily_summary_is_written_in_the_member_language(world, django_capture_on_commit_callbacks):
    MemberProfile.objects.filter(user__in=[world.coordinator, world.partner]).update(
        notifications=MemberProfile.Notifications.DAILY
    )
    threads.reply(world.thread, world.observer, "Point d'étape du lot 2")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_summaries() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    english, french = by_address["coord@a.org"], by_address["partner@a.org"]

    assert english.subject == "Your workspaces: 1 new post"
    assert "New posts in your workspaces:" in english.body
    assert f"{settings.SITE_URL}/en/espace-membres/" in english.body
    assert french.subject == "Vos espaces de travail : 2 nouveaux messages"
    assert "Les nouveaux messages de vos espaces de travail :" in french.body
    assert "/en/" not in french.body
