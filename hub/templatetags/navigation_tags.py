"""Main menu and breadcrumbs, each in one query."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(
        Page.objects.child_of(site.root_page).live().public().in_menu().only("title", "url_path")
    )


@register.simple_tag
def breadcrumbs(page):
    if page is None or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path"))


@register.filter
def is_current(menu_page, page):
    """True when `page` is `menu_page` or lies below it."""
    if page is None or not hasattr(page, "url_path"):
        return False
    return page.url_path.startswith(menu_page.url_path)
