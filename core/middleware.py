from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.middleware.gzip import GZipMiddleware


class SiteCSPMiddleware(CSPMiddleware):
    """The site's strict policy everywhere; the admin also allows its own style attributes."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts


class TextGZipMiddleware(GZipMiddleware):
    """Compress HTML and other text; leave downloads (PDF, office files, images) as they are, so they
    keep their Content-Length and are not squeezed twice."""

    COMPRESSIBLE = ("text/", "application/xml", "application/json", "application/atom+xml", "application/ld+json")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
