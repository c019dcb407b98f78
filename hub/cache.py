"""Anonymous page cache: whole responses for visitors without a session, purged on publish.

Why a middleware and not `{% cache %}`: it skips rendering and most queries, and its rules are
simple to reason about. A response is never cached when it could be personal or go stale in a
harmful way: the visitor has a session cookie (editors, anyone with a flash message), the page
used a CSRF token (every form), the response sets a cookie or says private/no-store.
Publishing, unpublishing, moving or deleting a page, changing who may see one, or saving site
settings or taxonomy, bumps a generation number that is part of every key: the whole cache is
purged at once.

The same generation keys what every request of logged-in members would otherwise rebuild: the
site, each path's route, the settings, the main menu, breadcrumbs, a page's translations and its
JSON-LD (`cached`), and template fragments cached per page and revision
(`{% wagtailpagecache … fragment_version %}`). None of it depends on the visitor.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Page, Site

GENERATION_KEY = "pagecache:generation"
CACHEABLE_TYPES = (
    "text/html",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "text/calendar",
)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def purge_page_cache(**kwargs) -> None:
    """Invalidate every cached page (connected to publish/unpublish and content signals)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached(parts: tuple, build, seconds: int | None = None):
    """`build()`, kept FRAGMENT_CACHE_SECONDS (or fewer `seconds`) under a key of `parts` and
    the generation.

    Only for what is the same for every visitor (never user data): a purge makes it stale.
    """
    seconds = min(seconds or settings.FRAGMENT_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS)
    if seconds <= 0:
        return build()
    key = ":".join(["fragment", str(generation()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def _cache_key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"pagecache:{generation()}:{request.get_host()}:{language}:{digest}"


def _request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))


def _response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # Set by get_token() (every {% csrf_token %}) since Django 4.1; CSRF_COOKIE_USED is gone.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return response.get("Content-Type", "").startswith(CACHEABLE_TYPES)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not _request_is_cacheable(request):
            return self.get_response(request)
        key = _cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            patch_vary_headers(response, ["Cookie"])
            headers = {name: value for name, value in response.items()}
            cache.set(key, (response.content, headers), seconds)
            response["X-Page-Cache"] = "miss"
        return response


class CachedSiteMiddleware:
    """Wagtail's site for the request, its root page already specific, and the page a path
    leads to, from the cache.

    Wagtail reads `request._wagtail_site` before querying: routing then skips two queries (the
    site, the home page's own row) on every page a member or an uncached visitor asks for.
    It reads `request._wagtail_route_for_request` too: the route (the specific page, and a
    routable page's view and arguments) is kept per site, language and path, so that a page
    three levels down costs one unpickling instead of two queries a level. A route depends on
    the path only (no page type here routes on the visitor); who may see the page is still
    checked on every request, after routing (Wagtail's and members' `before_serve_page` hooks).
    Publishing, unpublishing or moving any page changes the generation, hence every key.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.FRAGMENT_CACHE_SECONDS > 0:
            request._wagtail_site = cached(
                ("site", request._get_raw_host(), request.get_port(), translation.get_language()),
                lambda: _site_for(request),
            )
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve  # loads models: not at import time

        if settings.FRAGMENT_CACHE_SECONDS > 0 and view_func is serve and view_args:
            _route_from_cache(request, view_args[0])


def _route_from_cache(request, path: str) -> None:
    """Give Wagtail the route of `path` from the cache, or keep the one it finds (not a 404)."""
    site = Site.find_for_request(request)
    if site is None:
        return
    key = ":".join(
        ["fragment", str(generation()), "route", str(site.pk), translation.get_language(), path]
    )
    route = cache.get(key)
    if route is not None:
        request._wagtail_route_for_request = route
        return
    route = Page.route_for_request(request, path)  # also kept on the request by Wagtail
    if route is not None:
        cache.set(key, route, settings.FRAGMENT_CACHE_SECONDS)


def _site_for(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
