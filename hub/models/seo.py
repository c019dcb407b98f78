"""Structured data (schema.org JSON-LD) and Open Graph for every page type."""

from wagtail.models import Site

from hub.cache import cached
from hub.locales import active_language

# As the timely fragments (hub/context_processors.py): no staler than the anonymous page cache.
TIMELY_SECONDS = 300


class SeoMixin:
    """Gives a page its JSON-LD and Open Graph image; page types override what they know better."""

    def get_json_ld(self, request) -> dict | list | None:
        return {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.seo_title or self.title,
            "description": self.search_description or None,
            "url": self.get_full_url(request),
            "inLanguage": active_language(),
        }

    def get_og_image(self):
        """An image for social cards, or None."""
        return None

    def site_name(self, request) -> str:
        """The name of the site serving this request (Wagtail caches the site on the request)."""
        site = Site.find_for_request(request) if request is not None else None
        return (site or self.get_site()).site_name or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor of this address (nothing personal in structured data),
        # kept per revision, language and address; five minutes at most, since an event's
        # availability follows its seats (a change from free to full also purges it).
        if getattr(request, "is_preview", False):  # a draft: its own, never the live one's
            context["json_ld"] = self.get_json_ld(request)
        else:
            context["json_ld"] = cached(
                ("json-ld", self.cache_key, request.get_host(), active_language(),
                 request.get_full_path()),
                lambda: self.get_json_ld(request),
                seconds=TIMELY_SECONDS,
            )  # fmt: skip
        context["og_image"] = self.get_og_image()
        return context
