"""Real-browser fixtures: Debian's Chromium driven by Playwright, axe-core, the Nu Html Checker."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

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
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (npm ci): accessibility checks skipped")
    return AXE_JS.read_text()


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations of WCAG 2.1 A/AA rules on the page as it is now."""
    # Evaluated through the DevTools protocol: an injected <script> would break the page's CSP.
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        })"""
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:3]]
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} {targets}")
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


def save_screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
