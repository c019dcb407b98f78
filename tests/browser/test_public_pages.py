"""Every public page type, in a real browser, at desktop and phone widths: accessible and valid."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import DESKTOP, MOBILE, describe, run_axe, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTS = Path(__file__).resolve().parents[2] / "var" / "reports"
EXTRA_URLS = {
    "search-results": "/recherche/?q=transition",
    "not-found": "/cette-page-n-existe-pas/",
}


# The innermost elements sticking out of the viewport, when the page scrolls sideways.
OVERFLOWING_ELEMENTS = """() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return [...document.body.querySelectorAll("*")]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(el => ![...el.children].some(
            child => child.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 5)
        .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
}"""


def public_page_urls() -> dict[str, str]:
    """One URL per public page type of the demo site, plus search results and the 404 page."""
    from wagtail.models import Page

    urls: dict[str, str] = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        name = re.sub(r"(?<!^)(?=[A-Z])", "-", type(page).__name__).lower()
        urls.setdefault(name, page.url)
    return {**urls, **EXTRA_URLS, **personal_page_urls()}


def personal_page_urls() -> dict[str, str]:
    """Pages outside the page tree: the digest archive, and those reached from e-mail links."""
    from django.urls import reverse
    from django.utils import timezone

    from events import booking
    from events import tokens as event_tokens
    from events.models import EventPage
    from watch.mailing import tokens as watch_tokens
    from watch.mailing.models import Digest, Subscriber

    urls = {
        "digest-subscribe": reverse("mailing:subscribe"),
        "digest-archive": reverse("mailing:digest_archive"),
    }
    digest = Digest.objects.filter(status=Digest.Status.SENT).order_by("-pk").first()
    if digest:
        urls["digest-archived"] = reverse("mailing:digest_archive_detail", args=[digest.pk])
    subscriber = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).first()
    if subscriber:
        for purpose, name in (("preferences", "preferences"), ("unsubscribe", "unsubscribe")):
            token = watch_tokens.make_token(subscriber, purpose)
            urls[f"digest-{name}"] = reverse(f"mailing:{name}", args=[token])
    event = (
        EventPage.objects.live()
        .filter(start__gt=timezone.now(), registration_mode="open")
        .order_by("start")
        .first()
    )
    if event:
        visitor = booking.Applicant(name="Camille Martin", email="camille.sweep@example.org")
        token = event_tokens.make_token(booking.register(event, visitor, notify=False))
        urls["registration"] = reverse("events_registration", args=[token])
        urls["registration-cancel"] = reverse("events_registration_cancel", args=[token])
    return urls


def restore_rows_created_by_migrations() -> None:
    """Transactional tests run before this one flush the tables, migration data included."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def test_every_public_page_type_passes_axe_and_the_html_checker(
    live_server, page, axe_source, html_checker, tmp_path
):
    restore_rows_created_by_migrations()
    call_command("load_demo", "--no-user", stdout=open(os.devnull, "w"))
    urls = public_page_urls()
    serious, moderate, documents, overflowing = [], [], [], []
    for name, url in urls.items():
        for label, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
            page.set_viewport_size(viewport)
            response = page.goto(live_server.url + url)
            assert response.status < 500, f"{url} answered {response.status}"
            if viewport is MOBILE:
                wide = page.evaluate(OVERFLOWING_ELEMENTS)
                if wide:
                    overflowing.append(f"{name} {url}: {wide}")
            violations = run_axe(page, axe_source)
            for violation in violations:
                bucket = serious if violation["impact"] in ("serious", "critical") else moderate
                bucket.append((f"{name} ({label}) {url}", violation))
            save_screenshot(page, f"{name}-{label}")
        document = tmp_path / f"{name}.html"
        document.write_text(page.request.get(live_server.url + url).text())
        documents.append(document)

    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "axe-moderate.txt").write_text(
        "\n".join(f"{where}: {describe([v])}" for where, v in moderate) + "\n"
    )
    assert not serious, "\n".join(f"{where}: {describe([v])}" for where, v in serious)
    # Reflow (WCAG 1.4.10): nothing may need horizontal scrolling on a 375 px wide phone.
    assert not overflowing, f"wider than the phone screen: {overflowing}"
    errors = html_checker(documents)
    assert not errors, "\n".join(f"{name}: {lines}" for name, lines in errors.items())


def test_keyboard_user_reaches_the_content_with_the_skip_link(live_server, page, home):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
