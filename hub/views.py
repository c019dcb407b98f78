"""Site-wide views: search, robots.txt and error pages."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from hub import locales
from hub.search import MAX_QUERY_LENGTH, PageSearchResults


@require_GET
def search(request):
    """Search every public page; ranked, paginated, with a result count."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = locales.in_active_locale(Page.objects.live().public())
    results = PageSearchResults(pages, query) if query else None
    page_obj = None
    if results is not None:
        paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "hub/search.html",
        {"query": query, "results": results, "page_obj": page_obj},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /recherche/",
        "Disallow: /en/recherche/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(
        request, "404.html", {"original_page": locales.untranslated_original(request)}, status=404
    )


def server_error(request):
    # No context processors or database here: the error may come from them.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
