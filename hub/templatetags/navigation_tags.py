"""Main menu, breadcrumbs and the language switch; menu and breadcrumbs are kept until the next
publish (hub/cache.py)."""

from django import template
from wagtail.models import Page, Site

from hub import locales
from hub.cache import cached
from hub.models.menu import menu_title_models
from hub.visibility import exclude_restricted

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # The sections under the home page of the visitor's language (French when not translated);
    # public pages only (exclude_restricted): the same menu for every visitor of that language.
    home = locales.home_page(request, _page(context))
    return cached(("main-menu", home.pk), lambda: _menu_pages(home))


def _menu_pages(home) -> list[Page]:
    pages = children_of(home).live().in_menu().order_by("path")
    pages = list(exclude_restricted(pages, prefix="").only("title", "url_path"))
    short = _menu_titles([page.pk for page in pages])
    for page in pages:
        # What the menu shows: the page's short menu title, else its title.
        page.menu_label = short.get(page.pk) or page.title
    return pages


def _menu_titles(ids: list[int]) -> dict[int, str]:
    """The `menu_title` of these pages, in one query over every table that has the column."""
    queries = [
        model.objects.filter(pk__in=ids)
        .exclude(menu_title="")
        # Pages are ordered by path: a compound query forbids ORDER BY in its parts.
        .order_by()
        .values_list("pk", "menu_title")
        for model in menu_title_models()
    ]
    if not ids or not queries:
        return {}
    return dict(queries[0].union(*queries[1:], all=True))


def children_of(page):
    """The children of `page`, read through the (depth, path) index (hub migration 0004).

    A child's path is its parent's plus four characters: this range reads only the children,
    where child_of()'s `path LIKE` reads every descendant (10,000 resources for the menu).
    """
    return Page.objects.filter(depth=page.depth + 1, path__range=(page.path, page.path + "ZZZZ"))


@register.simple_tag
def breadcrumbs(page):
    if page is None or page.depth <= 2:
        return []
    return cached(
        ("breadcrumbs", page.pk, page.path),
        lambda: list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path")),
    )


@register.filter
def is_current(menu_page, page):
    """True when `page` is `menu_page` or lies below it."""
    if page is None or not hasattr(page, "url_path"):
        return False
    return page.url_path.startswith(menu_page.url_path)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page (or view) in each language, for the switch and the hreflang links."""
    request = context.get("request")
    if request is None:
        return []
    return locales.language_versions(request, _page(context))


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    """The home page in the visitor's language."""
    request = context.get("request")
    home = locales.home_page(request, _page(context)) if request else None
    return home.get_url(request) if home else "/"


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> of the current page, when it exists in 2+ languages."""
    return locales.alternates(language_versions(context))


def _page(context):
    """The Wagtail page the template shows, if any (`page` may be something else in a view)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None
