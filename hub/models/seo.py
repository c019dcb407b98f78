"""Structured data (schema.org JSON-LD) and Open Graph for every page type."""

from wagtail.models import Site

from hub.locales import active_language


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
        context["json_ld"] = self.get_json_ld(request)
        context["og_image"] = self.get_og_image()
        return context
