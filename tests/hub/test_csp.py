"""Content-Security-Policy: on every response, strict on the public site, nonces that match."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory

from hub.csp import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"
MENU_SCRIPT_HASH = next(
    source
    for source in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    if str(source).startswith("'sha256-")
)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "path", ["/", "/page-qui-n-existe-pas/", "/healthz", "/static/hub/css/site.css", "/sitemap.xml"]
)
def test_every_public_response_carries_the_strict_policy(client, home, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    # No inline script without a nonce, but base.html's, allowed by its hash.
    assert policy["script-src"] == ["'self'", MENU_SCRIPT_HASH]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]


def test_admin_pages_get_the_admin_policy_which_wagtail_needs(client, home):
    for response in (client.get("/admin/"), client.get("/admin/login/")):
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["frame-ancestors"] == ["'self'"]  # the admin frames its own previews
        assert policy["object-src"] == ["'none'"]


def test_an_inline_script_gets_the_nonce_of_its_response():
    template = engines["django"].from_string(
        '<script nonce="{{ request.csp_nonce }}">console.log(1)</script>'
    )

    def view(request):
        return HttpResponse(template.render({}, request))

    request = RequestFactory().get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]
    second = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert nonce not in second["Content-Security-Policy"]  # a new one each time


def test_the_500_page_style_is_the_one_the_policy_allows_by_hash():
    css = re.search(r"<style>(.*?)</style>", (TEMPLATES / "500.html").read_text(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in allowed


def test_the_base_page_script_is_the_one_the_policy_allows_by_hash():
    script = re.search(r"<script>(.*?)</script>", (TEMPLATES / "base.html").read_text(), re.S)
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert MENU_SCRIPT_HASH == f"'sha256-{digest}'"


def _public_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES).as_posix()
        # E-mails (ours in email/, allauth's in account/email/) are read by mail clients (no CSP);
        # admin screens have the admin policy.
        is_email = relative.startswith("email/") or "/email/" in relative
        if is_email or "admin" in relative or relative == "500.html":
            continue
        yield relative, path.read_text()


def test_public_templates_have_no_inline_script_without_nonce_and_no_inline_style():
    offending = []
    for name, text in _public_templates():
        for tag in re.findall(r"<script\b[^>]*>", text):
            allowed_by_hash = name == "base.html" and tag == "<script>"
            if (
                "src=" not in tag
                and "nonce=" not in tag
                and "application/ld+json" not in tag
                and not allowed_by_hash
            ):
                offending.append(f"{name}: {tag}")
        if re.search(r"<style\b|\sstyle=", text) or re.search(r"\son[a-z]+=", text):
            offending.append(f"{name}: inline style or event handler")
    assert offending == []


def test_the_admin_shows_no_gravatar_and_its_policy_allows_none(admin_client, home):
    response = admin_client.get("/admin/")
    assert "gravatar.com" not in response.content.decode()
    assert "www.gravatar.com" not in directives(response)["img-src"]
