"""Content-Security-Policy on every response: strict on the public site, looser in the admin.

django-csp writes the header (and `request.csp_nonce` for inline scripts). The Wagtail admin
still ships inline scripts and styles of its own (form widgets, inline panels), so its paths get
ADMIN_CONTENT_SECURITY_POLICY, which allows them; such a policy carries no nonce, since a nonce
would make browsers ignore 'unsafe-inline'.
"""

from dataclasses import replace

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.ADMIN_CSP_URL_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None or not is_admin_path(request.path_info):
            return parts
        admin = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return replace(parts, config=admin, nonce=None)
