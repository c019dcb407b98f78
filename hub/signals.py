"""Signal handlers of the site: purging the page cache (and fragments) when content changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from hub.cache import purge_page_cache
from hub.models import Audience, Sector, SiteSettings, Territory, Theme

page_published.connect(purge_page_cache, dispatch_uid="purge-on-publish")
page_unpublished.connect(purge_page_cache, dispatch_uid="purge-on-unpublish")
post_page_move.connect(purge_page_cache, dispatch_uid="purge-on-move")
# A deleted page (Wagtail sends no unpublish signal then) must leave the cache and the cached
# routes at once, and a page made private (or public) must stop being served from them.
post_delete.connect(purge_page_cache, sender=Page, dispatch_uid="purge-del-Page")
# Sites are cached too (hub.cache.CachedSiteMiddleware).
for model in (Theme, Audience, Sector, Territory, Site, PageViewRestriction):
    post_save.connect(purge_page_cache, sender=model, dispatch_uid=f"purge-save-{model.__name__}")
    post_delete.connect(purge_page_cache, sender=model, dispatch_uid=f"purge-del-{model.__name__}")


@receiver(post_save, sender=SiteSettings)
def purge_on_settings_change(sender, created, **kwargs):
    # Wagtail creates default settings on the first page view: nothing visible changed then.
    if not created:
        purge_page_cache()
