from django.conf import settings


def site_context(request):
    """What every template may need: the canonical site URL and the site name."""
    return {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.WAGTAIL_SITE_NAME}
