"""System checks: a malformed watch setting is reported when the site or a worker starts
(`manage.py check`, `runserver`, `qcluster`), not at the first fetch of a round hours later."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def allowed_networks_are_networks(app_configs=None, **kwargs) -> list[Error]:
    from watch.collection.fetch import allowed_networks

    try:
        allowed_networks()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="A comma-separated list of CIDR networks, e.g. 127.0.0.0/8,::1/128.",
                id="watch.E001",
            )
        ]
    return []
