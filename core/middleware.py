from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers


class SiteCSPMiddleware(CSPMiddleware):
    """The site's strict policy everywhere; the admin also allows its own style attributes."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts


def accepts_gzip(request):
    """Whether the client takes a gzip body: "gzip" is one of the codings of its Accept-Encoding, and
    not refused with ``q=0``.

    Django's GZipMiddleware looks for the word (``\\bgzip\\b``, case-sensitive), so "xgzip" does not
    count there either, but "gzip;q=0" would. The page cache keys its entries on this answer and
    TextGZipMiddleware compresses on it, so what is stored under "gzip" is always compressed and what
    is stored under "identity" never is.
    """
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, *params = (part.strip() for part in coding.split(";"))
        if name != "gzip":  # case-sensitive, as Django's own test
            continue
        for param in params:
            key, _sign, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


class TextGZipMiddleware(GZipMiddleware):
    """Compress HTML and other text; leave downloads (PDF, office files, images) as they are, so they
    keep their Content-Length and are not squeezed twice. Only for clients that accept gzip as
    ``accepts_gzip`` reads it."""

    COMPRESSIBLE = ("text/", "application/xml", "application/json", "application/atom+xml", "application/ld+json")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        if not accepts_gzip(request):
            if not response.has_header("Content-Encoding"):
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)
