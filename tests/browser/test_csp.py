"""The Content-Security-Policy breaks nothing: no violation in the admin nor on public pages."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from hub.models import StandardPage, Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test account on a test server
VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
# Every violation is also an event on the document: record them all, whatever the console says.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched(page):
    """The tab, with every CSP violation and page error it meets collected in `page.problems`."""
    problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.problems = problems
    return page


def violations(page) -> list[str]:
    page.wait_for_load_state("load")
    return page.problems + page.evaluate("window.__cspViolations || []")


@pytest.fixture
def content(home):
    page = StandardPage(
        title="À propos",
        slug="a-propos",
        intro="<p>Le cluster en bref.</p>",
        body=json.dumps([{"type": "embed", "value": VIDEO}]),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    # The oEmbed answer as Wagtail caches it: no request leaves the machine.
    Embed.objects.create(
        url=VIDEO,
        hash=get_embed_hash(VIDEO),
        type="video",
        html='<iframe width="560" height="315" title="Présentation" allowfullscreen '
        'src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"></iframe>',
        provider_name="YouTube",
    )
    Theme.objects.create(name="Transition écologique", slug="transition-ecologique")
    return page


def test_public_pages_and_a_video_embed_load_without_any_violation(live_server, watched, content):
    for path in ["/", content.url, "/recherche/?q=cluster", "/page-absente/"]:
        watched.goto(live_server.url + path)
        assert violations(watched) == [], path
    watched.goto(live_server.url + content.url)
    expect(watched.locator(".embed iframe")).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
    )


def test_the_listener_does_see_a_violation(live_server, watched, content):
    """The check above can fail: an inline script injected into a public page is reported."""
    watched.goto(live_server.url + content.url)
    watched.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.hacked = 1'; document.body.append(s); }"
    )
    assert any("script-src" in problem for problem in violations(watched))
    assert watched.evaluate("window.hacked") is None


def test_editor_explores_edits_publishes_and_lists_snippets_without_violation(
    live_server, watched, content
):
    get_user_model().objects.create_superuser("claire", "claire@passerelles.test", PASSWORD)
    watched.goto(live_server.url + "/admin/")
    watched.locator("#id_username").fill("claire")
    watched.locator("#id_password").fill(PASSWORD)
    watched.get_by_role("button", name="S'identifier").click()
    expect(watched.get_by_role("heading", level=1)).to_be_visible()
    assert violations(watched) == []

    watched.goto(f"{live_server.url}/admin/pages/{content.get_parent().pk}/")
    expect(watched.get_by_role("link", name="À propos").first).to_be_visible()
    assert violations(watched) == []

    watched.goto(f"{live_server.url}/admin/pages/{content.pk}/edit/")
    watched.get_by_role("textbox", name=re.compile("^Titre")).first.fill("À propos du cluster")
    watched.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    watched.locator('button[name="action-publish"]').click()
    expect(watched.locator(".messages")).to_contain_text("publiée")
    assert violations(watched) == []
    content.refresh_from_db()
    assert content.title == "À propos du cluster" and content.live

    for listing, expected in [
        ("/admin/snippets/hub/theme/", "Transition écologique"),
        ("/admin/courriels/", "Courriels transactionnels"),
    ]:
        watched.goto(live_server.url + listing)
        expect(watched.get_by_text(expected).first).to_be_visible()
        assert violations(watched) == [], listing

    # The editor's view of the public page: the Wagtail user bar works under the public policy.
    watched.goto(live_server.url + content.url)
    expect(watched.locator("wagtail-userbar")).to_have_count(1)
    assert violations(watched) == []
