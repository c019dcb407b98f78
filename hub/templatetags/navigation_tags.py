"""Main menu and breadcrumbs, each in one query, kept until the next publish (hub/cache.py)."""

from django import template
from wagtail.models import Page, Site

from hub.cache import cached
from hub.visibility import exclude_restricted

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # Public pages only (exclude_restricted): the same menu for every visitor.
    return cached(("main-menu", site.pk), lambda: _menu_pages(site))


def _menu_pages(site) -> list[Page]:
    pages = children_of(site.root_page).live().in_menu().order_by("path")
    return list(exclude_restricted(pages, prefix="").only("title", "url_path"))


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
