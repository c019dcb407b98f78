"""Coordinators and editors hide, restore and remove posts, remove documents and versions;
nobody else can, whatever id they guess; members see placeholders, never the content."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from hub.models import OutgoingEmail
from members import documents, moderation, notifications, threads
from members.models import Document, MemberProfile, ModerationState, WorkspaceMembership
from tests.members.workspace_factories import World, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world = World()
        world.post = threads.reply(world.thread, world.partner, "Un avis déplacé sur Bruno")
        world.b_post = world.b_thread.posts.get()
        world.b_document = documents.add(world.b, world.outsider, upload(), title="Doc de B")
    return world


def moderation_urls(world, slug=None):
    """Every moderation URL on workspace A's items (under `slug`, A's by default)."""
    slug = slug or world.a.slug
    post, document = world.post.pk, world.document.pk
    return [
        reverse("members:post_hide", args=[slug, post]),
        reverse("members:post_remove", args=[slug, post]),
        reverse("members:document_remove", args=[slug, document]),
        reverse("members:version_remove", args=[slug, document, 1]),
    ]


def untouched(world) -> bool:
    world.post.refresh_from_db()
    world.document.refresh_from_db()
    return world.post.is_visible and world.document.is_visible and world.post.body


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("pending", 404),
        ("outsider", 404),
        ("observer", 404),
        ("partner", 404),
        ("coordinator", 200),
        ("editor", 200),
    ],
)
def test_moderation_pages_by_who_asks_and_only_post_acts(client, world, who, expected):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for url in moderation_urls(world):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith(reverse("account_login"))
        if expected != 200:
            assert client.post(url, {"reason": "x"}).status_code == expected, url
    assert untouched(world)  # a GET only asks; the refused POSTs changed nothing


def test_restoring_is_for_coordinators_and_editors_only(client, world):
    moderation.hide_post(world.post, world.coordinator, "Hors sujet")
    url = reverse("members:post_restore", args=[world.a.slug, world.post.pk])
    for who in ("pending", "outsider", "observer", "partner"):
        client.force_login(getattr(world, who))
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    client.logout()
    assert client.post(url).status_code == 302
    world.post.refresh_from_db()
    assert world.post.is_hidden

    client.force_login(world.editor)
    assert client.post(url).status_code == 302
    world.post.refresh_from_db()
    assert world.post.is_visible


def test_a_coordinator_of_b_guessing_a_s_ids_through_b_gets_404(client, world):
    WorkspaceMembership.objects.filter(user=world.outsider).update(
        role=WorkspaceMembership.Role.COORDINATOR
    )
    client.force_login(world.outsider)
    for url in moderation_urls(world, slug=world.b.slug):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    assert untouched(world)
    # and A's coordinator cannot reach B's items through A
    client.force_login(world.coordinator)
    for url in [
        reverse("members:post_hide", args=[world.a.slug, world.b_post.pk]),
        reverse("members:document_remove", args=[world.a.slug, world.b_document.pk]),
        reverse("members:version_remove", args=[world.a.slug, world.b_document.pk, 1]),
    ]:
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    world.b_post.refresh_from_db()
    assert world.b_post.is_visible and Document.objects.visible().filter(workspace=world.b)


def test_moderation_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    for url in moderation_urls(world):
        assert client.post(url, {"reason": "x"}).status_code == 403, url
    assert untouched(world)


def test_hiding_asks_a_reason_then_members_see_a_placeholder_and_the_author_the_reason(
    client, world
):
    client.force_login(world.coordinator)
    url = reverse("members:post_hide", args=[world.a.slug, world.post.pk])
    confirm = client.get(url).text
    assert "Masquer le message de Paul Partner" in confirm and 'name="reason"' in confirm
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and 'href="#id_reason"' in refused.text
    client.post(url, {"reason": "Propos sur une personne absente"})
    world.post.refresh_from_db()
    assert world.post.is_hidden and world.post.moderated_by == world.coordinator
    thread_url = reverse("members:thread", args=[world.a.slug, world.thread.pk])
    assert "Un avis déplacé" in client.get(thread_url).text  # coordinators still read it

    client.force_login(world.observer)
    page = client.get(thread_url).text
    assert "Message masqué par la coordination" in page
    assert "Un avis déplacé" not in page and "Propos sur une personne absente" not in page
    client.force_login(world.partner)
    own = client.get(thread_url).text
    assert "Un avis déplacé" in own and "Propos sur une personne absente" in own


def test_a_removed_post_is_erased_and_gone_from_search_unread_and_notifications(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = threads.reply(world.thread, world.partner, "Le code du portail est 4521")
    assert OutgoingEmail.objects.filter(key__startswith=f"members:post:{post.pk}:").exists()
    unread_before = threads.unread_total(world.a, world.observer)
    client.force_login(world.editor)
    client.post(
        reverse("members:post_remove", args=[world.a.slug, post.pk]), {"reason": "Donnée privée"}
    )

    post.refresh_from_db()
    assert post.is_removed and post.body == "" and post.moderated_by_name
    assert not OutgoingEmail.objects.filter(key__startswith=f"members:post:{post.pk}:").exists()
    assert notifications.notify_post(post.pk) == 0
    assert threads.unread_total(world.a, world.observer) == unread_before - 1
    client.force_login(world.observer)
    thread_url = reverse("members:thread", args=[world.a.slug, world.thread.pk])
    page = client.get(thread_url).text
    assert "Message retiré par la coordination" in page and "4521" not in page
    found = client.get(reverse("members:workspace_search", args=[world.a.slug]), {"q": "4521"})
    assert "Budget du lot 2" not in found.text
    # a removed post cannot be restored
    restore = reverse("members:post_restore", args=[world.a.slug, post.pk])
    client.force_login(world.coordinator)
    assert client.post(restore).status_code == 404


def test_hidden_posts_do_not_count_as_unread(world):
    before = threads.unread_total(world.a, world.observer)
    moderation.hide_post(world.post, world.coordinator, "Hors sujet")
    assert threads.unread_total(world.a, world.observer) == before - 1
    [thread] = threads.with_unread(world.a.threads.filter(pk=world.thread.pk), world.observer)
    assert thread.unread == before - 1


def test_a_removed_document_leaves_lists_search_and_downloads_and_its_file_is_deleted(
    client, world, private_files, django_capture_on_commit_callbacks
):
    stored = private_files / world.document.latest_version.file.name
    assert stored.exists()
    client.force_login(world.coordinator)
    url = reverse("members:document_remove", args=[world.a.slug, world.document.pk])
    assert "Retirer définitivement « Plan secret A »" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Mauvais fichier"})
    assert response["Location"] == reverse("members:documents", args=[world.a.slug])
    assert not stored.exists()

    client.force_login(world.partner)
    a = world.a.slug
    assert "Plan secret A" not in client.get(reverse("members:documents", args=[a])).text
    assert "Plan secret A" not in client.get(reverse("members:workspace", args=[a])).text
    found = client.get(reverse("members:workspace_search", args=[a]), {"q": "secret"}).text
    assert "Plan secret A" not in found
    for name, args in [
        ("members:document_download", [a, world.document.pk]),
        ("members:version_download", [a, world.document.pk, 1]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    placeholder = client.get(reverse("members:document", args=[a, world.document.pk]))
    assert placeholder.status_code == 410
    assert "Document retiré par la coordination" in placeholder.text
    assert "Plan secret A" not in placeholder.text


def test_removing_the_latest_version_serves_the_previous_one(
    client, world, django_capture_on_commit_callbacks
):
    documents.add_version(world.document, world.partner, upload(content=b"%PDF-1.4 v2 erronee"))
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:version_remove", args=[world.a.slug, world.document.pk, 2]))

    client.force_login(world.partner)
    a, pk = world.a.slug, world.document.pk
    latest = client.get(reverse("members:document_download", args=[a, pk]))
    assert b"".join(latest.streaming_content) == b"%PDF-1.4 compte rendu"
    assert client.get(reverse("members:version_download", args=[a, pk, 2])).status_code == 404
    page = client.get(reverse("members:document", args=[a, pk])).text
    assert "Version retirée par la coordination" in page
    world.document.refresh_from_db()
    assert world.document.is_visible
    assert world.document.versions.get(number=2).moderation == ModerationState.REMOVED


def test_the_daily_summary_leaves_out_hidden_and_removed_posts(
    world, django_capture_on_commit_callbacks
):
    MemberProfile.objects.filter(user=world.observer).update(notifications="daily")
    kept = threads.reply(world.thread, world.coordinator, "Point d'étape du lot 2")
    hidden = threads.reply(world.thread, world.partner, "Une remarque blessante")
    moderation.hide_post(hidden, world.coordinator, "Ton")
    moderation.remove_post(world.post, world.coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_summaries() == 1
    [message] = mail.outbox
    assert kept.author_name in message.body and "Point d" in message.body
    assert "blessante" not in message.body and "déplacé" not in message.body
