from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import health, sitemap, views

# One address for every language: the admin, documents, the sitemap (it lists both languages
# with their alternates), robots.txt and the health check.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What visitors read: French at today's addresses (no prefix, no link breaks), English under
# /en/. Each app adds its public endpoints (forms, feeds, calendars) before Wagtail's catch-all.
urlpatterns += i18n_patterns(
    path("recherche/", views.search, name="search"),
    *[path("", include(module)) for module in settings.APP_URLCONFS],
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"
