"""Workspaces: who may see and do what, on every URL; uploads, downloads, notifications."""

import os

import pytest
from django.core import mail
from django.urls import reverse

from members import notifications, threads
from members.models import Document, MemberProfile, Post, Thread, WorkspaceMembership
from tests.members.factories import PASSWORD
from tests.members.workspace_factories import World, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return World()


def read_urls(world):
    a, thread, document = world.a.slug, world.thread.pk, world.document.pk
    return [
        reverse("members:workspace", args=[a]),
        reverse("members:threads", args=[a]),
        reverse("members:thread", args=[a, thread]),
        reverse("members:documents", args=[a]),
        reverse("members:document", args=[a, document]),
        reverse("members:document_download", args=[a, document]),
        reverse("members:version_download", args=[a, document, 1]),
        reverse("members:workspace_search", args=[a]) + "?q=secret",
    ]


def write_urls(world):
    return [
        reverse("members:thread_new", args=[world.a.slug]),
        reverse("members:document_new", args=[world.a.slug]),
    ]


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("pending", 404),
        ("outsider", 404),
        ("observer", 200),
        ("partner", 200),
        ("coordinator", 200),
        ("editor", 200),
    ],
)
def test_reading_workspace_a_by_who_asks(client, world, who, expected):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for url in read_urls(world):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith(reverse("account_login"))
        if expected != 200:
            assert b"secret" not in response.getvalue().lower(), url


@pytest.mark.parametrize(
    "who, can_write",
    [("observer", False), ("partner", True), ("coordinator", True), ("editor", True)],
)
def test_writing_in_workspace_a_by_role(client, world, who, can_write):
    client.force_login(getattr(world, who))
    for url in write_urls(world):
        response = client.get(url)
        assert (response.status_code == 200) is can_write, url
    client.post(
        reverse("members:thread", args=[world.a.slug, world.thread.pk]), {"body": "Mon avis"}
    )
    assert Post.objects.filter(body__contains="Mon avis").exists() is can_write


