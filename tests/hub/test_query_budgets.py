"""Query budgets of every page type, anonymous and as an approved member, and what the caches of
hub/cache.py must never do: serve a stale fragment after a publish, or one person's page to another.

Budgets are measured with the fragment cache on and warm (the second request), as production
runs; the cold request is checked too, so that no listing grows with its number of items.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import booking
from members import threads
from tests.events.factories import add_event
from tests.hub.world import Site
from tests.members.factories import member
from tests.resources.factories import (
    GuidePageFactory,
    body,
)
from tests.watch.factories import CallFactory, ItemFactory

# (anonymous, member) queries of a page once the fragment cache is warm (one of them finds the
# page's translations, for the language switch and hreflang links).
BUDGETS = {
    "home": (13, 18),
    "standard": (7, 12),
    "index": (15, 20),
    "guide": (16, 21),
    "training": (16, 21),
    "scheme": (17, 22),
    "directory": (9, 14),
    "mentoring": (11, 16),
    "mesh": (11, 16),
    "agenda": (13, 18),
    "cycle": (12, 17),
    "event": (16, 21),
    "calls": (11, 16),
    "news": (11, 16),
    "subscription": (8, 13),
    "showcase": (9, 14),
}
MEMBER_BUDGETS = {
    "space": 14,  # + the applications to support schemes (mentoring, scheme forms)
    "directory": 11,
    "workspace": 16,
    "threads": 13,
    "thread": 17,
    "documents": 12,
}


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


def within_budgets(client, urls: dict[str, str], budget_of, django_assert_max_num_queries):
    """Each page's warm request (the second) takes at most its budget of queries."""
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url
        with django_assert_max_num_queries(budget_of(name), info=f"{name}: {url}"):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_every_page_type_stays_within_its_query_budget(
    client, site, claire, django_assert_max_num_queries
):
    """Every page type, anonymous then as an approved member, and the members' own pages."""
    urls = {name: getattr(site, name).url for name in BUDGETS}
    check = django_assert_max_num_queries
    within_budgets(client, urls, lambda name: BUDGETS[name][0], check)
    client.force_login(claire)
    within_budgets(client, urls, lambda name: BUDGETS[name][1], check)
    thread = threads.start(site.workspace, claire, "Ordre du jour", "Premier message", notify=False)
    slug = site.workspace.slug
    members_urls = {
        "space": reverse("members:space"),
        "directory": reverse("members:directory"),
        "workspace": reverse("members:workspace", args=[slug]),
        "threads": reverse("members:threads", args=[slug]),
        "thread": reverse("members:thread", args=[slug, thread.pk]),
        "documents": reverse("members:documents", args=[slug]),
    }
    within_budgets(client, members_urls, MEMBER_BUDGETS.get, check)


@pytest.mark.django_db
def test_listings_cost_the_same_with_many_items(client, home, fragments):
    """Home, resource index, agenda, cycle, calls and news: no more queries for 12 items than 2."""
    few = Site(home, size=2)
    measured = {name: len_of(client, url) for name, url in few.urls(BUDGETS).items()}
    for extra in range(10):
        GuidePageFactory(parent=few.index, body=body("Encore"))
        add_event(few.cycle, days_ahead=20 + extra)
        CallFactory()
        ItemFactory(status="accepted")
    for name in ("home", "index", "agenda", "cycle", "calls", "news"):
        assert len_of(client, few.urls(BUDGETS)[name]) <= measured[name], name


def len_of(client, url) -> int:
    cache.clear()  # the cold request: every listing query runs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_publishing_replaces_cached_fragments_and_menu(client, site):
    guide = site.guide
    client.get(guide.url)
    assert "Texte 0" in client.get(guide.url).content.decode()
    guide.body = body("Texte réécrit")
    guide.title = "Guide renommé"
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Texte réécrit" in html and "Texte 0" not in html
    assert "Guide renommé" in html
    # A menu entry renamed and published shows on every page, not only its own.
    site.standard.title = "Qui sommes-nous"
    site.standard.save_revision().publish()
    assert "Qui sommes-nous" in client.get(guide.url).content.decode()


@pytest.mark.django_db
def test_members_never_see_each_others_pages(client, site, claire, settings):
    settings.PAGE_CACHE_SECONDS = 300
    julien = member(
        "julien@exemple.org", full_name="Julien Marchand", structure="Atelier Bazalte"
    ).user
    applicant = booking.Applicant(name="Claire Fontaine", email="claire@exemple.org")
    booking.register(site.event, applicant, notify=False)
    pages = [reverse("members:space"), site.event.url, site.guide.url, "/"]
    seen = {}
    for _round in range(2):
        for user, name in ((claire, "Compagnie des Volcans"), (julien, "Atelier Bazalte")):
            client.force_login(user)
            for url in pages:
                seen[(name, url)] = client.get(url).content.decode()
            client.logout()
    space = reverse("members:space")
    claire_structure, julien_structure = "Compagnie des Volcans", "Atelier Bazalte"
    assert (
        claire_structure in seen[(claire_structure, space)]
        and julien_structure in seen[(julien_structure, space)]
    )
    assert site.event.title in seen[(claire_structure, space)]  # her registration
    assert site.event.title not in seen[(julien_structure, space)]
    for url in pages:
        for mine, theirs, address in (
            (julien_structure, claire_structure, "claire@exemple.org"),
            (claire_structure, julien_structure, "julien@exemple.org"),
        ):
            html = seen[(mine, url)]
            assert theirs not in html and address not in html, (mine, url)
    # A visitor after them gets neither's page (the page cache keeps only anonymous pages).
    client.cookies.clear()
    for url in (site.event.url, site.guide.url, "/"):
        html = client.get(url).content.decode()
        assert "Compagnie des Volcans" not in html and "Atelier Bazalte" not in html, url
        assert "claire@exemple.org" not in html and "julien@exemple.org" not in html, url
        assert reverse("account_logout") not in html, url
