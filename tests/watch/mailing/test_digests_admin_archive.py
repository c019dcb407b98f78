"""Drafts on schedule, the editor's admin (preview, test, send, progress), archive and feeds."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.smtp import text_part
from tests.watch.mailing.factories import (
    AcceptedItemFactory,
    CallItemFactory,
    DigestFactory,
    SubscriberFactory,
)
from watch.collection.models import Item
from watch.mailing import digests
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, DigestEntry
from watch.mailing.models.subscribers import Rhythm

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.django_db
def test_weekly_draft_is_made_once_on_monday_morning_from_the_past_week(home):
    monday = datetime(2026, 11, 23, 8, 0, tzinfo=PARIS)
    in_week = datetime(2026, 11, 18, 12, 0, tzinfo=PARIS)
    news = AcceptedItemFactory(title="De la semaine", accepted_at=in_week)
    AcceptedItemFactory(title="Trop tôt", accepted_at=in_week - timedelta(days=10))
    AcceptedItemFactory(title="Pas acceptée", accepted_at=in_week, status=Item.Status.NEW)
    closing = CallItemFactory(
        deadline=monday + timedelta(days=5), accepted_at=in_week - timedelta(days=30)
    )
    CallItemFactory(deadline=monday - timedelta(days=1), accepted_at=in_week)  # closed

    assert digests.make_due_drafts(monday - timedelta(hours=2)) == []  # 6:00, too early
    (draft,) = digests.make_due_drafts(monday)
    assert digests.make_due_drafts(monday + timedelta(hours=1)) == []  # already made
    assert draft.period_start == datetime(2026, 11, 16, tzinfo=PARIS)
    assert draft.period_end == datetime(2026, 11, 23, tzinfo=PARIS)
    assert "16 novembre" in draft.title and "22 novembre 2026" in draft.title
    sections = {(entry.section, entry.item_id) for entry in draft.entries.all()}
    assert sections == {("closing_soon", closing.pk), ("news", news.pk)}
    assert draft.status == Digest.Status.DRAFT


@pytest.mark.django_db
def test_monthly_draft_on_the_first_and_auto_send_by_setting(home, settings):
    settings.WATCH_DIGEST_AUTO_SEND = True
    first = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    AcceptedItemFactory(accepted_at=datetime(2026, 11, 10, tzinfo=PARIS))
    made = digests.make_due_drafts(first)
    monthly = [d for d in made if d.rhythm == Rhythm.MONTHLY]
    assert len(monthly) == 1
    monthly[0].refresh_from_db()
    assert monthly[0].title == "La veille du mois : novembre 2026"
    assert monthly[0].status == Digest.Status.SCHEDULED
    assert monthly[0].scheduled_for > first


@pytest.mark.django_db
def test_resource_and_event_sections_stay_empty_while_those_apps_have_no_queries(home):
    AcceptedItemFactory(accepted_at=timezone.now() - timedelta(days=3))
    entries = digests.candidate_entries(
        timezone.now() - timedelta(days=7), timezone.now(), timezone.now()
    )
    assert {section for section, _target in entries} <= {"closing_soon", "new_calls", "news"}


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "redaction", "redaction@passerelles.example", "motdepasse"
    )


@pytest.mark.django_db
def test_editor_previews_as_a_subscriber_tests_then_sends_and_sees_progress(
    client, editor, smtp_sink, home, themes
):
    client.force_login(editor)
    reader = SubscriberFactory(email="lecteur@exemple.fr", themes=[themes["europe"]])
    SubscriberFactory(email="autre@exemple.fr")
    digest = DigestFactory(title="Lettre de test", intro="<p>Bonne lecture !</p>")
    europe = AcceptedItemFactory(title="Programme Europe créative", themes=[themes["europe"]])
    ecology = AcceptedItemFactory(title="Écoproduction", themes=[themes["ecologie"]])
    DigestEntry.objects.create(digest=digest, section="news", item=ecology, sort_order=0)
    DigestEntry.objects.create(digest=digest, section="news", item=europe, sort_order=1)
    url = reverse("watch_digests:control", args=[digest.pk])

    page = client.get(url, {"as": reader.email}).content.decode()
    assert "lecteur@exemple.fr recevrait 1 élément" in page
    assert "Programme Europe créative" in page and "Écoproduction" not in page  # text version
    html = client.get(reverse("watch_digests:preview_html", args=[digest.pk]), {"as": reader.email})
    assert "Programme Europe créative" in html.content.decode()

    client.post(url, {"action": "test"})
    (test_message,) = smtp_sink.to("redaction@passerelles.example")
    assert test_message["Subject"] == "[Test] Lettre de test"
    assert "Écoproduction" in text_part(test_message)  # the test holds everything
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.DRAFT

    client.post(url, {"action": "send"})  # not confirmed
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.DRAFT
    client.post(url, {"action": "send", "confirm": "yes"})  # django-q2 runs it at once in tests
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    assert (
        len(smtp_sink.to("lecteur@exemple.fr")) == 1 and len(smtp_sink.to("autre@exemple.fr")) == 1
    )
    progress = client.get(reverse("watch_digests:progress", args=[digest.pk])).json()
    assert progress["sent"] == 2 and progress["pending"] == 0 and progress["percent"] == 100
    assert "2 envoyés" in client.get(url).content.decode()


@pytest.mark.django_db
def test_editor_schedules_a_digest_and_the_minute_task_sends_it_when_due(
    client, editor, smtp_sink, home
):
    from watch.mailing import tasks as mailing_tasks

    client.force_login(editor)
    SubscriberFactory()
    digest = DigestFactory()
    DigestEntry.objects.create(digest=digest, section="news", item=AcceptedItemFactory())
    url = reverse("watch_digests:control", args=[digest.pk])
    # The picker speaks French: dd/mm/yyyy hh:mm, shown that way too.
    picker = client.get(url).content.decode()
    assert 'id="schedule-when"' in picker and 'type="datetime-local"' not in picker
    assert "initDateTimeChooser" in picker and '"format": "d/m/Y H:i"' in picker
    past = client.post(url, {"action": "schedule", "when": "01/01/2020 10:00"}, follow=True)
    assert "Choisissez une date dans le futur" in past.content.decode()
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.DRAFT
    american = client.post(url, {"action": "schedule", "when": "12/31/2099 10:00"}, follow=True)
    assert "jj/mm/aaaa hh:mm" in american.content.decode()
    soon = timezone.localtime() + timedelta(days=2)
    client.post(url, {"action": "schedule", "when": soon.strftime("%d/%m/%Y %H:%M")})
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SCHEDULED
    assert timezone.localtime(digest.scheduled_for).date() == soon.date()

    mailing_tasks.send_due()
    assert smtp_sink.messages == []
    Digest.objects.filter(pk=digest.pk).update(scheduled_for=timezone.now())
    mailing_tasks.send_due()
    assert len(smtp_sink.messages) == 1
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.SENT


@pytest.mark.django_db
def test_admin_listings_and_dashboard_show_counts_and_svg_charts(
    client, editor, home, django_assert_max_num_queries
):
    client.force_login(editor)
    SubscriberFactory.create_batch(3)
    for _index in range(3):
        digest = DigestFactory()
        DigestEntry.objects.create(digest=digest, section="news", item=AcceptedItemFactory())
        mailing.enqueue(digest)
        mailing.send_digest(digest.pk)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lettre de veille" in dashboard
    assert dashboard.count('<svg xmlns="http://www.w3.org/2000/svg" class="watch-chart"') == 3
    assert "Personnes abonnées par semaine" in dashboard
    assert "3 personnes abonnées" in dashboard

    with django_assert_max_num_queries(30):
        listing = client.get(reverse("watch_digests:index"))
    assert listing.status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("watch_subscribers:index")).status_code == 200
    export = client.get(reverse("watch_subscribers:index") + "?export=csv")
    assert export.status_code == 200 and "abonne" in b"".join(export.streaming_content).decode()


def sent_digest(title: str):
    digest = DigestFactory(title=title)
    DigestEntry.objects.create(
        digest=digest, section="news", item=AcceptedItemFactory(title=f"Élément de {title}")
    )
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)
    return digest


@pytest.mark.django_db
def test_archive_lists_sent_digests_with_constant_queries_and_shows_the_full_version(
    client, home, django_assert_max_num_queries, mailoutbox
):
    SubscriberFactory()
    first = sent_digest("Lettre une")
    DigestFactory(title="Brouillon secret")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("mailing:digest_archive")).content.decode()
    for index in range(5):
        sent_digest(f"Lettre {index}")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("mailing:digest_archive")).content.decode()
    assert "Lettre une" in page and "Brouillon secret" not in page

    detail = client.get(reverse("mailing:digest_archive_detail", args=[first.pk]))
    assert "Élément de Lettre une" in detail.content.decode()
    assert "preferences" not in detail.content.decode()  # nothing personal
    draft = Digest.objects.get(title="Brouillon secret")
    assert client.get(reverse("mailing:digest_archive_detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_atom_and_rss_feeds_list_sent_digests(client, home, mailoutbox):
    SubscriberFactory()
    sent_digest("Lettre du flux")
    atom = client.get(reverse("mailing:digest_feed_atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Lettre du flux" in atom.content.decode()
    assert "Élément de Lettre du flux" in atom.content.decode()
    rss = client.get(reverse("mailing:digest_feed_rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Lettre du flux</title>" in rss.content.decode()


@pytest.mark.django_db
def test_editor_builds_a_digest_in_the_admin_and_cannot_edit_it_once_sent(
    client, editor, home, mailoutbox
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.force_login(editor)
    item = AcceptedItemFactory(title="Appel choisi à la main")
    data = nested_form_data(
        {
            "title": "Lettre spéciale",
            "period_start": "2026-11-01 00:00",
            "period_end": "2026-11-08 00:00",
            "rhythm": "weekly",
            "intro": rich_text("<p>Une lettre composée à la main.</p>"),
            "entries": inline_formset([{"section": "news", "item": item.pk, "page": ""}]),
        }
    )
    response = client.post(reverse("watch_digests:add"), data)
    digest = Digest.objects.get(title="Lettre spéciale")
    assert response["Location"] == reverse("watch_digests:control", args=[digest.pk])
    assert [entry.item_id for entry in digest.entries.all()] == [item.pk]

    bad = nested_form_data(
        {
            "title": "Lettre bancale",
            "period_start": "2026-11-01 00:00",
            "period_end": "2026-11-08 00:00",
            "rhythm": "weekly",
            "intro": rich_text(""),
            "entries": inline_formset([{"section": "news", "item": "", "page": ""}]),
        }
    )
    refused = client.post(reverse("watch_digests:add"), bad)
    assert refused.status_code == 200 and not Digest.objects.filter(title="Lettre bancale").exists()

    SubscriberFactory()
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)
    edit = client.get(reverse("watch_digests:edit", args=[digest.pk]))
    assert edit.status_code == 302 and edit["Location"].endswith(f"/{digest.pk}/envoi/")


@pytest.mark.django_db
def test_editor_inspects_a_subscribers_consent_record(client, editor, home, themes):
    client.force_login(editor)
    subscriber = SubscriberFactory(
        email="consent@exemple.fr",
        consent_source="http://testserver/lettre-de-veille/",
        themes=[themes["europe"]],
    )
    page = client.get(reverse("watch_subscribers:inspect", args=[subscriber.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "consent@exemple.fr" in html and "2026-11" in html
    assert "http://testserver/lettre-de-veille/" in html


@pytest.mark.django_db
def test_dashboard_button_prepares_a_draft_with_csrf_checks_on(admin_user, home):
    import re

    from django.test import Client
    from django.urls import reverse

    from watch.mailing.models import Digest

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    form = html.split(f'action="{reverse("watch_digests:draft_now")}"')[1].split("</form>")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        reverse("watch_digests:draft_now"), {"rhythm": "weekly", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Digest.objects.filter(status=Digest.Status.DRAFT).count() == 1