@pytest.mark.parametrize("who", ["anonymous", "pending", "outsider"])
def test_nobody_outside_writes_in_workspace_a(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    client.post(
        reverse("members:thread_new", args=[world.a.slug]), {"subject": "Intrus", "body": "x"}
    )
    client.post(reverse("members:thread", args=[world.a.slug, world.thread.pk]), {"body": "Intrus"})
    assert not Thread.objects.filter(subject="Intrus").exists()
    assert not Post.objects.filter(body__contains="Intrus").exists()


def test_a_member_of_b_guessing_ids_of_a_through_b_gets_nothing(client, world):
    client.force_login(world.outsider)
    b = world.b.slug
    guesses = [
        reverse("members:thread", args=[b, world.thread.pk]),
        reverse("members:document", args=[b, world.document.pk]),
        reverse("members:document_download", args=[b, world.document.pk]),
        reverse("members:version_download", args=[b, world.document.pk, 1]),
    ]
    for url in guesses:
        assert client.get(url).status_code == 404, url
    found = client.get(reverse("members:workspace_search", args=[b]), {"q": "secret"})
    assert "Budget du lot 2" not in found.text and "Plan secret A" not in found.text
    listing = client.get(reverse("members:threads", args=[b])).text
    assert "Budget du lot 2" not in listing
    space = client.get(reverse("members:space")).text
    assert "Projet B" in space and "Projet A" not in space


def test_download_is_an_attachment_from_private_storage(client, world, settings):
    client.force_login(world.partner)
    response = client.get(
        reverse("members:document_download", args=[world.a.slug, world.document.pk])
    )

    assert b"".join(response.streaming_content) == b"%PDF-1.4 compte rendu"
    assert response["Content-Disposition"] == 'attachment; filename="compte-rendu.pdf"'
    assert "no-store" in response["Cache-Control"]
    stored = world.document.latest_version.file
    assert not stored.path.startswith(str(settings.MEDIA_ROOT))
    assert "compte-rendu" not in stored.name and len(os.path.basename(stored.name)) == 32
    with pytest.raises(ValueError):
        stored.url  # noqa: B018 - no public URL exists


def test_a_strange_file_name_cannot_break_the_header(client, world):
    version = world.document.latest_version
    version.original_name = 'plan "final"\r\nX-Evil: 1; été.pdf'
    version.save()
    client.force_login(world.partner)

    response = client.get(
        reverse("members:document_download", args=[world.a.slug, world.document.pk])
    )

    assert "X-Evil" not in response.headers
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert (
        "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]
    )


def test_new_version_keeps_who_and_when(client, world):
    client.force_login(world.partner)
    url = reverse("members:document", args=[world.a.slug, world.document.pk])
    client.post(url, {"file": upload(content=b"v2"), "comment": "Chiffres corrigés"})

    page = client.get(url).text
    assert "Chiffres corrigés" in page and "Paul Partner" in page and "Chloé Coord" in page
    assert world.document.versions.count() == 2
    latest = client.get(
        reverse("members:document_download", args=[world.a.slug, world.document.pk])
    )
    assert b"".join(latest.streaming_content) == b"v2"


@pytest.mark.parametrize(
    "file, message",
    [
        (upload(name="outil.exe", content=b"MZ"), "Ce type de fichier n’est pas accepté"),
        (
            upload(name="page.html", content=b"<script>"),
            "Ce type de fichier n’est pas accepté",
        ),
        (upload(name="gros.pdf", content=b"x" * 2048), "Ce fichier pèse 2,0\xa0Kio"),
    ],
)
def test_refused_upload_says_why_in_french_and_stores_nothing(
    client, world, settings, private_files, file, message
):
    settings.MEMBERS_DOCUMENT_MAX_SIZE = 1024
    before = sorted(p.name for p in private_files.rglob("*") if p.is_file())
    client.force_login(world.partner)

    response = client.post(
        reverse("members:document_new", args=[world.a.slug]), {"title": "Refusé", "file": file}
    )

    assert response.status_code == 400
    assert message in response.text
    assert not Document.objects.filter(title="Refusé").exists()
    assert sorted(p.name for p in private_files.rglob("*") if p.is_file()) == before


def test_posts_are_sanitised(client, world):
    client.force_login(world.partner)
    client.post(
        reverse("members:thread", args=[world.a.slug, world.thread.pk]),
        {
            "body": '<p onclick="x()">Voir <a href="javascript:alert(1)">ici</a></p>'
            "<script>x</script>"
        },
    )
    post = Post.objects.latest("id")
    assert "script" not in post.body and "onclick" not in post.body
    assert "javascript" not in post.body and "Voir" in post.body


def test_each_post_is_mailed_to_members_who_chose_it_with_a_reply_link(
    client, world, django_capture_on_commit_callbacks
):
    MemberProfile.objects.filter(user=world.observer).update(notifications="daily")
    mail.outbox.clear()
    client.force_login(world.partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("members:thread", args=[world.a.slug, world.thread.pk]),
            {"body": "Le budget est validé."},
        )

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["coord@a.org"]  # not the author, not daily, not pending, not B
    message = mail.outbox[0]
    assert message.subject == "[Projet A] Budget du lot 2"
    assert "Le budget est validé." in message.body
    assert f"/espace-membres/espaces/projet-a/discussions/{world.thread.pk}/#repondre" in (
        message.body
    )


def test_daily_summary_gathers_the_day_posts_for_who_chose_it(
    world, django_capture_on_commit_callbacks
):
    MemberProfile.objects.filter(user=world.observer).update(notifications="daily")
    threads.reply(world.thread, world.partner, "Point d’étape du lot 2")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_summaries() == 1
    [message] = mail.outbox
    assert message.to == ["observer@a.org"]
    assert "Point d’étape du lot 2" in message.alternatives[0][0] or (
        "Point d’étape du lot 2" in message.body
    )
    assert "Sujet de B" not in message.body
    assert notifications.send_daily_summaries() == 0  # nothing new since


def test_unread_counts_follow_reading(client, world):
    client.force_login(world.partner)
    home = client.get(reverse("members:workspace", args=[world.a.slug])).text
    assert "1 message non lu" in home
    client.get(reverse("members:thread", args=[world.a.slug, world.thread.pk]))
    home = client.get(reverse("members:workspace", args=[world.a.slug])).text
    assert "non lu" not in home


def test_closing_an_account_keeps_its_posts_signed_former_member(client, world):
    client.force_login(world.coordinator)
    client.post(reverse("members:account_delete"), {"password": PASSWORD})

    post = world.thread.posts.first()
    assert post.author is None and post.author_name == "Ancien membre"
    version = world.document.latest_version
    version.refresh_from_db()
    assert version.uploaded_by_name == "Ancien membre"
    assert not WorkspaceMembership.objects.filter(user_id=world.coordinator.pk).exists()


def test_workspace_pages_are_private_to_caches(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.force_login(world.partner)
    response = client.get(reverse("members:workspace", args=[world.a.slug]))
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_listings_keep_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.partner)
    urls = [
        reverse("members:workspace", args=[world.a.slug]),
        reverse("members:threads", args=[world.a.slug]),
        reverse("members:documents", args=[world.a.slug]),
    ]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts[url] = len(captured.captured_queries)
    for number in range(30):
        threads.start(world.a, world.partner, f"Sujet {number}", "Texte")
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)
