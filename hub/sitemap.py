"""sitemap.xml: the pages of every language, each with its translations as alternates."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap reads the French tree only; this one reads every home's tree."""

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        in_a_tree = Q()
        for home in homes.only("path"):
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates(pages)
        urls = []
        last_mods = set()
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates.get(item.translation_key, [])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _alternates(self, pages) -> dict:
        """{translation key: [{lang_code, location}, …]} for pages that exist in 2+ languages."""
        versions = defaultdict(dict)
        rows = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
            .only("url_path", "translation_key", "locale", "locale__language_code")
        )
        for row in rows:
            versions[row.translation_key][row.locale.language_code] = row.get_full_url(self.request)
        alternates = {}
        for key, by_language in versions.items():
            if len(by_language) < 2:
                continue
            links = [{"lang_code": code, "location": url} for code, url in by_language.items()]
            if settings.LANGUAGE_CODE in by_language:
                links.append(
                    {"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]}
                )
            alternates[key] = links
        return alternates


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": LocalizedSitemap})
