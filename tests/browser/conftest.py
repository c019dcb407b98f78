"""Real-browser fixtures: Debian's Chromium driven by Playwright, axe-core, the Nu Html Checker."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
CHROMIUM_CONTEXT = {"viewport": DESKTOP, "locale": "fr-FR", "timezone_id": "Europe/Paris"}
# The axe rules Wagtail's own admin markup breaks (as on its own screens, /admin/ and the theme
# snippets), skipped on admin screens only, each with the reason; public pages are checked against
# every rule. Never a rule our own admin templates break: fix those.
WAGTAIL_CORE_AXE_RULES = {
    # The sidebar's search form is a role="search" landmark without a name.
    "landmark-unique": "Wagtail sidebar: unnamed role=search form",
    # Create and edit views have the slim header: the title sits in the breadcrumbs, no <h1>.
    "page-has-heading-one": "Wagtail create/edit views: no level-one heading",
    # Draftail, the rich text editor: its contenteditable role=textbox has no name (the field's
    # <label> points to the hidden input Wagtail keeps the value in).
    "aria-input-field-name": "Wagtail's Draftail editor: unnamed contenteditable textbox",
}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium): browser tests skipped")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures and
    # by the live server are still synchronous and safe. Restored afterwards: subprocesses started
    # by other tests must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(**CHROMIUM_CONTEXT)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (npm ci): accessibility checks skipped")
    return AXE_JS.read_text()


def run_axe(page, axe_source: str, *, every_rule: bool = False, admin: bool = False) -> list[dict]:
    """axe-core's violations on the page as it is now: of WCAG 2.1 A/AA rules, or of every rule
    axe runs by default (WCAG 2.2 and best practices too); on an admin screen, without the rules
    Wagtail's own markup breaks."""
    options: dict = {}
    if not every_rule:
        options["runOnly"] = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
    if admin:
        options["rules"] = {rule: {"enabled": False} for rule in WAGTAIL_CORE_AXE_RULES}
    # Evaluated through the DevTools protocol: an injected <script> would break the page's CSP.
    page.evaluate(axe_source)
    return page.evaluate("async options => (await axe.run(document, options)).violations", options)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {node['target']} {node['html'][:160]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def html_checker():
    """Run the Nu Html Checker on many documents in one JVM start; returns errors per file."""
    if not VNU_JAR.exists():
        pytest.skip("vnu-jar is not installed (npm ci): HTML validation skipped")
    if not shutil.which("java"):
        pytest.skip("Java is not installed: the Nu Html Checker needs it")

    def check(paths: list[Path]) -> dict[str, list[str]]:
        result = subprocess.run(  # noqa: S603
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout",  # noqa: S607
             *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
        messages = json.loads(result.stdout or "{}").get("messages", [])
        errors: dict[str, list[str]] = {}
        for message in messages:
            if message.get("type") == "error":
                name = Path(message.get("url", "")).name
                errors.setdefault(name, []).append(
                    f"line {message.get('lastLine')}: {message.get('message')}"
                )
        return errors

    return check


@pytest.fixture(scope="session")
def demo_sweep(browser, django_db_setup, django_db_blocker):
    """The demo site visited once (tests/browser/sweep.py), on a live server of its own.

    Not pytest-django's live_server: a test using it gets a database flushed after it, and the
    pages checked from this sweep are many. The demo is loaded, visited, then flushed away here.
    """
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    from tests.browser import sweep

    axe_source = AXE_JS.read_text() if AXE_JS.exists() else None
    with django_db_blocker.unblock():
        # What the migrations wrote (root collection, root page, locales, groups) is put back
        # after the flush, as Django's serialized_rollback does: later tests need it.
        migrated = connection.creation.serialize_db_to_string()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            return sweep.run(browser, axe_source, server.url)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            # Sequences not reset: the rows put back keep their ids (root page 1…), and on
            # PostgreSQL a restarted sequence would hand those ids out again, failing the next
            # test's first insert (duplicate key on wagtailcore_page, as TransactionTestCase's
            # own flush avoids by the same option).
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(migrated)


def save_screenshot(page, name: str) -> None:
    """Regenerate a README screenshot, only when asked (`make screenshots` sets SCREENSHOTS=1):
    otherwise every test run would rewrite committed images."""
    if not os.environ.get("SCREENSHOTS"):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
