from django.conf import settings


def site_context(request):
    """What every template may need: the site name."""
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}
