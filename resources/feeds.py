"""Atom feeds of new resources, overall and per theme; public resources only."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from hub.visibility import exclude_restricted

FEED_SIZE = 30


class ResourceFeed(Feed):
    """The newest resources of an index page; a feed reader is anonymous, so public ones only."""

    feed_type = Atom1Feed

    def __init__(self, index_page, theme=None):
        super().__init__()
        self.index_page = index_page
        self.theme = theme

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.theme is not None:
            return _("%(index)s — %(theme)s") % {
                "index": self.index_page.title,
                "theme": self.theme.translated_name,
            }
        return self.index_page.title

    def link(self):
        if self.theme is not None:
            return self.index_page.theme_url(self.theme)
        return self.index_page.url

    def subtitle(self):
        return _("Les dernières ressources publiées : guides, formations, accompagnements.")

    def items(self):
        entries = exclude_restricted(self.index_page.entries())
        if self.theme is not None:
            entries = entries.filter(themes=self.theme)
        return list(
            entries.select_related("page").prefetch_related("themes").newest_first()[:FEED_SIZE]
        )

    def item_title(self, entry):
        return entry.page.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.page.get_url(self.request)

    def item_guid(self, entry):
        return entry.page.get_full_url(self.request)

    def item_pubdate(self, entry):
        return timezone.make_aware(datetime.combine(entry.publication_date, time(8)))

    def item_updateddate(self, entry):
        return entry.page.last_published_at or self.item_pubdate(entry)

    def item_categories(self, entry):
        return [theme.translated_name for theme in entry.themes.all()]
