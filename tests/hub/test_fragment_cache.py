"""The fragment cache (hub/cache.py, `{% wagtailpagecache … fragment_version %}`) with a real
local cache: what an editor publishes shows on the next request of a logged-in member, and what
is cached once is never one person's: two members and a visitor asking for the same pages, cold
and warm, each get their own name, registrations, workspaces and CSRF token.
"""

import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from events import booking
from hub.models import SiteSettings
from tests.members.factories import member
from tests.members.workspace_factories import seat, workspace
from tests.resources.factories import body

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def julien(site):
    user = member(
        "julien@exemple.org", full_name="Julien Marchand", structure="Atelier Bazalte"
    ).user
    seat(workspace("reseau-bois", "Réseau bois local"), user)
    return user


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def warm(client, url) -> str:
    """The page twice: the second answer comes from the warm fragments."""
    html_of(client, url)
    return html_of(client, url)


# --- (a) publishing shows at once, for members too -------------------------------------------


@pytest.mark.django_db
def test_member_sees_a_new_home_revision_at_once(client, site, claire):
    client.force_login(claire)
    assert "Traverser les transitions" in warm(client, "/")
    site.home.hero_title = "Franchir les frontières"
    site.home.save_revision().publish()
    html = html_of(client, "/")
    assert "Franchir les frontières" in html and "Traverser les transitions" not in html


@pytest.mark.django_db
def test_member_sees_a_new_guide_revision_at_once(client, site, claire):
    client.force_login(claire)
    guide = site.guide
    assert "Texte 0" in warm(client, guide.url)
    guide.body = body("Texte réécrit par l’équipe")
    guide.save_revision().publish()
    html = html_of(client, guide.url)
    assert "Texte réécrit par l’équipe" in html and "Texte 0" not in html


@pytest.mark.django_db
def test_member_sees_a_new_event_revision_at_once(client, site, claire):
    client.force_login(claire)
    event = site.event
    event.intro = "<p>Premier programme</p>"
    event.save_revision().publish()
    assert "Premier programme" in warm(client, event.url)
    event.intro = "<p>Programme revu</p>"
    event.save_revision().publish()
    html = html_of(client, event.url)
    assert "Programme revu" in html and "Premier programme" not in html
    # The agenda lists it under its new title too.
    assert event.title in warm(client, site.agenda.url)
    event.title = "Atelier renommé"
    event.save_revision().publish()
    assert "Atelier renommé" in html_of(client, site.agenda.url)


@pytest.mark.django_db
def test_member_sees_new_site_settings_in_the_footer_at_once(client, site, claire):
    client.force_login(claire)
    settings_row = SiteSettings.for_site(site.home.get_site())
    settings_row.footer_text = "Cluster des transitions"
    settings_row.save()
    assert "Cluster des transitions" in warm(client, site.guide.url)
    settings_row.footer_text = "Réseau des filières en transition"
    settings_row.save()
    for url in ("/", site.guide.url, site.event.url):
        html = html_of(client, url)
        assert "Réseau des filières en transition" in html, url
        assert "Cluster des transitions" not in html, url


@pytest.mark.django_db
def test_a_deleted_page_is_gone_at_once(client, site, claire):
    """Routes are cached too (hub.cache.CachedSiteMiddleware): deleting a page drops them."""
    client.force_login(claire)
    url = site.guide.url
    warm(client, url)
    site.guide.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_routable_pages_keep_their_views_from_the_cached_route(client, site, claire):
    """A routable page's sub-address (the calls archive) and its main one, warm and cold."""
    client.force_login(claire)
    for url in (site.calls.url + "archives/", site.calls.url, site.calls.url + "archives/"):
        first, second = html_of(client, url), html_of(client, url)
        assert first == second, url
    assert 'aria-current="page"' in first
    assert client.get(site.calls.url + "inconnu/").status_code == 404


@pytest.mark.django_db
def test_a_page_made_private_is_no_longer_served_from_the_caches(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    url = site.guide.url
    warm(client, url)
    PageViewRestriction.objects.create(page=site.guide, restriction_type="login")
    response = client.get(url)
    assert response.status_code == 302 and "Texte 0" not in response.content.decode()


# --- (b) nothing personal is ever shared ------------------------------------------------------


def csrf_secret(client, html: str) -> str:
    """The secret behind the page's form tokens: it must be the one of this visitor's cookie."""
    tokens = CSRF_INPUT.findall(html)
    assert tokens, "the page should hold a form"
    cookie = client.cookies["csrftoken"].value  # the bare secret since Django 4.1
    for token in tokens:
        assert _unmask_cipher_token(token) == cookie
    return cookie


@pytest.mark.django_db
def test_members_and_visitors_never_see_each_others_data(site, claire, julien):
    booking.register(
        site.event,
        booking.Applicant(name="Claire Fontaine", email="claire@exemple.org"),
        notify=False,
    )
    people = {
        "claire": (claire, "Compagnie des Volcans", "claire@exemple.org", "Projet européen"),
        "julien": (julien, "Atelier Bazalte", "julien@exemple.org", "Réseau bois local"),
    }
    clients = {"visitor": Client()}
    for name, (user, *_rest) in people.items():
        clients[name] = Client()
        clients[name].force_login(user)
    space = reverse("members:space")
    pages = ["/", site.guide.url, site.event.url, site.agenda.url, site.calls.url, space]
    seen = {}
    for first in clients:  # each person first on a cold cache, the others served warm
        cache.clear()
        for who in [first, *(other for other in clients if other != first)]:
            for url in pages:
                response = clients[who].get(url, follow=True)
                assert response.status_code == 200, (who, url)
                seen[(who, url, first)] = response.content.decode()
    for who, (_user, structure, _address, workspace_title) in people.items():
        own = seen[(who, space, "visitor")]
        assert structure in own and workspace_title in own, who
    assert site.event.title in seen[("claire", space, "julien")]  # her registration
    assert site.event.title not in seen[("julien", space, "claire")]
    secrets = {}
    for (who, url, first), html in seen.items():
        for other, (_user, structure, address, workspace_title) in people.items():
            if other == who:
                continue
            for private in (
                "Claire Fontaine" if other == "claire" else "Julien Marchand",
                structure,
                address,
            ):
                assert private not in html, (who, url, first, private)
            if url == space:
                assert workspace_title not in html, (who, url, first)
        if url == site.event.url:
            secrets.setdefault(who, set()).add(csrf_secret(clients[who], html))
    # One secret per person, kept from one request to the next, and nobody else's.
    assert all(len(values) == 1 for values in secrets.values()), secrets
    assert len(set.union(*secrets.values())) == len(clients)
    assert reverse("account_logout") not in seen[("visitor", "/", "claire")]


@pytest.mark.django_db
def test_a_warm_event_page_gives_each_member_a_token_that_works(site, claire, julien):
    """The registration form's CSRF token is the requester's own, even from warm fragments."""
    for user in (claire, julien, claire):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        html = html_of(browser, site.event.url)
        token = CSRF_INPUT.search(html).group(1)
        response = browser.post(
            reverse("events_register", args=[site.event.pk]),
            {
                "csrfmiddlewaretoken": token,
                "name": user.get_full_name() or "Claire",
                "email": user.email,
                "consent": "on",
            },
        )
        assert response.status_code != 403, user.email
